package io.github.connectparticipant.emulator;

import java.time.Instant;

import io.github.connectparticipant.emulator.Item.Receipt;

/**
 * What another participant (an agent, a bot, a supervisor) does in a chat, for the
 * control API: a message, typing, a read or delivered receipt, leaving. Each has the
 * effect the same action has through the Participant API, and is pushed on the chat
 * WebSocket as Connect pushes it.
 */
final class ParticipantActions {

	private final ChatStore store;

	ParticipantActions(ChatStore store) {
		this.store = store;
	}

	/** Adds a message from the participant to the transcript. */
	Item message(String contactId, String role, String displayName, String content, String contentType) {
		Contact contact = this.store.controlled(contactId);
		ParticipantRole sender = ParticipantRole.parse(role);
		if (content == null || content.isEmpty()) {
			throw ApiException.validation("content must not be empty");
		}
		String type = (contentType != null) ? contentType : "text/plain";
		ContentTypes.checkMessage(type, content, "");
		synchronized (contact) {
			Participant participant = active(contact, sender, displayName);
			return contact.append(Item.message(participant, type, content, this.store.now(contact)));
		}
	}

	/**
	 * Pushes a typing event from the participant (typing is not kept in the transcript).
	 */
	void typing(String contactId, String role, String displayName) {
		ParticipantRole typist = ParticipantRole.parse(role);
		Contact contact = this.store.controlled(contactId);
		synchronized (contact) {
			Participant participant = active(contact, typist, displayName);
			this.store.publish(contact, Item.event(ContentTypes.TYPING, participant, this.store.now(contact)));
		}
	}

	/**
	 * Records the participant's receipt for a message and pushes it as a
	 * {@code MESSAGEMETADATA} item.
	 */
	void receipt(String contactId, String messageId, boolean read, String role, String displayName) {
		ParticipantRole reader = ParticipantRole.parse(role);
		Contact contact = this.store.controlled(contactId);
		synchronized (contact) {
			Item message = contact.itemsById.get(messageId);
			if (message == null || message.type != ItemType.MESSAGE) {
				throw ApiException.validation("messageId does not name a message of this chat");
			}
			Participant participant = active(contact, reader, displayName);
			if (participant.id.equals(message.participantId)) {
				throw ApiException.validation("A participant does not send receipts for its own messages");
			}
			Instant time = this.store.now(contact);
			Receipt receipt = message.receipts.computeIfAbsent(participant.id, Receipt::new);
			receipt.mark(read, time);
			this.store.publishReceipt(contact, message, receipt, time);
		}
	}

	/**
	 * The participant leaves: a participant-left event; the customer leaving ends the
	 * chat.
	 */
	void leave(String contactId, String role, String displayName) {
		ParticipantRole leaver = ParticipantRole.parse(role);
		Contact contact = this.store.controlled(contactId);
		synchronized (contact) {
			this.store.leave(contact, active(contact, leaver, displayName));
		}
	}

	/** The id of a contact that exists, or a 404. */
	String existing(String contactId) {
		return this.store.controlled(contactId).id;
	}

	private Participant active(Contact contact, ParticipantRole role, String displayName) {
		if (contact.ended) {
			throw ApiException.conflict("The chat has ended");
		}
		return this.store.other(contact, role, displayName);
	}

}
