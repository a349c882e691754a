package io.github.connectparticipant.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.connectparticipant.emulator.Item.Receipt;
import io.github.connectparticipant.emulator.Wire.ConnectionCredentials;
import io.github.connectparticipant.emulator.Wire.CreateParticipantConnectionRequest;
import io.github.connectparticipant.emulator.Wire.CreateParticipantConnectionResponse;
import io.github.connectparticipant.emulator.Wire.GetAuthenticationUrlRequest;
import io.github.connectparticipant.emulator.Wire.GetTranscriptRequest;
import io.github.connectparticipant.emulator.Wire.GetTranscriptResponse;
import io.github.connectparticipant.emulator.Wire.ItemResponse;
import io.github.connectparticipant.emulator.Wire.SendRequest;
import io.github.connectparticipant.emulator.Wire.TranscriptItem;
import io.github.connectparticipant.emulator.Wire.Websocket;

/**
 * The Participant Service's operations on a chat, but for transcripts and attachments:
 * connecting, disconnecting, messages, events, views and authentication.
 */
final class ParticipantOperations {

	private final OperationContext context;

	private final TranscriptPager pager;

	ParticipantOperations(OperationContext context) {
		this.context = context;
		this.pager = new TranscriptPager(context.presigner());
	}

	Wire.Response createParticipantConnection(ApiCall call) {
		Participant participant = this.context.tokens().byParticipantToken(call.bearer());
		Contact contact = this.context.store().contact(participant.contactId);
		CreateParticipantConnectionRequest request = call.request(CreateParticipantConnectionRequest.class);
		List<String> types = (request.type() != null) ? request.type() : List.of();
		boolean connect = Boolean.TRUE.equals(request.connectParticipant());
		if (types.isEmpty() && !connect) {
			throw ApiException.validation("Type must name at least one connection type (WEBSOCKET or "
					+ "CONNECTION_CREDENTIALS), or ConnectParticipant must be true");
		}
		if (types.contains("WEBRTC_CONNECTION")) {
			throw ApiException.validation("WEBRTC_CONNECTION is not supported by this emulator");
		}
		EmulatorSettings settings = this.context.store().settings();
		Instant now = this.context.store().clock().instant();
		synchronized (contact) {
			if (contact.ended || participant.disconnected) {
				throw ApiException.accessDenied("The chat has ended or the participant has disconnected");
			}
			Websocket websocket = null;
			if (types.contains("WEBSOCKET")) {
				Instant urlExpiry = now.plus(settings.websocketUrlExpiry());
				websocket = new Websocket(
						this.context.store()
							.listener()
							.websocketUrl(contact.id, participant.id, participant.role, urlExpiry),
						Wire.time(urlExpiry));
			}
			ConnectionCredentials credentials = null;
			if (types.contains("CONNECTION_CREDENTIALS")) {
				Instant expiry = now.plus(settings.connectionTokenExpiry());
				credentials = new ConnectionCredentials(this.context.tokens().connectionToken(participant, expiry),
						Wire.time(expiry));
			}
			participant.connected = participant.connected || connect;
			return new CreateParticipantConnectionResponse(websocket, credentials);
		}
	}

	Wire.Response disconnectParticipant(ApiCall call) {
		Participant issuedTo = this.context.tokens().issuedTo(call.bearer());
		if (issuedTo != null) {
			// a repeat of a disconnection that succeeded gets its answer again, though
			// the
			// token no longer authenticates
			Contact contact = this.context.store().contact(issuedTo.contactId);
			synchronized (contact) {
				Wire.Response replay = this.context.idempotency()
					.replayed(contact, Operation.DISCONNECT_PARTICIPANT, issuedTo, call.body());
				if (replay != null) {
					return replay;
				}
			}
		}
		Participant participant = this.context.tokens().authenticate(call.bearer(), true);
		Contact contact = this.context.store().contact(participant.contactId);
		return this.context.idempotency()
			.run(contact, Operation.DISCONNECT_PARTICIPANT, participant, call.body(), () -> {
				this.context.store().leave(contact, participant);
				return Wire.Empty.INSTANCE;
			});
	}

	Wire.Response sendMessage(ApiCall call) {
		// an ended chat is refused by the idempotency check, which still answers a
		// replay of an earlier request
		Participant participant = this.context.tokens().authenticate(call.bearer(), false);
		Contact contact = this.context.store().contact(participant.contactId);
		SendRequest request = call.request(SendRequest.class);
		ContentTypes.checkMessage(request.contentType(), request.content(), "");
		return this.context.idempotency().run(contact, Operation.SEND_MESSAGE, participant, call.body(), () -> {
			Item item = contact.append(Item.message(participant, request.contentType(), request.content(),
					this.context.store().now(contact)));
			return new ItemResponse(item.id, Wire.time(item.time));
		});
	}

	Wire.Response sendEvent(ApiCall call) {
		Participant participant = this.context.tokens().authenticate(call.bearer(), false);
		Contact contact = this.context.store().contact(participant.contactId);
		SendRequest request = call.request(SendRequest.class);
		String contentType = request.contentType();
		ContentTypes.checkEvent(contentType);
		String receiptFor = ContentTypes.isReceipt(contentType) ? receiptMessageId(call.mapper(), request.content())
				: null;
		return this.context.idempotency().run(contact, Operation.SEND_EVENT, participant, call.body(), () -> {
			Instant time = this.context.store().now(contact);
			if (receiptFor != null) {
				Item message = contact.itemsById.get(receiptFor);
				if (message == null || message.type != ItemType.MESSAGE) {
					throw ApiException.validation("Content.messageId does not name a message of this chat");
				}
				if (activeParticipants(contact) > 2) {
					// the service keeps receipts to two-party chats: a supervisor's
					// barge-in
					// makes them a conflict
					throw ApiException.conflict(
							"Message receipts are not supported when more than two participants are active in the chat");
				}
				Receipt receipt = message.receipts.computeIfAbsent(participant.id, Receipt::new);
				receipt.mark(ContentTypes.READ.equals(contentType), time);
				this.context.store().publishReceipt(contact, message, receipt, time);
			}
			else if (ContentTypes.TYPING.equals(contentType)) {
				this.context.store().publish(contact, Item.event(ContentTypes.TYPING, participant, time));
			}
			return new ItemResponse(UUID.randomUUID().toString(), Wire.time(time));
		});
	}

	private static long activeParticipants(Contact contact) {
		return contact.participants.values()
			.stream()
			.filter((p) -> p.role != ParticipantRole.SYSTEM && !p.disconnected)
			.count();
	}

	private static String receiptMessageId(ObjectMapper mapper, String content) {
		if (content != null) {
			try {
				JsonNode messageId = mapper.readTree(content).get("messageId");
				if (messageId != null && messageId.isString() && !messageId.asString().isEmpty()) {
					return messageId.asString();
				}
			}
			catch (RuntimeException ex) {
				// falls through to the refusal
			}
		}
		throw ApiException.validation("Content must be {\"messageId\": \"...\"} for read and delivered receipts");
	}

	Wire.Response getTranscript(ApiCall call) {
		Participant participant = this.context.tokens().authenticate(call.bearer(), false);
		Contact contact = this.context.store().contact(participant.contactId);
		GetTranscriptRequest request = call.request(GetTranscriptRequest.class);
		if (request.contactId() != null && !request.contactId().equals(contact.id)) {
			throw ApiException.validation("ContactId is not a contact of this participant's chat");
		}
		Map<String, String> start = (request.startPosition() != null) ? request.startPosition().given() : Map.of();
		if (start.size() > 1) {
			throw ApiException.validation("StartPosition takes at most one of Id, AbsoluteTime and MostRecent");
		}
		String startKind = start.isEmpty() ? null : start.keySet().iterator().next();
		String startValue = (startKind != null) ? start.get(startKind) : null;
		String direction = request.scanDirection();
		if (direction == null) {
			direction = (startKind != null) ? "FORWARD" : "BACKWARD";
		}
		if ("FORWARD".equals(direction) && startKind == null) {
			throw ApiException.validation("ScanDirection FORWARD requires a StartPosition");
		}
		String sortOrder = (request.sortOrder() != null) ? request.sortOrder() : "DESCENDING";
		int maxResults = (request.maxResults() != null && request.maxResults() != 0) ? request.maxResults()
				: TranscriptPager.DEFAULT_MAX_RESULTS;
		TranscriptPager.Query query = new TranscriptPager.Query(contact.id, direction, sortOrder, startKind,
				startValue);
		synchronized (contact) {
			TranscriptPager.Page<Item> page = this.pager.page(contact.items, query, maxResults, request.nextToken());
			List<TranscriptItem> transcript = new ArrayList<>();
			for (Item item : page.items()) {
				transcript.add(this.context.store().wireItems().item(contact, item));
			}
			return new GetTranscriptResponse(contact.id, transcript, page.nextToken());
		}
	}

	Wire.Response describeView(ApiCall call) {
		this.context.tokens().authenticate(call.bearer(), false);
		JsonNode view = this.context.store().view(call.viewToken());
		if (view == null) {
			throw ApiException.notFound("No view for this ViewToken", "CONTACT_FLOW", null);
		}
		return new Wire.DescribeViewResponse(view.deepCopy());
	}

	Wire.Response getAuthenticationUrl(ApiCall call) {
		this.context.tokens().authenticate(call.bearer(), false);
		GetAuthenticationUrlRequest request = call.request(GetAuthenticationUrlRequest.class);
		return new Wire.GetAuthenticationUrlResponse(
				this.context.baseUri() + "/_emulator/authentication/" + request.sessionId() + "?redirect_uri="
						+ URLEncoder.encode(request.redirectUri(), StandardCharsets.UTF_8));
	}

	Wire.Response cancelParticipantAuthentication(ApiCall call) {
		this.context.tokens().authenticate(call.bearer(), false);
		return Wire.Empty.INSTANCE;
	}

}
