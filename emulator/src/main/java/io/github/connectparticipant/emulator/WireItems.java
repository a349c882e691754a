package io.github.connectparticipant.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.connectparticipant.emulator.Item.Receipt;
import io.github.connectparticipant.emulator.Wire.AttachmentItem;
import io.github.connectparticipant.emulator.Wire.MessageMetadata;
import io.github.connectparticipant.emulator.Wire.ReceiptItem;
import io.github.connectparticipant.emulator.Wire.TranscriptItem;

/**
 * Transcript items as GetTranscript answers them and the chat WebSocket pushes them. Runs
 * under the contact's lock, as every read of a contact.
 */
final class WireItems {

	private final EmulatorClock clock;

	WireItems(EmulatorClock clock) {
		this.clock = clock;
	}

	TranscriptItem item(Contact contact, Item item) {
		List<AttachmentItem> attachments = null;
		if (item.attachment != null) {
			Attachment attachment = item.attachment;
			attachments = List.of(new AttachmentItem(attachment.contentType, attachment.id, attachment.name,
					attachment.status(this.clock.instant())));
		}
		MessageMetadata metadata = null;
		if (!item.receipts.isEmpty()) {
			List<ReceiptItem> receipts = new ArrayList<>();
			item.receipts.values().forEach((receipt) -> receipts.add(receipt(receipt)));
			metadata = new MessageMetadata(item.id, receipts);
		}
		return new TranscriptItem(Wire.time(item.time), item.content, item.contentType, item.id, item.type,
				item.participantId, item.displayName, item.role, contact.id, attachments, metadata, null);
	}

	/** The {@code MESSAGEMETADATA} item of one receipt. */
	TranscriptItem receipt(Contact contact, Item message, Receipt receipt, Instant time) {
		return new TranscriptItem(Wire.time(time), null, ContentTypes.METADATA, UUID.randomUUID().toString(),
				ItemType.MESSAGEMETADATA, null, null, null, contact.id, null,
				new MessageMetadata(message.id, List.of(receipt(receipt))), null);
	}

	private static ReceiptItem receipt(Receipt receipt) {
		return new ReceiptItem((receipt.delivered != null) ? Wire.time(receipt.delivered) : null,
				(receipt.read != null) ? Wire.time(receipt.read) : null, receipt.participantId);
	}

}
