package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.util.List;

import org.java_websocket.framing.CloseFrame;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control routes under {@code /_emulator/contacts/{ContactId}/} for the chat
 * WebSocket: faults on a contact's sockets, and what another participant does that a
 * client hears on its socket (typing, receipts, leaving). Also renders the sockets for
 * {@code GET /_emulator/contacts/{ContactId}}.
 */
final class SocketControlApi {

	/** Reads the request body when a route needs it. */
	@FunctionalInterface
	interface Body {

		JsonNode read() throws IOException;

	}

	private static final long MAX_MILLIS = 24L * 3600 * 1000;

	private final ChatSockets sockets;

	private final ParticipantActions participants;

	private final ObjectMapper mapper;

	SocketControlApi(ChatSockets sockets, ParticipantActions participants, ObjectMapper mapper) {
		this.sockets = sockets;
		this.participants = participants;
		this.mapper = mapper;
	}

	/**
	 * The answer of a route below a contact ({@code rest} is the path after the contact
	 * id), or null when none matches.
	 */
	JsonNode route(String method, String contactId, List<String> rest, Body body) throws IOException {
		String route = String.join("/", rest);
		switch (route) {
			case "sockets/close" -> {
				expect(method, "POST");
				JsonNode request = body.read();
				boolean abrupt = request.path("abrupt").asBoolean(false);
				int code = (int) number(request, "code", CloseFrame.GOING_AWAY, 1000, 4999);
				ObjectNode answer = this.mapper.createObjectNode();
				answer.put("closed", this.sockets.closeAll(existing(contactId), code, abrupt));
				return answer;
			}
			case "sockets/faults" -> {
				if ("DELETE".equals(method)) {
					this.sockets.clearFault(existing(contactId));
					return this.mapper.createObjectNode();
				}
				expect(method, "PUT");
				JsonNode request = body.read();
				this.sockets.fault(existing(contactId), number(request, "unresponsiveMillis", 0, 0, MAX_MILLIS),
						number(request, "delayMillis", 0, 0, MAX_MILLIS));
				return request;
			}
			case "typing" -> {
				expect(method, "POST");
				JsonNode request = body.read();
				this.participants.typing(contactId, text(request, "role", true), text(request, "displayName", false));
				return this.mapper.createObjectNode();
			}
			case "receipts" -> {
				expect(method, "POST");
				JsonNode request = body.read();
				String type = text(request, "type", true);
				if (!"READ".equals(type) && !"DELIVERED".equals(type)) {
					throw new IllegalArgumentException("\"type\" must be READ or DELIVERED");
				}
				this.participants.receipt(contactId, text(request, "messageId", true), "READ".equals(type),
						text(request, "role", true), text(request, "displayName", false));
				return this.mapper.createObjectNode();
			}
			case "leave" -> {
				expect(method, "POST");
				JsonNode request = body.read();
				this.participants.leave(contactId, text(request, "role", true), text(request, "displayName", false));
				return this.mapper.createObjectNode();
			}
			default -> {
				return null;
			}
		}
	}

	/**
	 * The contact's sockets, oldest first, with the frames each was sent (the newest of
	 * them).
	 */
	ArrayNode state(String contactId) {
		ArrayNode list = this.mapper.createArrayNode();
		for (ChatSocket socket : this.sockets.sockets(contactId)) {
			ObjectNode node = list.addObject();
			node.put("socketId", socket.id);
			node.put("participantId", socket.grant.participantId());
			node.put("role", socket.grant.role().name());
			node.put("openedAt", Wire.time(socket.openedAt));
			node.put("open", socket.open());
			node.put("subscribed", socket.subscribed());
			if (socket.subscribedAt() != null) {
				node.put("subscribedAt", Wire.time(socket.subscribedAt()));
			}
			ChatSocket.Close close = socket.close();
			if (close != null) {
				node.put("closedAt", Wire.time(close.at()));
				node.put("closeCode", close.code());
			}
			node.put("framesSent", socket.framesSent());
			ArrayNode frames = node.putArray("frames");
			for (String frame : socket.frames()) {
				try {
					frames.add(this.mapper.readTree(frame));
				}
				catch (JacksonException ex) {
					frames.add(frame);
				}
			}
		}
		return list;
	}

	private String existing(String contactId) {
		return this.participants.existing(contactId);
	}

	private static long number(JsonNode body, String name, long absent, long min, long max) {
		JsonNode value = body.get(name);
		if (value == null || value.isNull()) {
			return absent;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
				|| value.longValue() > max) {
			throw new IllegalArgumentException("\"" + name + "\" must be a whole number from " + min + " to " + max);
		}
		return value.longValue();
	}

	private static String text(JsonNode body, String name, boolean required) {
		JsonNode value = body.get(name);
		if (value == null || value.isNull()) {
			if (required) {
				throw new IllegalArgumentException("\"" + name + "\" is required and must be a string");
			}
			return null;
		}
		if (!value.isString() || value.asString().isEmpty()) {
			throw new IllegalArgumentException("\"" + name + "\" must be a non-empty string");
		}
		return value.asString();
	}

	private static void expect(String method, String expected) {
		if (!expected.equals(method)) {
			throw new ApiException(405, "MethodNotAllowed", "Use " + expected);
		}
	}

}
