package io.github.connectparticipant.emulator;

import java.time.Instant;

import io.github.connectparticipant.emulator.ChatStore.Contact;
import io.github.connectparticipant.emulator.ChatStore.Item;
import io.github.connectparticipant.emulator.ChatStore.Participant;
import io.github.connectparticipant.emulator.ChatStore.Receipt;

/**
 * What another participant (an agent, a bot, a supervisor) does in a chat besides writing
 * messages, for the control API: typing, a read or delivered receipt, leaving. Each has
 * the effect the same action has through the Participant API, and is pushed on the chat
 * WebSocket as Connect pushes it.
 */
final class ParticipantActions {

	private final ChatStore store;

	ParticipantActions(ChatStore store) {
		this.store = store;
	}

	/**
	 * Pushes a typing event from the participant (typing is not kept in the transcript).
	 */
	void typing(String contactId, String role, String displayName) {
		ChatStore.checkRole(role);
		Contact contact = this.store.controlled(contactId);
		synchronized (contact) {
			Participant participant = active(contact, role, displayName);
			this.store.publish(contact, Item.event(contact, ChatStore.TYPING, participant, this.store.now(contact)));
		}
	}

	/**
	 * Records the participant's receipt for a message and pushes it as a
	 * {@code MESSAGEMETADATA} item.
	 */
	void receipt(String contactId, String messageId, boolean read, String role, String displayName) {
		ChatStore.checkRole(role);
		Contact contact = this.store.controlled(contactId);
		synchronized (contact) {
			Item message = contact.itemsById.get(messageId);
			if (message == null || !"MESSAGE".equals(message.type)) {
				throw ApiException.validation("messageId does not name a message of this chat");
			}
			Participant participant = active(contact, role, displayName);
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
		ChatStore.checkRole(role);
		Contact contact = this.store.controlled(contactId);
		synchronized (contact) {
			Participant participant = active(contact, role, displayName);
			participant.disconnected = true;
			contact.append(Item.event(contact, ChatStore.LEFT, participant, this.store.now(contact)));
			if ("CUSTOMER".equals(role)) {
				this.store.endContact(contactId);
			}
		}
	}

	/** The id of a contact that exists, or a 404. */
	String existing(String contactId) {
		return this.store.controlled(contactId).id;
	}

	private Participant active(Contact contact, String role, String displayName) {
		if (contact.ended) {
			throw ApiException.conflict("The chat has ended");
		}
		return this.store.other(contact, role, displayName);
	}

}
