package io.github.connectparticipant.transcript;

import java.util.ArrayList;
import java.util.List;

import io.github.connectparticipant.ServiceTime;
import io.github.connectparticipant.attachment.AttachmentStatus;
import software.amazon.awssdk.services.connectparticipant.model.AttachmentItem;
import software.amazon.awssdk.services.connectparticipant.model.Item;

/**
 * Maps the SDK's transcript items to the library's.
 */
final class TranscriptItems {

	private TranscriptItems() {
	}

	static TranscriptItem of(Item item) {
		List<TranscriptAttachment> attachments = List.of();
		if (item.hasAttachments()) {
			attachments = new ArrayList<>(item.attachments().size());
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
							ServiceTime.parse(receipt.deliveredTimestamp()),
							ServiceTime.parse(receipt.readTimestamp()))));
			}
			metadata = new MessageMetadata(item.messageMetadata().messageId(), receipts,
					item.messageMetadata().messageProcessingStatusAsString());
		}
		return new TranscriptItem((item.id() != null) ? item.id() : "",
				TranscriptItemType.fromValue(item.typeAsString()),
				ParticipantRole.fromValue(item.participantRoleAsString()), item.participantId(), item.displayName(),
				item.contentType(), item.content(), ServiceTime.parse(item.absoluteTime()), attachments, metadata,
				item.contactId(), item.relatedContactId());
	}

}
