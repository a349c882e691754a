package io.github.connectparticipant.transcript;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.github.connectparticipant.attachment.AttachmentStatus;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.connectparticipant.model.AttachmentItem;
import software.amazon.awssdk.services.connectparticipant.model.Item;

/**
 * Maps the SDK's transcript items to the library's.
 */
final class TranscriptItems {

	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private TranscriptItems() {
	}

	static TranscriptItem of(Item item) {
		List<TranscriptAttachment> attachments = new ArrayList<>();
		if (item.hasAttachments()) {
			for (AttachmentItem attachment : item.attachments()) {
				attachments.add(new TranscriptAttachment(attachment.attachmentId(), attachment.attachmentName(),
						attachment.contentType(), AttachmentStatus.fromValue(attachment.statusAsString())));
			}
		}
		MessageMetadata metadata = null;
		if (item.messageMetadata() != null) {
			List<Receipt> receipts = new ArrayList<>();
			if (item.messageMetadata().hasReceipts()) {
				item.messageMetadata()
					.receipts()
					.forEach((receipt) -> receipts.add(new Receipt(receipt.recipientParticipantId(),
							parseTime(receipt.deliveredTimestamp()), parseTime(receipt.readTimestamp()))));
			}
			metadata = new MessageMetadata(item.messageMetadata().messageId(), receipts,
					item.messageMetadata().messageProcessingStatusAsString());
		}
		return new TranscriptItem((item.id() != null) ? item.id() : "", TranscriptItemType.fromValue(item.typeAsString()),
				ParticipantRole.fromValue(item.participantRoleAsString()), item.participantId(), item.displayName(),
				item.contentType(), item.content(), parseTime(item.absoluteTime()), attachments, metadata,
				item.contactId(), item.relatedContactId());
	}

	static @Nullable Instant parseTime(@Nullable String time) {
		if (time == null || time.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(time);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(time).toInstant();
			}
			catch (DateTimeParseException ignored) {
				return null;
			}
		}
	}

	static String formatTime(Instant time) {
		return ISO_MILLIS.format(time.truncatedTo(ChronoUnit.MILLIS));
	}

}
