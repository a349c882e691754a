package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;

/**
 * The state and behaviour of the emulated service: contacts, participants, tokens,
 * transcripts and attachments. Each contact is guarded by its own lock; the maps that
 * index tokens are concurrent.
 */
final class ChatStore {

	static final String EVENT_PREFIX = "application/vnd.amazonaws.connect.event.";

	static final String JOINED = EVENT_PREFIX + "participant.joined";

	static final String LEFT = EVENT_PREFIX + "participant.left";

	static final String ENDED = EVENT_PREFIX + "chat.ended";

	static final String TYPING = EVENT_PREFIX + "typing";

	static final String ACKNOWLEDGED = EVENT_PREFIX + "connection.acknowledged";

	static final String DELIVERED = EVENT_PREFIX + "message.delivered";

	static final String READ = EVENT_PREFIX + "message.read";

	/**
	 * Message content types and their maximum lengths (SendMessage's documented limits).
	 */
	static final Map<String, Integer> MESSAGE_TYPES = Map.of("text/plain", 1024, "text/markdown", 1024,
			"application/json", 12000, "application/vnd.amazonaws.connect.message.interactive.response", 12288);

	static final Set<String> EVENT_TYPES = Set.of(TYPING, ACKNOWLEDGED, DELIVERED, READ);

	private static final String COMPLETE_ATTACHMENT_UPLOAD = "CompleteAttachmentUpload";

	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final EmulatorClock clock;

	private final ObjectMapper mapper;

	private final Presigner presigner;

	private final ObjectStore objects;

	private final TranscriptPager pager;

	private final EmulatorSettings initialSettings;

	private volatile EmulatorSettings settings;

	private volatile URI baseUri = URI.create("http://127.0.0.1");

	private volatile ChatListener listener = ChatListener.NONE;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Contact> contacts = new ConcurrentHashMap<>();

	private final Map<String, Participant> participantTokens = new ConcurrentHashMap<>();

	private final Map<String, Grant> connectionTokens = new ConcurrentHashMap<>();

	private final Map<String, JsonNode> views = new ConcurrentHashMap<>();

	private final Map<String, Replay> startChatReplays = new HashMap<>();

	ChatStore(EmulatorSettings settings, EmulatorClock clock, ObjectMapper mapper, Presigner presigner,
			ObjectStore objects) {
		this.initialSettings = settings;
		this.settings = settings;
		this.clock = clock;
		this.mapper = mapper;
		this.presigner = presigner;
		this.objects = objects;
		this.pager = new TranscriptPager(presigner);
	}

	void baseUri(URI baseUri) {
		this.baseUri = baseUri;
	}

	EmulatorSettings settings() {
		return this.settings;
	}

	void listener(ChatListener listener) {
		this.listener = listener;
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
		this.participantTokens.clear();
		this.connectionTokens.clear();
		this.views.clear();
		this.startChatReplays.clear();
		this.settings = this.initialSettings;
		this.objects.clear();
	}

	// ---------------------------------------------------------------- Amazon Connect

	ObjectNode startChatContact(JsonNode body) {
		String instanceId = body.get("InstanceId").asString();
		String clientToken = text(body, "ClientToken");
		JsonNode initial = body.get("InitialMessage");
		if (initial != null && !initial.isNull()) {
			checkMessage(initial.get("ContentType").asString(), initial.get("Content").asString(), "InitialMessage.");
		}
		Supplier<ObjectNode> action = () -> {
			StartedChat chat = startChat(instanceId, body.get("ContactFlowId").asString(),
					body.get("ParticipantDetails").get("DisplayName").asString(), initial);
			ObjectNode response = this.mapper.createObjectNode();
			response.put("ContactId", chat.contactId());
			response.put("ParticipantId", chat.participantId());
			response.put("ParticipantToken", chat.participantToken());
			return response;
		};
		if (clientToken == null || clientToken.isEmpty()) {
			return action.get();
		}
		synchronized (this) {
			return replayOrRun(this.startChatReplays, "StartChatContact|" + instanceId + "|" + clientToken, body,
					action);
		}
	}

	StartedChat startChat(String instanceId, String contactFlowId, String displayName, JsonNode initialMessage) {
		Contact contact = new Contact(UUID.randomUUID().toString(), instanceId, contactFlowId, this::publish);
		Participant customer = new Participant(UUID.randomUUID().toString(), contact.id, "CUSTOMER", displayName);
		customer.participantToken = newToken();
		synchronized (contact) {
			contact.participants.put(customer.id, customer);
			contact.append(Item.event(contact, JOINED, customer, now(contact)));
			if (initialMessage != null && !initialMessage.isNull()) {
				contact.append(Item.message(contact, customer, initialMessage.get("ContentType").asString(),
						initialMessage.get("Content").asString(), now(contact)));
			}
		}
		this.contacts.put(contact.id, contact);
		this.participantTokens.put(customer.participantToken, customer);
		this.listener.chatStarted(contact.id, this.clock.instant());
		return new StartedChat(contact.id, customer.id, customer.participantToken);
	}

	void stopContact(JsonNode body) {
		Contact contact = this.contacts.get(body.get("ContactId").asString());
		if (contact == null || !contact.instanceId.equals(body.get("InstanceId").asString())) {
			throw new ApiException(410, "ContactNotFoundException", "Contact not found");
		}
		synchronized (contact) {
			if (contact.ended) {
				throw new ApiException(410, "ContactNotFoundException", "Contact is not active");
			}
			end(contact);
		}
	}

	// ---------------------------------------------------------------- Participant API

	/**
	 * The contact a bearer token belongs to, whether or not it is still valid; for
	 * request accounting.
	 */
	String contactIdForToken(String token) {
		if (token == null) {
			return null;
		}
		Grant grant = this.connectionTokens.get(token);
		if (grant != null) {
			return grant.participant.contactId;
		}
		Participant participant = this.participantTokens.get(token);
		return (participant != null) ? participant.contactId : null;
	}

	ObjectNode createParticipantConnection(String participantToken, JsonNode body) {
		Participant participant = (participantToken != null) ? this.participantTokens.get(participantToken) : null;
		if (participant == null) {
			throw ApiException.accessDenied("The ParticipantToken is not valid");
		}
		Contact contact = contact(participant.contactId);
		List<String> types = new ArrayList<>();
		body.path("Type").forEach((type) -> types.add(type.asString()));
		boolean connect = body.path("ConnectParticipant").asBoolean(false);
		if (types.isEmpty() && !connect) {
			throw ApiException.validation("Type must name at least one connection type (WEBSOCKET or "
					+ "CONNECTION_CREDENTIALS), or ConnectParticipant must be true");
		}
		if (types.contains("WEBRTC_CONNECTION")) {
			throw ApiException.validation("WEBRTC_CONNECTION is not supported by this emulator");
		}
		ObjectNode response = this.mapper.createObjectNode();
		synchronized (contact) {
			if (contact.ended || participant.disconnected) {
				throw ApiException.accessDenied("The chat has ended or the participant has disconnected");
			}
			Instant expiry = this.clock.instant().plus(this.settings.connectionTokenExpiry());
			if (types.contains("WEBSOCKET")) {
				Instant urlExpiry = this.clock.instant().plus(this.settings.websocketUrlExpiry());
				ObjectNode websocket = response.putObject("Websocket");
				websocket.put("Url",
						this.listener.websocketUrl(contact.id, participant.id, participant.role, urlExpiry));
				websocket.put("ConnectionExpiry", iso(urlExpiry));
			}
			if (types.contains("CONNECTION_CREDENTIALS")) {
				String token = newToken();
				this.connectionTokens.put(token, new Grant(participant, expiry));
				ObjectNode credentials = response.putObject("ConnectionCredentials");
				credentials.put("ConnectionToken", token);
				credentials.put("Expiry", iso(expiry));
			}
			participant.connected = participant.connected || connect;
		}
		return response;
	}

	ObjectNode disconnectParticipant(String connectionToken, JsonNode body) {
		Grant grant = this.connectionTokens.get(connectionToken == null ? "" : connectionToken);
		if (grant != null) {
			Contact contact = contact(grant.participant.contactId);
			synchronized (contact) {
				Replay replay = contact.replays.get(replayKey("DisconnectParticipant", grant.participant, body));
				if (replay != null && replay.fingerprint.equals(fingerprint(body))) {
					return replay.response.deepCopy();
				}
			}
		}
		Participant participant = authenticate(connectionToken, true);
		Contact contact = contact(participant.contactId);
		return idempotent(contact, "DisconnectParticipant", participant, body, () -> {
			participant.disconnected = true;
			contact.append(Item.event(contact, LEFT, participant, now(contact)));
			if ("CUSTOMER".equals(participant.role)) {
				end(contact);
			}
			return this.mapper.createObjectNode();
		});
	}

	ObjectNode sendMessage(String connectionToken, JsonNode body) {
		// an ended chat is refused by idempotent(), which still answers a replay of an
		// earlier request
		Participant participant = authenticate(connectionToken, false);
		Contact contact = contact(participant.contactId);
		String contentType = body.get("ContentType").asString();
		String content = body.get("Content").asString();
		checkMessage(contentType, content, "");
		return idempotent(contact, "SendMessage", participant, body, () -> {
			Item item = contact.append(Item.message(contact, participant, contentType, content, now(contact)));
			ObjectNode response = this.mapper.createObjectNode();
			response.put("Id", item.id);
			response.put("AbsoluteTime", iso(item.time));
			return response;
		});
	}

	ObjectNode sendEvent(String connectionToken, JsonNode body) {
		// an ended chat is refused by idempotent(), which still answers a replay of an
		// earlier request
		Participant participant = authenticate(connectionToken, false);
		Contact contact = contact(participant.contactId);
		String contentType = body.get("ContentType").asString();
		if (!EVENT_TYPES.contains(contentType)) {
			throw ApiException.validation("ContentType must be one of " + new java.util.TreeSet<>(EVENT_TYPES));
		}
		String messageId = null;
		if (DELIVERED.equals(contentType) || READ.equals(contentType)) {
			messageId = receiptMessageId(body);
		}
		String receiptFor = messageId;
		return idempotent(contact, "SendEvent", participant, body, () -> {
			Instant time = now(contact);
			if (receiptFor != null) {
				Item message = contact.itemsById.get(receiptFor);
				if (message == null || !"MESSAGE".equals(message.type)) {
					throw ApiException.validation("Content.messageId does not name a message of this chat");
				}
				Receipt receipt = message.receipts.computeIfAbsent(participant.id, (id) -> new Receipt(id));
				receipt.mark(READ.equals(contentType), time);
				publishReceipt(contact, message, receipt, time);
			}
			else if (TYPING.equals(contentType)) {
				publish(contact, Item.event(contact, TYPING, participant, time));
			}
			ObjectNode response = this.mapper.createObjectNode();
			response.put("Id", UUID.randomUUID().toString());
			response.put("AbsoluteTime", iso(time));
			return response;
		});
	}

	private String receiptMessageId(JsonNode body) {
		JsonNode content = body.get("Content");
		if (content == null || content.isNull()) {
			throw ApiException.validation("Content must be {\"messageId\": \"...\"} for read and delivered receipts");
		}
		try {
			JsonNode parsed = this.mapper.readTree(content.asString());
			JsonNode messageId = parsed.get("messageId");
			if (messageId != null && messageId.isString() && !messageId.asString().isEmpty()) {
				return messageId.asString();
			}
		}
		catch (RuntimeException ex) {
			// falls through to the refusal
		}
		throw ApiException.validation("Content must be {\"messageId\": \"...\"} for read and delivered receipts");
	}

	ObjectNode getTranscript(String connectionToken, JsonNode body) {
		Participant participant = authenticate(connectionToken, false);
		Contact contact = contact(participant.contactId);
		String contactId = text(body, "ContactId");
		if (contactId != null && !contactId.equals(contact.id)) {
			throw ApiException.validation("ContactId is not a contact of this participant's chat");
		}
		JsonNode start = body.get("StartPosition");
		String startKind = null;
		String startValue = null;
		if (start != null && !start.isNull()) {
			int set = 0;
			for (String kind : List.of("Id", "AbsoluteTime", "MostRecent")) {
				JsonNode value = start.get(kind);
				if (value != null && !value.isNull()) {
					set++;
					startKind = kind;
					startValue = value.asString();
				}
			}
			if (set > 1) {
				throw ApiException.validation("StartPosition takes at most one of Id, AbsoluteTime and MostRecent");
			}
		}
		String direction = text(body, "ScanDirection");
		if (direction == null) {
			direction = (startKind != null) ? "FORWARD" : "BACKWARD";
		}
		if ("FORWARD".equals(direction) && startKind == null) {
			throw ApiException.validation("ScanDirection FORWARD requires a StartPosition");
		}
		String sortOrder = text(body, "SortOrder");
		if (sortOrder == null) {
			sortOrder = "DESCENDING";
		}
		int maxResults = body.path("MaxResults").asInt(0);
		if (maxResults == 0) {
			maxResults = TranscriptPager.DEFAULT_MAX_RESULTS;
		}
		String nextToken = text(body, "NextToken");
		TranscriptPager.Query query = new TranscriptPager.Query(contact.id, direction, sortOrder, startKind,
				startValue);
		ObjectNode response = this.mapper.createObjectNode();
		synchronized (contact) {
			TranscriptPager.Page<Item> page = this.pager.page(contact.items, query, maxResults, nextToken);
			response.put("InitialContactId", contact.id);
			ArrayNode transcript = response.putArray("Transcript");
			for (Item item : page.items()) {
				transcript.add(render(contact, item));
			}
			if (page.nextToken() != null) {
				response.put("NextToken", page.nextToken());
			}
		}
		return response;
	}

	ObjectNode startAttachmentUpload(String connectionToken, JsonNode body) {
		// an ended chat is refused by idempotent(), which still answers a replay of an
		// earlier request
		Participant participant = authenticate(connectionToken, false);
		Contact contact = contact(participant.contactId);
		EmulatorSettings current = this.settings;
		String contentType = body.get("ContentType").asString();
		long size = body.get("AttachmentSizeInBytes").asLong();
		String name = body.get("AttachmentName").asString();
		if (!current.allowedContentTypes().contains(contentType)) {
			throw ApiException.validation("ContentType " + contentType + " is not an allowed attachment type; allowed: "
					+ current.allowedContentTypes());
		}
		if (size > current.maxAttachmentSize()) {
			throw ApiException.validation("AttachmentSizeInBytes " + size + " exceeds the maximum attachment size of "
					+ current.maxAttachmentSize() + " bytes");
		}
		if (name.chars().anyMatch(Character::isISOControl) || name.isBlank()) {
			throw ApiException.validation("AttachmentName must not be blank or contain control characters");
		}
		return idempotent(contact, "StartAttachmentUpload", participant, body, () -> {
			if (contact.attachments.size() >= current.maxAttachmentsPerContact()) {
				throw ApiException.quotaExceeded(
						"The contact has reached its quota of " + current.maxAttachmentsPerContact() + " attachments");
			}
			Attachment attachment = new Attachment(UUID.randomUUID().toString(), contact.id, participant.id, name,
					contentType, size, this.clock.instant());
			contact.attachments.put(attachment.id, attachment);
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Content-Type", contentType);
			headers.put("Content-Length", Long.toString(size));
			headers.put("Content-Disposition", contentDisposition(name));
			headers.put("x-amz-meta-contact-id", contact.id);
			Map<String, String> signed = new TreeMap<>();
			headers.forEach((header, value) -> signed.put(header.toLowerCase(java.util.Locale.ROOT), value));
			Instant now = this.clock.instant();
			Duration expiry = current.uploadUrlExpiry();
			ObjectNode response = this.mapper.createObjectNode();
			response.put("AttachmentId", attachment.id);
			ObjectNode metadata = response.putObject("UploadMetadata");
			metadata.put("Url", this.presigner.sign(this.baseUri, "PUT", objectPath(attachment), now, expiry, signed));
			metadata.put("UrlExpiry", iso(now.plus(expiry)));
			ObjectNode headersToInclude = metadata.putObject("HeadersToInclude");
			headers.forEach(headersToInclude::put);
			return response;
		});
	}

	/**
	 * Complete an upload in two steps under the contact's lock, with the scan (and
	 * {@code whileCompleting}, where a fault stalls the request) between them: while an
	 * attachment is being completed, another CompleteAttachmentUpload of it, this one
	 * repeated included, answers {@code ConflictException}, as the service model says.
	 */
	ObjectNode completeAttachmentUpload(String connectionToken, JsonNode body, Runnable whileCompleting) {
		// an ended chat is refused by idempotent(), which still answers a replay of an
		// earlier request
		Participant participant = authenticate(connectionToken, false);
		Contact contact = contact(participant.contactId);
		String attachmentId = body.get("AttachmentIds").get(0).asString();
		String key = replayKey(COMPLETE_ATTACHMENT_UPLOAD, participant, body);
		boolean begun = false;
		Attachment attachment;
		synchronized (contact) {
			boolean replay = key != null && contact.replays.containsKey(key);
			attachment = contact.attachments.get(attachmentId);
			if (!replay && !contact.ended) {
				if (attachment == null || !attachment.participantId.equals(participant.id)) {
					throw ApiException
						.validation("AttachmentIds[0] does not name an attachment this participant started");
				}
				if (attachment.completing) {
					throw ApiException.conflict("The attachment is already being completed");
				}
				if (!attachment.uploaded) {
					throw ApiException
						.validation("The attachment's object has not been uploaded to its pre-signed URL");
				}
				begun = !attachment.completed;
				attachment.completing = begun;
			}
		}
		if (!begun) {
			// a replay, a repeat of a completed upload (a no-op), or an ended chat's
			// refusal
			return idempotent(contact, COMPLETE_ATTACHMENT_UPLOAD, participant, body, this.mapper::createObjectNode);
		}
		try {
			whileCompleting.run();
			boolean infected = containsEicar(attachment);
			return idempotent(contact, COMPLETE_ATTACHMENT_UPLOAD, participant, body, () -> {
				attachment.verdict = infected ? "REJECTED" : "APPROVED";
				attachment.completed = true;
				attachment.completedAt = this.clock.instant();
				attachment.scanDelay = this.settings.scanDelay();
				contact.append(Item.attachment(contact, participant, attachment, now(contact)));
				return this.mapper.createObjectNode();
			});
		}
		finally {
			synchronized (contact) {
				attachment.completing = false;
			}
		}
	}

	private boolean containsEicar(Attachment attachment) {
		try {
			return this.objects.containsEicar(attachment.id);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ObjectNode getAttachment(String connectionToken, JsonNode body) {
		Participant participant = authenticate(connectionToken, false);
		Contact contact = contact(participant.contactId);
		String attachmentId = body.get("AttachmentId").asString();
		int expirySeconds = body.path("UrlExpiryInSeconds").asInt(300);
		Attachment attachment;
		String status;
		synchronized (contact) {
			attachment = contact.attachments.get(attachmentId);
			if (attachment == null) {
				throw ApiException.validation("AttachmentId does not name an attachment of this contact");
			}
			status = attachment.status(this.clock.instant());
		}
		switch (status) {
			case "UPLOADING", "UPLOADED", "COMPLETING" ->
				throw ApiException.validation("The attachment upload has not been completed");
			case "IN_PROGRESS" -> throw ApiException.validation("The attachment is still being scanned (IN_PROGRESS)");
			case "REJECTED" -> throw ApiException.validation("The attachment was REJECTED by the malware scan");
			default -> {
				// APPROVED
			}
		}
		Instant now = this.clock.instant();
		Duration expiry = Duration.ofSeconds(expirySeconds);
		ObjectNode response = this.mapper.createObjectNode();
		response.put("Url", this.presigner.sign(this.baseUri, "GET", objectPath(attachment), now, expiry, Map.of()));
		response.put("UrlExpiry", iso(now.plus(expiry)));
		response.put("AttachmentSizeInBytes", attachment.size);
		return response;
	}

	ObjectNode describeView(String connectionToken, String viewToken) {
		authenticate(connectionToken, false);
		JsonNode view = this.views.get(viewToken);
		if (view == null) {
			throw ApiException.notFound("No view for this ViewToken", "CONTACT_FLOW", null);
		}
		ObjectNode response = this.mapper.createObjectNode();
		response.set("View", view.deepCopy());
		return response;
	}

	ObjectNode getAuthenticationUrl(String connectionToken, JsonNode body) {
		authenticate(connectionToken, false);
		ObjectNode response = this.mapper.createObjectNode();
		response.put("AuthenticationUrl", this.baseUri + "/_emulator/authentication/" + body.get("SessionId").asString()
				+ "?redirect_uri=" + URLEncoder.encode(body.get("RedirectUri").asString(), StandardCharsets.UTF_8));
		return response;
	}

	ObjectNode cancelParticipantAuthentication(String connectionToken) {
		authenticate(connectionToken, false);
		return this.mapper.createObjectNode();
	}

	// ---------------------------------------------------------------- objects

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

	String status(Attachment attachment) {
		Contact contact = contact(attachment.contactId);
		synchronized (contact) {
			return attachment.status(this.clock.instant());
		}
	}

	ObjectStore objects() {
		return this.objects;
	}

	Presigner presigner() {
		return this.presigner;
	}

	static String objectPath(Attachment attachment) {
		return "/attachments/" + attachment.contactId + "/" + attachment.id;
	}

	// ---------------------------------------------------------------- control

	Item addMessageFromOther(String contactId, String role, String displayName, String content, String contentType) {
		Contact contact = controlled(contactId);
		checkRole(role);
		if (content == null || content.isEmpty()) {
			throw ApiException.validation("content must not be empty");
		}
		String type = (contentType != null) ? contentType : "text/plain";
		checkMessage(type, content, "");
		synchronized (contact) {
			if (contact.ended) {
				throw ApiException.conflict("The chat has ended");
			}
			Participant sender = other(contact, role, displayName);
			return contact.append(Item.message(contact, sender, type, content, now(contact)));
		}
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

	/** The contact the control API names, or a 404. */
	Contact controlled(String contactId) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			throw new ApiException(404, "ResourceNotFoundException", "No contact " + contactId);
		}
		return contact;
	}

	static void checkRole(String role) {
		if (role == null || !Set.of("AGENT", "CUSTOMER", "SYSTEM", "CUSTOM_BOT", "SUPERVISOR").contains(role)) {
			throw ApiException.validation("role must be one of AGENT, CUSTOMER, SYSTEM, CUSTOM_BOT, SUPERVISOR");
		}
	}

	/**
	 * The connected participant of a role (and name, if given); a new one joins first.
	 * Needs the contact's lock.
	 */
	Participant other(Contact contact, String role, String displayName) {
		for (Participant p : contact.participants.values()) {
			if (p.role.equals(role) && (displayName == null || displayName.equals(p.displayName)) && !p.disconnected) {
				return p;
			}
		}
		Participant sender = new Participant(UUID.randomUUID().toString(), contact.id, role,
				(displayName != null) ? displayName : role.charAt(0) + role.substring(1).toLowerCase());
		contact.participants.put(sender.id, sender);
		if (!"SYSTEM".equals(role)) {
			contact.append(Item.event(contact, JOINED, sender, now(contact)));
		}
		return sender;
	}

	void endContact(String contactId) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			throw new ApiException(404, "ResourceNotFoundException", "No contact " + contactId);
		}
		synchronized (contact) {
			if (!contact.ended) {
				end(contact);
			}
		}
	}

	void setAttachmentVerdict(String attachmentId, String verdict) {
		if (!"APPROVED".equals(verdict) && !"REJECTED".equals(verdict)) {
			throw ApiException.validation("status must be APPROVED or REJECTED");
		}
		for (Contact contact : this.contacts.values()) {
			synchronized (contact) {
				Attachment attachment = contact.attachments.get(attachmentId);
				if (attachment != null) {
					attachment.verdict = verdict;
					attachment.scanDelay = Duration.ZERO;
					return;
				}
			}
		}
		throw new ApiException(404, "ResourceNotFoundException", "No attachment " + attachmentId);
	}

	void putView(String viewToken, JsonNode view) {
		this.views.put(viewToken, view);
	}

	Map<String, String> attachmentStatuses(String contactId) {
		Contact contact = this.contacts.get(contactId);
		Map<String, String> result = new LinkedHashMap<>();
		if (contact != null) {
			synchronized (contact) {
				Instant now = this.clock.instant();
				contact.attachments.values().forEach((a) -> result.put(a.id, a.status(now)));
			}
		}
		return result;
	}

	List<String> contactIds() {
		return new ArrayList<>(this.contacts.keySet());
	}

	ObjectNode contactState(String contactId, Map<String, Long> requestCounts) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			throw new ApiException(404, "ResourceNotFoundException", "No contact " + contactId);
		}
		ObjectNode state = this.mapper.createObjectNode();
		synchronized (contact) {
			Instant now = this.clock.instant();
			state.put("contactId", contact.id);
			state.put("instanceId", contact.instanceId);
			state.put("contactFlowId", contact.contactFlowId);
			state.put("ended", contact.ended);
			ArrayNode participants = state.putArray("participants");
			for (Participant p : contact.participants.values()) {
				ObjectNode node = participants.addObject();
				node.put("participantId", p.id);
				node.put("role", p.role);
				node.put("displayName", p.displayName);
				node.put("disconnected", p.disconnected);
			}
			ArrayNode items = state.putArray("items");
			for (Item item : contact.items) {
				items.add(render(contact, item));
			}
			ArrayNode attachments = state.putArray("attachments");
			for (Attachment a : contact.attachments.values()) {
				ObjectNode node = attachments.addObject();
				node.put("attachmentId", a.id);
				node.put("attachmentName", a.name);
				node.put("contentType", a.contentType);
				node.put("sizeInBytes", a.size);
				node.put("status", a.status(now));
				node.put("participantId", a.participantId);
			}
		}
		ObjectNode counts = state.putObject("requestCounts");
		requestCounts.forEach(counts::put);
		return state;
	}

	// ---------------------------------------------------------------- helpers

	/**
	 * The participant a ConnectionToken belongs to; unknown, expired and disconnected
	 * tokens are denied, and with {@code refuseEndedChat} tokens of an ended chat too.
	 */
	private Participant authenticate(String connectionToken, boolean refuseEndedChat) {
		if (connectionToken == null || connectionToken.isEmpty()) {
			throw ApiException.accessDenied("Missing ConnectionToken in the X-Amz-Bearer header");
		}
		Grant grant = this.connectionTokens.get(connectionToken);
		if (grant == null) {
			throw ApiException.accessDenied("The ConnectionToken is not valid");
		}
		if (this.clock.instant().isAfter(grant.expiry)) {
			throw ApiException.accessDenied("The ConnectionToken has expired");
		}
		Participant participant = grant.participant;
		Contact contact = contact(participant.contactId);
		synchronized (contact) {
			if (participant.disconnected) {
				throw ApiException.accessDenied("The participant has disconnected");
			}
			if (refuseEndedChat && contact.ended) {
				throw ApiException.accessDenied("The chat has ended");
			}
		}
		return participant;
	}

	private Contact contact(String contactId) {
		Contact contact = this.contacts.get(contactId);
		if (contact == null) {
			throw ApiException.accessDenied("The chat no longer exists");
		}
		return contact;
	}

	private ObjectNode idempotent(Contact contact, String operation, Participant participant, JsonNode body,
			Supplier<ObjectNode> action) {
		synchronized (contact) {
			if (contact.ended && !"DisconnectParticipant".equals(operation)) {
				// re-checked under the lock: the chat may have ended since authentication
				String key = replayKey(operation, participant, body);
				if (key == null || !contact.replays.containsKey(key)) {
					throw ApiException.accessDenied("The chat has ended");
				}
			}
			String key = replayKey(operation, participant, body);
			if (key == null) {
				return action.get();
			}
			return replayOrRun(contact.replays, key, body, action);
		}
	}

	private ObjectNode replayOrRun(Map<String, Replay> replays, String key, JsonNode body,
			Supplier<ObjectNode> action) {
		String fingerprint = fingerprint(body);
		Replay replay = replays.get(key);
		if (replay != null) {
			if (!replay.fingerprint.equals(fingerprint)) {
				throw ApiException.validation(
						"The ClientToken was already used with different parameters; use a new ClientToken for a new request");
			}
			return replay.response.deepCopy();
		}
		ObjectNode response = action.get();
		replays.put(key, new Replay(fingerprint, response.deepCopy()));
		return response;
	}

	private static String replayKey(String operation, Participant participant, JsonNode body) {
		String clientToken = text(body, "ClientToken");
		if (clientToken == null || clientToken.isEmpty()) {
			return null;
		}
		return operation + "|" + participant.id + "|" + clientToken;
	}

	private static String fingerprint(JsonNode body) {
		StringBuilder out = new StringBuilder();
		canonical(body, out, true);
		return out.toString();
	}

	private static void canonical(JsonNode node, StringBuilder out, boolean top) {
		if (node.isObject()) {
			TreeMap<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach((e) -> sorted.put(e.getKey(), e.getValue()));
			if (top) {
				sorted.remove("ClientToken");
			}
			out.append('{');
			sorted.forEach((k, v) -> {
				out.append(k).append(':');
				canonical(v, out, false);
				out.append(',');
			});
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			node.forEach((v) -> {
				canonical(v, out, false);
				out.append(',');
			});
			out.append(']');
		}
		else {
			out.append(node.toString());
		}
	}

	private static void checkMessage(String contentType, String content, String prefix) {
		Integer max = MESSAGE_TYPES.get(contentType);
		if (max == null) {
			throw ApiException
				.validation(prefix + "ContentType must be one of " + new java.util.TreeSet<>(MESSAGE_TYPES.keySet()));
		}
		if (content.codePointCount(0, content.length()) > max) {
			throw ApiException
				.validation(prefix + "Content of type " + contentType + " must be at most " + max + " characters");
		}
	}

	private void end(Contact contact) {
		Instant time = now(contact);
		for (Participant p : contact.participants.values()) {
			if (!p.disconnected && !"CUSTOMER".equals(p.role) && !"SYSTEM".equals(p.role)) {
				p.disconnected = true;
				contact.append(Item.event(contact, LEFT, p, time));
			}
		}
		contact.append(Item.event(contact, ENDED, null, time));
		contact.ended = true;
		this.listener.chatEnded(contact.id);
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
				return pushed(contact, render(contact, item));
			}
		});
	}

	/** A receipt as the {@code MESSAGEMETADATA} item Connect pushes for it. */
	void publishReceipt(Contact contact, Item message, Receipt receipt, Instant time) {
		this.listener.itemAdded(contact.id, () -> {
			ObjectNode node = this.mapper.createObjectNode();
			node.put("AbsoluteTime", iso(time));
			node.put("ContentType", EVENT_PREFIX + "message.metadata");
			node.put("Id", UUID.randomUUID().toString());
			node.put("Type", "MESSAGEMETADATA");
			node.put("ContactId", contact.id);
			ObjectNode metadata = node.putObject("MessageMetadata");
			metadata.put("MessageId", message.id);
			ObjectNode r = metadata.putArray("Receipts").addObject();
			if (receipt.delivered != null) {
				r.put("DeliveredTimestamp", iso(receipt.delivered));
			}
			if (receipt.read != null) {
				r.put("ReadTimestamp", iso(receipt.read));
			}
			r.put("RecipientParticipantId", receipt.participantId);
			return pushed(contact, node);
		});
	}

	private static ObjectNode pushed(Contact contact, ObjectNode item) {
		item.put("InitialContactId", contact.id);
		return item;
	}

	Instant now(Contact contact) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (contact.lastTime != null && now.isBefore(contact.lastTime)) {
			now = contact.lastTime;
		}
		contact.lastTime = now;
		return now;
	}

	ObjectNode render(Contact contact, Item item) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("AbsoluteTime", iso(item.time));
		if (item.content != null) {
			node.put("Content", item.content);
		}
		node.put("ContentType", item.contentType);
		node.put("Id", item.id);
		node.put("Type", item.type);
		if (item.participantId != null) {
			node.put("ParticipantId", item.participantId);
			node.put("DisplayName", item.displayName);
			node.put("ParticipantRole", item.role);
		}
		node.put("ContactId", contact.id);
		if (item.attachment != null) {
			ObjectNode attachment = node.putArray("Attachments").addObject();
			attachment.put("ContentType", item.attachment.contentType);
			attachment.put("AttachmentId", item.attachment.id);
			attachment.put("AttachmentName", item.attachment.name);
			attachment.put("Status", item.attachment.status(this.clock.instant()));
		}
		if (!item.receipts.isEmpty()) {
			ObjectNode metadata = node.putObject("MessageMetadata");
			metadata.put("MessageId", item.id);
			ArrayNode receipts = metadata.putArray("Receipts");
			for (Receipt receipt : item.receipts.values()) {
				ObjectNode r = receipts.addObject();
				if (receipt.delivered != null) {
					r.put("DeliveredTimestamp", iso(receipt.delivered));
				}
				if (receipt.read != null) {
					r.put("ReadTimestamp", iso(receipt.read));
				}
				r.put("RecipientParticipantId", receipt.participantId);
			}
		}
		return node;
	}

	static String iso(Instant instant) {
		return ISO_MILLIS.format(instant);
	}

	private static String text(JsonNode body, String member) {
		JsonNode value = body.get(member);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private String newToken() {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String contentDisposition(String name) {
		StringBuilder ascii = new StringBuilder();
		for (char c : name.toCharArray()) {
			if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
				ascii.append('_');
			}
			else {
				ascii.append(c);
			}
		}
		String value = "attachment; filename=\"" + ascii + "\"";
		if (!ascii.toString().equals(name)) {
			value += "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
		}
		return value;
	}

	// ---------------------------------------------------------------- state types

	static final class Contact {

		final String id;

		final String instanceId;

		final String contactFlowId;

		boolean ended;

		Instant lastTime;

		final List<Item> items = new ArrayList<>();

		final Map<String, Item> itemsById = new HashMap<>();

		final Map<String, Participant> participants = new LinkedHashMap<>();

		final Map<String, Attachment> attachments = new LinkedHashMap<>();

		final Map<String, Replay> replays = new HashMap<>();

		private final java.util.function.BiConsumer<Contact, Item> appended;

		Contact(String id, String instanceId, String contactFlowId,
				java.util.function.BiConsumer<Contact, Item> appended) {
			this.id = id;
			this.instanceId = instanceId;
			this.contactFlowId = contactFlowId;
			this.appended = appended;
		}

		Item append(Item item) {
			this.items.add(item);
			this.itemsById.put(item.id, item);
			this.appended.accept(this, item);
			return item;
		}

	}

	static final class Participant {

		final String id;

		final String contactId;

		final String role;

		final String displayName;

		String participantToken;

		boolean connected;

		boolean disconnected;

		Participant(String id, String contactId, String role, String displayName) {
			this.id = id;
			this.contactId = contactId;
			this.role = role;
			this.displayName = displayName;
		}

		@Override
		public String toString() {
			return "Participant[" + this.id + ", " + this.role + "]";
		}

	}

	static final class Item implements TranscriptPager.Positioned {

		final String id;

		final Instant time;

		final String type;

		final String contentType;

		final String content;

		final String participantId;

		final String displayName;

		final String role;

		final Attachment attachment;

		final Map<String, Receipt> receipts = new LinkedHashMap<>();

		private Item(String type, String contentType, String content, Participant participant, Attachment attachment,
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

		static Item event(Contact contact, String contentType, Participant participant, Instant time) {
			return new Item("EVENT", contentType, null, participant, null, time);
		}

		static Item message(Contact contact, Participant participant, String contentType, String content,
				Instant time) {
			return new Item("MESSAGE", contentType, content, participant, null, time);
		}

		static Item attachment(Contact contact, Participant participant, Attachment attachment, Instant time) {
			return new Item("ATTACHMENT", attachment.contentType, null, participant, attachment, time);
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public Instant time() {
			return this.time;
		}

	}

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

	static final class Attachment {

		final String id;

		final String contactId;

		final String participantId;

		final String name;

		final String contentType;

		final long size;

		final Instant startedAt;

		boolean uploaded;

		boolean completed;

		/** Whether a CompleteAttachmentUpload of the attachment is in progress. */
		boolean completing;

		Instant completedAt;

		Duration scanDelay = Duration.ZERO;

		String verdict;

		Attachment(String id, String contactId, String participantId, String name, String contentType, long size,
				Instant startedAt) {
			this.id = id;
			this.contactId = contactId;
			this.participantId = participantId;
			this.name = name;
			this.contentType = contentType;
			this.size = size;
			this.startedAt = startedAt;
		}

		String status(Instant now) {
			if (!this.completed) {
				return this.completing ? "COMPLETING" : this.uploaded ? "UPLOADED" : "UPLOADING";
			}
			return now.isBefore(this.completedAt.plus(this.scanDelay)) ? "IN_PROGRESS" : this.verdict;
		}

	}

	record Grant(Participant participant, Instant expiry) {
	}

	record Replay(String fingerprint, ObjectNode response) {
	}

}
