package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;

/**
 * The state of the emulated service: contacts (with their participants, transcripts and
 * attachments), views and the settings in force. Each contact is guarded by its own lock;
 * the maps that index contacts are concurrent. What changes a chat is told to the
 * {@link ChatListener} under the contact's lock.
 */
final class ChatStore {

	private final EmulatorClock clock;

	private final ObjectStore objects;

	private final EmulatorSettings initialSettings;

	private final WireItems wireItems;

	private volatile EmulatorSettings settings;

	private volatile ChatListener listener = ChatListener.NONE;

	private final Map<String, Contact> contacts = new ConcurrentHashMap<>();

	private final Map<String, JsonNode> views = new ConcurrentHashMap<>();

	ChatStore(EmulatorSettings settings, EmulatorClock clock, ObjectStore objects) {
		this.initialSettings = settings;
		this.settings = settings;
		this.clock = clock;
		this.objects = objects;
		this.wireItems = new WireItems(clock);
	}

	EmulatorSettings settings() {
		return this.settings;
	}

	EmulatorClock clock() {
		return this.clock;
	}

	WireItems wireItems() {
		return this.wireItems;
	}

	void listener(ChatListener listener) {
		this.listener = listener;
	}

	ChatListener listener() {
		return this.listener;
	}

	synchronized void updateSettings(UnaryOperator<EmulatorSettings.Builder> change) {
		EmulatorSettings current = this.settings;
		EmulatorSettings updated = change.apply(current.toBuilder()).build();
		this.settings = updated.toBuilder()
			.host(current.host())
			.port(current.port())
			.storageDirectory(current.storageDirectory())
			.workerThreads(current.workerThreads())
			.build();
	}

	synchronized void reset() {
		this.contacts.clear();
		this.views.clear();
		this.settings = this.initialSettings;
		this.objects.clear();
	}

	// ---------------------------------------------------------------- contacts

	/** A new contact whose first participant, the customer, has joined. */
	Contact newContact(String instanceId, String contactFlowId, Participant customer, Wire.ChatMessage initialMessage) {
		Contact contact = new Contact(customer.contactId, instanceId, contactFlowId, this::publish);
		synchronized (contact) {
			contact.participants.put(customer.id, customer);
			contact.append(Item.event(ContentTypes.JOINED, customer, now(contact)));
			if (initialMessage != null) {
				contact.append(
						Item.message(customer, initialMessage.contentType(), initialMessage.content(), now(contact)));
			}
		}
		this.contacts.put(contact.id, contact);
		this.listener.chatStarted(contact.id, this.clock.instant());
		return contact;
	}

	/** The contact of a participant's token: gone after a reset, so access is denied. */
	Contact contact(String contactId) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			throw ApiException.accessDenied("The chat no longer exists");
		}
		return contact;
	}

	/** The contact the control API names, or a 404. */
	Contact controlled(String contactId) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			throw new ApiException(404, "ResourceNotFoundException", "No contact " + contactId);
		}
		return contact;
	}

	/** The contact, or null. */
	Contact find(String contactId) {
		return this.contacts.get(contactId);
	}

	List<String> contactIds() {
		return new ArrayList<>(this.contacts.keySet());
	}

	/**
	 * Whether a participant may open a chat WebSocket: its chat goes on and it has not
	 * disconnected.
	 */
	boolean accepts(String contactId, String participantId) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			return false;
		}
		synchronized (contact) {
			Participant participant = contact.participants.get(participantId);
			return !contact.ended && participant != null && !participant.disconnected;
		}
	}

	/**
	 * The connected participant of a role (and name, if given); a new one joins first.
	 * Needs the contact's lock.
	 */
	Participant other(Contact contact, ParticipantRole role, String displayName) {
		for (Participant p : contact.participants.values()) {
			if (p.role == role && (displayName == null || displayName.equals(p.displayName)) && !p.disconnected) {
				return p;
			}
		}
		Participant joined = new Participant(UUID.randomUUID().toString(), contact.id, role,
				(displayName != null) ? displayName : role.defaultDisplayName());
		contact.participants.put(joined.id, joined);
		if (role != ParticipantRole.SYSTEM) {
			contact.append(Item.event(ContentTypes.JOINED, joined, now(contact)));
		}
		return joined;
	}

	/** A participant leaves; the customer leaving ends the chat. Needs the lock. */
	void leave(Contact contact, Participant participant) {
		participant.disconnected = true;
		contact.append(Item.event(ContentTypes.LEFT, participant, now(contact)));
		if (participant.role == ParticipantRole.CUSTOMER && !contact.ended) {
			end(contact);
		}
	}

	/** Ends a chat the control API names, if it goes on. */
	void endContact(String contactId) {
		Contact contact = controlled(contactId);
		synchronized (contact) {
			if (!contact.ended) {
				end(contact);
			}
		}
	}

	/**
	 * Ends a chat: the participants other than the customer leave, a chat-ended event is
	 * written. Needs the contact's lock.
	 */
	void end(Contact contact) {
		Instant time = now(contact);
		for (Participant p : contact.participants.values()) {
			if (!p.disconnected && p.role.leavesWhenChatEnds()) {
				p.disconnected = true;
				contact.append(Item.event(ContentTypes.LEFT, p, time));
			}
		}
		contact.append(Item.event(ContentTypes.ENDED, null, time));
		contact.ended = true;
		this.listener.chatEnded(contact.id);
	}

	/** The time of a new item of the contact. Needs the contact's lock. */
	Instant now(Contact contact) {
		return contact.nextTime(this.clock.instant());
	}

	// ---------------------------------------------------------------- pushed items

	/**
	 * Hands a new item to the listener, under the contact's lock: every transcript item
	 * (from {@link Contact#append}), and items pushed but not kept, as Connect does with
	 * typing.
	 */
	void publish(Contact contact, Item item) {
		// rendered again later for an attachment's verdict: under the lock, as every read
		// of the contact
		this.listener.itemAdded(contact.id, () -> {
			synchronized (contact) {
				return this.wireItems.item(contact, item).pushed();
			}
		});
	}

	/** A receipt as the {@code MESSAGEMETADATA} item Connect pushes for it. */
	void publishReceipt(Contact contact, Item message, Item.Receipt receipt, Instant time) {
		this.listener.itemAdded(contact.id, () -> this.wireItems.receipt(contact, message, receipt, time).pushed());
	}

	// ---------------------------------------------------------------- attachments

	/** The attachment addressed by an object path, or null. */
	Attachment attachmentAt(String contactId, String attachmentId) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			return null;
		}
		synchronized (contact) {
			return contact.attachments.get(attachmentId);
		}
	}

	/**
	 * Store a received PUT body as the attachment's object, unless the attachment is
	 * completed or being completed: under the contact's lock, so that what
	 * CompleteAttachmentUpload scans is never replaced.
	 * @return whether the body was stored
	 */
	boolean storeObject(Attachment attachment, ObjectStore.Received object) throws IOException {
		Contact contact = contact(attachment.contactId);
		synchronized (contact) {
			if (attachment.completed || attachment.completing) {
				return false;
			}
			object.store();
			attachment.uploaded = true;
			return true;
		}
	}

	AttachmentStatus status(Attachment attachment) {
		Contact contact = contact(attachment.contactId);
		synchronized (contact) {
			return attachment.status(this.clock.instant());
		}
	}

	/** Sets the scan verdict of an attachment of any contact, effective at once. */
	void setAttachmentVerdict(String attachmentId, String verdict) {
		AttachmentStatus status = AttachmentStatus.verdict(verdict);
		for (Contact contact : this.contacts.values()) {
			synchronized (contact) {
				Attachment attachment = contact.attachments.get(attachmentId);
				if (attachment != null) {
					attachment.verdict = status;
					attachment.scanDelay = Duration.ZERO;
					return;
				}
			}
		}
		throw new ApiException(404, "ResourceNotFoundException", "No attachment " + attachmentId);
	}

	Map<String, AttachmentStatus> attachmentStatuses(String contactId) {
		Contact contact = this.contacts.get(contactId);
		Map<String, AttachmentStatus> result = new LinkedHashMap<>();
		if (contact != null) {
			synchronized (contact) {
				Instant now = this.clock.instant();
				contact.attachments.values().forEach((a) -> result.put(a.id, a.status(now)));
			}
		}
		return result;
	}

	// ---------------------------------------------------------------- views

	void putView(String viewToken, JsonNode view) {
		this.views.put(viewToken, view);
	}

	JsonNode view(String viewToken) {
		return this.views.get(viewToken);
	}

}
