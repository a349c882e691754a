package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.connectparticipant.emulator.ControlRequests.ControlError;

import static io.github.connectparticipant.emulator.ControlRequests.MAX_SECONDS;
import static io.github.connectparticipant.emulator.ControlRequests.body;
import static io.github.connectparticipant.emulator.ControlRequests.expect;
import static io.github.connectparticipant.emulator.ControlRequests.optionalText;
import static io.github.connectparticipant.emulator.ControlRequests.path;
import static io.github.connectparticipant.emulator.ControlRequests.requiredText;
import static io.github.connectparticipant.emulator.ControlRequests.wholeNumber;

/**
 * The {@code /_emulator/} control API: JSON in and out, camelCase members, errors as
 * {@code {"message": "..."}} with a 4xx status. See the module README for every route.
 */
final class ControlApi {

	private final EmulatorServer server;

	private final ObjectMapper mapper;

	private final ParticipantActions participants;

	private final SocketControlApi sockets;

	private final ControlRulesApi rules;

	ControlApi(EmulatorServer server, ObjectMapper mapper) {
		this.server = server;
		this.mapper = mapper;
		this.participants = server.participants();
		this.sockets = new SocketControlApi(server.sockets(), this.participants, mapper);
		this.rules = new ControlRulesApi(server);
	}

	void handle(HttpExchange exchange, String method, String path) throws IOException {
		List<String> segments = new ArrayList<>();
		for (String segment : path.substring(1).split("/")) {
			if (!segment.isEmpty()) {
				try {
					segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException ex) {
					send(exchange, 400, error("Malformed path"));
					return;
				}
			}
		}
		try {
			JsonNode answer = route(exchange, method, segments);
			send(exchange, 200, answer);
		}
		catch (ControlError ex) {
			send(exchange, ex.status(), error(ex.getMessage()));
		}
		catch (ApiException ex) {
			send(exchange, (ex.status() == 402 || ex.status() == 403) ? 409 : ex.status(), error(ex.getMessage()));
		}
		catch (IllegalArgumentException ex) {
			send(exchange, 400, error(ex.getMessage()));
		}
	}

	private JsonNode route(HttpExchange exchange, String method, List<String> s) throws IOException {
		int n = s.size();
		String resource = (n > 1) ? s.get(1) : "";
		if (n > 2 && Set.of("health", "reset", "requests", "faults", "throttling", "config").contains(resource)) {
			throw new ControlError(404, "Unknown control route " + path(s));
		}
		switch (resource) {
			case "health" -> {
				expect(method, "GET");
				ObjectNode ok = this.mapper.createObjectNode();
				ok.put("status", "UP");
				return ok;
			}
			case "reset" -> {
				expect(method, "POST");
				this.server.reset();
				return this.mapper.createObjectNode();
			}
			case "requests" -> {
				expect(method, "GET");
				ObjectNode counts = this.mapper.createObjectNode();
				this.server.stats().totals().forEach(counts::put);
				return counts;
			}
			case "clock" -> {
				if (n == 3 && "advance".equals(s.get(2))) {
					expect(method, "POST");
					JsonNode body = body(exchange, this.mapper);
					long millis = (body.has("millis") ? wholeNumber(body, "millis", MAX_SECONDS * 1000) : 0)
							+ (body.has("seconds") ? wholeNumber(body, "seconds", MAX_SECONDS) * 1000 : 0);
					if (millis <= 0) {
						throw new ControlError(400, "Give a positive \"seconds\" or \"millis\"");
					}
					this.server.clock().advance(Duration.ofMillis(millis));
				}
				else if (n != 2 || !"GET".equals(method)) {
					throw new ControlError(404, "Unknown control route");
				}
				ObjectNode clock = this.mapper.createObjectNode();
				clock.put("now", Wire.time(this.server.clock().instant()));
				clock.put("offsetMillis", this.server.clock().offset().toMillis());
				return clock;
			}
			case "contacts" -> {
				return contacts(exchange, method, s);
			}
			case "faults" -> {
				return this.rules.faults(exchange, method);
			}
			case "throttling" -> {
				return this.rules.throttling(exchange, method);
			}
			case "config" -> {
				return this.rules.config(exchange, method);
			}
			case "attachments" -> {
				if (n == 4 && "verdict".equals(s.get(3))) {
					expect(method, "POST");
					this.server.store()
						.setAttachmentVerdict(s.get(2), requiredText(body(exchange, this.mapper), "status"));
					return this.mapper.createObjectNode();
				}
				throw new ControlError(404, "Unknown control route");
			}
			case "views" -> {
				if (n == 3) {
					expect(method, "PUT");
					JsonNode view = body(exchange, this.mapper);
					this.server.store().putView(s.get(2), view);
					return view;
				}
				throw new ControlError(404, "Unknown control route");
			}
			default -> throw new ControlError(404, "Unknown control route " + (path(s)));
		}
	}

	private JsonNode contacts(HttpExchange exchange, String method, List<String> s) throws IOException {
		int n = s.size();
		if (n == 2) {
			expect(method, "GET");
			ArrayNode ids = this.mapper.createArrayNode();
			this.server.store().contactIds().forEach(ids::add);
			return ids;
		}
		String contactId = s.get(2);
		if (n == 3) {
			expect(method, "GET");
			return contactState(contactId);
		}
		if (n == 4 && "messages".equals(s.get(3))) {
			expect(method, "POST");
			JsonNode body = body(exchange, this.mapper);
			Item item = this.participants.message(contactId, requiredText(body, "role"),
					optionalText(body, "displayName"), requiredText(body, "content"),
					optionalText(body, "contentType"));
			ObjectNode answer = this.mapper.createObjectNode();
			answer.put("id", item.id);
			answer.put("absoluteTime", Wire.time(item.time));
			answer.put("participantId", item.participantId);
			return answer;
		}
		if (n == 4 && "end".equals(s.get(3))) {
			expect(method, "POST");
			this.server.store().endContact(contactId);
			return this.mapper.createObjectNode();
		}
		JsonNode socketAnswer = this.sockets.route(method, contactId, s.subList(3, n),
				() -> body(exchange, this.mapper));
		if (socketAnswer != null) {
			return socketAnswer;
		}
		throw new ControlError(404, "Unknown control route " + path(s));
	}

	/**
	 * A contact as the control API shows it: participants, transcript items (as
	 * GetTranscript answers them), attachments, request counts and chat WebSockets.
	 */
	private ObjectNode contactState(String contactId) {
		Contact contact = this.server.store().controlled(contactId);
		ObjectNode state = this.mapper.createObjectNode();
		synchronized (contact) {
			Instant now = this.server.clock().instant();
			state.put("contactId", contact.id);
			state.put("instanceId", contact.instanceId);
			state.put("contactFlowId", contact.contactFlowId);
			state.put("ended", contact.ended);
			ArrayNode participants = state.putArray("participants");
			for (Participant p : contact.participants.values()) {
				ObjectNode node = participants.addObject();
				node.put("participantId", p.id);
				node.put("role", p.role.name());
				node.put("displayName", p.displayName);
				node.put("disconnected", p.disconnected);
			}
			ArrayNode items = state.putArray("items");
			for (Item item : contact.items) {
				items.add(this.mapper.valueToTree(this.server.store().wireItems().item(contact, item)));
			}
			ArrayNode attachments = state.putArray("attachments");
			for (Attachment a : contact.attachments.values()) {
				ObjectNode node = attachments.addObject();
				node.put("attachmentId", a.id);
				node.put("attachmentName", a.name);
				node.put("contentType", a.contentType);
				node.put("sizeInBytes", a.size);
				node.put("status", a.status(now).name());
				node.put("participantId", a.participantId);
			}
		}
		ObjectNode counts = state.putObject("requestCounts");
		this.server.stats().forContact(contactId).forEach(counts::put);
		state.set("sockets", this.sockets.state(contactId));
		return state;
	}

	private ObjectNode error(String message) {
		ObjectNode error = this.mapper.createObjectNode();
		error.put("message", message);
		return error;
	}

	private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
		Exchanges.send(exchange, status, "application/json", this.mapper.writeValueAsBytes(body));
	}

}
