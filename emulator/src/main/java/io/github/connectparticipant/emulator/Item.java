package io.github.connectparticipant.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A transcript item: a message, an event or an attachment, with its receipts. */
final class Item implements TranscriptPager.Positioned {

	final String id;

	final Instant time;

	final ItemType type;

	final String contentType;

	final String content;

	final String participantId;

	final String displayName;

	final ParticipantRole role;

	final Attachment attachment;

	/** Receipts by the id of the participant who sent them; under the contact's lock. */
	final Map<String, Receipt> receipts = new LinkedHashMap<>();

	private Item(ItemType type, String contentType, String content, Participant participant, Attachment attachment,
			Instant time) {
		this.id = UUID.randomUUID().toString();
		this.time = time;
		this.type = type;
		this.contentType = contentType;
		this.content = content;
		this.participantId = (participant != null) ? participant.id : null;
		this.displayName = (participant != null) ? participant.displayName : null;
		this.role = (participant != null) ? participant.role : null;
		this.attachment = attachment;
	}

	/** An event; {@code participant} is null for the chat's own events. */
	static Item event(String contentType, Participant participant, Instant time) {
		return new Item(ItemType.EVENT, contentType, null, participant, null, time);
	}

	static Item message(Participant participant, String contentType, String content, Instant time) {
		return new Item(ItemType.MESSAGE, contentType, content, participant, null, time);
	}

	static Item attachment(Participant participant, Attachment attachment, Instant time) {
		return new Item(ItemType.ATTACHMENT, attachment.contentType, null, participant, attachment, time);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Instant time() {
		return this.time;
	}

	/** A participant's receipt for a message: when it was delivered and read. */
	static final class Receipt {

		final String participantId;

		Instant delivered;

		Instant read;

		Receipt(String participantId) {
			this.participantId = participantId;
		}

		/**
		 * Records a delivery, or a reading (which implies delivery); the first time of
		 * each is kept.
		 */
		void mark(boolean read, Instant time) {
			this.delivered = (this.delivered != null) ? this.delivered : time;
			if (read) {
				this.read = (this.read != null) ? this.read : time;
			}
		}

	}

}
