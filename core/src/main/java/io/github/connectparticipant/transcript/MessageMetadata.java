package io.github.connectparticipant.transcript;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Metadata of a message: its receipts and processing status.
 *
 * @param messageId the message's id
 * @param receipts delivery and read receipts, one per recipient
 * @param processingStatus the service's processing status ({@code PROCESSING},
 * {@code FAILED}, {@code REJECTED}), if any
 */
public record MessageMetadata(@Nullable String messageId, List<Receipt> receipts, @Nullable String processingStatus) {

	/**
	 * Copy the receipts.
	 */
	public MessageMetadata {
		receipts = List.copyOf(receipts);
	}

}
