package io.github.connectparticipant.transcript;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message's delivery and read receipt for one recipient.
 *
 * @param recipientParticipantId the recipient
 * @param deliveredAt when the message was delivered
 * @param readAt when the message was read
 */
public record Receipt(@Nullable String recipientParticipantId, @Nullable Instant deliveredAt,
		@Nullable Instant readAt) {
}
