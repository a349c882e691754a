package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;

/**
 * The {@code /_emulator/} control API: JSON in and out, camelCase members, errors as
 * {@code {"message": "..."}} with a 4xx status. See the module README for every route.
 */
final class ControlApi {

	/**
	 * Longest duration the control API sets or advances the clock by: 100 years, far from
	 * Instant's limits.
	 */
	private static final long MAX_SECONDS = 100L * 366 * 24 * 3600;

	private final EmulatorServer server;

	private final ObjectMapper mapper;

	private final SocketControlApi sockets;

	ControlApi(EmulatorServer server, ObjectMapper mapper) {
		this.server = server;
		this.mapper = mapper;
		this.sockets = new SocketControlApi(server.sockets(), new ParticipantActions(server.store()), mapper);
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
			send(exchange, ex.status, error(ex.getMessage()));
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
					JsonNode body = body(exchange);
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
				clock.put("now", ChatStore.iso(this.server.clock().instant()));
				clock.put("offsetMillis", this.server.clock().offset().toMillis());
				return clock;
			}
			case "contacts" -> {
				return contacts(exchange, method, s);
			}
			case "faults" -> {
				return faults(exchange, method);
			}
			case "throttling" -> {
				return throttling(exchange, method);
			}
			case "config" -> {
				return config(exchange, method);
			}
			case "attachments" -> {
				if (n == 4 && "verdict".equals(s.get(3))) {
					expect(method, "POST");
					this.server.store().setAttachmentVerdict(s.get(2), requiredText(body(exchange), "status"));
					return this.mapper.createObjectNode();
				}
				throw new ControlError(404, "Unknown control route");
			}
			case "views" -> {
				if (n == 3) {
					expect(method, "PUT");
					JsonNode view = body(exchange);
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
			ObjectNode state = this.server.store().contactState(contactId, this.server.stats().forContact(contactId));
			state.set("sockets", this.sockets.state(contactId));
			return state;
		}
		if (n == 4 && "messages".equals(s.get(3))) {
			expect(method, "POST");
			JsonNode body = body(exchange);
			ChatStore.Item item = this.server.store()
				.addMessageFromOther(contactId, requiredText(body, "role"), optionalText(body, "displayName"),
						requiredText(body, "content"), optionalText(body, "contentType"));
			ObjectNode answer = this.mapper.createObjectNode();
			answer.put("id", item.id);
			answer.put("absoluteTime", ChatStore.iso(item.time));
			answer.put("participantId", item.participantId);
			return answer;
		}
		if (n == 4 && "end".equals(s.get(3))) {
			expect(method, "POST");
			this.server.store().endContact(contactId);
			return this.mapper.createObjectNode();
		}
		JsonNode socketAnswer = this.sockets.route(method, contactId, s.subList(3, n), () -> body(exchange));
		if (socketAnswer != null) {
			return socketAnswer;
		}
		throw new ControlError(404, "Unknown control route " + path(s));
	}

	private JsonNode faults(HttpExchange exchange, String method) throws IOException {
		switch (method) {
			case "PUT" -> {
				JsonNode body = body(exchange);
				JsonNode rules = body.get("rules");
				if (rules == null || !rules.isArray()) {
					throw new ControlError(400, "\"rules\" must be an array");
				}
				List<FaultRule> parsed = new ArrayList<>();
				for (JsonNode rule : rules) {
					JsonNode times = rule.get("times");
					if (times != null && !times.isNull() && !times.canConvertToInt()) {
						throw new ControlError(400, "\"times\" must be a whole number");
					}
					parsed.add(new FaultRule(requiredText(rule, "operation"), requiredText(rule, "fault"),
							rule.has("probability") ? number(rule, "probability") : 1.0,
							(times != null && !times.isNull()) ? times.asInt() : null,
							rule.has("delayMillis") ? wholeNumber(rule, "delayMillis", MAX_SECONDS * 1000) : 0,
							rule.has("afterBytes") ? wholeNumber(rule, "afterBytes", Long.MAX_VALUE) : 0));
				}
				this.server.faults().set(body.has("seed") ? wholeNumber(body, "seed", Long.MAX_VALUE) : 0, parsed);
				return faultsAnswer();
			}
			case "DELETE" -> {
				this.server.faults().clear();
				return faultsAnswer();
			}
			case "GET" -> {
				return faultsAnswer();
			}
			default -> throw new ControlError(405, "Use GET, PUT or DELETE");
		}
	}

	private JsonNode faultsAnswer() {
		ObjectNode answer = this.mapper.createObjectNode();
		ArrayNode rules = answer.putArray("rules");
		for (FaultRule rule : this.server.faults().rules()) {
			ObjectNode node = rules.addObject();
			node.put("operation", rule.operation());
			node.put("fault", rule.fault());
			node.put("probability", rule.probability());
			if (rule.times() != null) {
				node.put("times", rule.times());
			}
			node.put("delayMillis", rule.delayMillis());
			node.put("afterBytes", rule.afterBytes());
		}
		return answer;
	}

	private JsonNode throttling(HttpExchange exchange, String method) throws IOException {
		switch (method) {
			case "PUT" -> {
				JsonNode rules = body(exchange).get("rules");
				if (rules == null || !rules.isArray()) {
					throw new ControlError(400, "\"rules\" must be an array");
				}
				this.server.throttler().clear();
				for (JsonNode rule : rules) {
					this.server.throttler()
						.set(requiredText(rule, "operation"), rule.path("ratePerSecond").asDouble(0),
								rule.path("burst").asInt(0));
				}
			}
			case "DELETE" -> this.server.throttler().clear();
			case "GET" -> {
				// answer below
			}
			default -> throw new ControlError(405, "Use GET, PUT or DELETE");
		}
		ObjectNode answer = this.mapper.createObjectNode();
		ArrayNode rules = answer.putArray("rules");
		this.server.throttler().rules().forEach((operation, values) -> {
			ObjectNode node = rules.addObject();
			node.put("operation", operation);
			node.put("ratePerSecond", values[0]);
			node.put("burst", (int) values[1]);
		});
		return answer;
	}

	private JsonNode config(HttpExchange exchange, String method) throws IOException {
		if ("PUT".equals(method)) {
			JsonNode body = body(exchange);
			this.server.store().updateSettings((builder) -> {
				if (body.has("connectionTokenExpirySeconds")) {
					builder.connectionTokenExpiry(
							Duration.ofSeconds(wholeNumber(body, "connectionTokenExpirySeconds", MAX_SECONDS)));
				}
				if (body.has("uploadUrlExpirySeconds")) {
					builder
						.uploadUrlExpiry(Duration.ofSeconds(wholeNumber(body, "uploadUrlExpirySeconds", MAX_SECONDS)));
				}
				if (body.has("maxAttachmentSizeBytes")) {
					builder.maxAttachmentSize(wholeNumber(body, "maxAttachmentSizeBytes", Long.MAX_VALUE));
				}
				if (body.has("scanDelayMillis")) {
					builder.scanDelay(Duration.ofMillis(wholeNumber(body, "scanDelayMillis", MAX_SECONDS * 1000)));
				}
				if (body.has("maxAttachmentsPerContact")) {
					builder.maxAttachmentsPerContact(
							(int) wholeNumber(body, "maxAttachmentsPerContact", Integer.MAX_VALUE));
				}
				if (body.has("websocketUrlExpirySeconds")) {
					builder.websocketUrlExpiry(
							Duration.ofSeconds(wholeNumber(body, "websocketUrlExpirySeconds", MAX_SECONDS)));
				}
				if (body.has("subscribeTimeoutSeconds")) {
					builder.subscribeTimeout(
							Duration.ofSeconds(wholeNumber(body, "subscribeTimeoutSeconds", MAX_SECONDS)));
				}
				if (body.has("allowedContentTypes")) {
					JsonNode list = body.get("allowedContentTypes");
					Set<String> types = new LinkedHashSet<>();
					list.forEach((type) -> types.add(type.isString() ? type.asString() : null));
					if (!list.isArray() || types.contains(null)) {
						throw new ControlError(400, "\"allowedContentTypes\" must be an array of strings");
					}
					builder.allowedContentTypes(types);
				}
				return builder;
			});
		}
		else if (!"GET".equals(method)) {
			throw new ControlError(405, "Use GET or PUT");
		}
		EmulatorSettings settings = this.server.store().settings();
		ObjectNode answer = this.mapper.createObjectNode();
		answer.put("connectionTokenExpirySeconds", settings.connectionTokenExpiry().toSeconds());
		answer.put("uploadUrlExpirySeconds", settings.uploadUrlExpiry().toSeconds());
		answer.put("maxAttachmentSizeBytes", settings.maxAttachmentSize());
		answer.put("scanDelayMillis", settings.scanDelay().toMillis());
		answer.put("maxAttachmentsPerContact", settings.maxAttachmentsPerContact());
		answer.put("websocketUrlExpirySeconds", settings.websocketUrlExpiry().toSeconds());
		answer.put("subscribeTimeoutSeconds", settings.subscribeTimeout().toSeconds());
		ArrayNode types = answer.putArray("allowedContentTypes");
		settings.allowedContentTypes().forEach(types::add);
		return answer;
	}

	private JsonNode body(HttpExchange exchange) throws IOException {
		byte[] bytes;
		try {
			// not closed here: an oversize body's rest is discarded before the answer
			bytes = EmulatorServer.readAtMost(exchange.getRequestBody(), EmulatorServer.MAX_JSON_BODY + 1);
		}
		catch (IOException ex) {
			exchange.getResponseHeaders().set("Connection", "close");
			throw new ControlError(400, "The body ended before its declared length");
		}
		if (bytes.length > EmulatorServer.MAX_JSON_BODY) {
			exchange.getResponseHeaders().set("Connection", "close");
			throw new ControlError(413, "Body too large");
		}
		if (bytes.length == 0) {
			return this.mapper.createObjectNode();
		}
		try {
			JsonNode node = this.mapper.readTree(bytes);
			if (node == null || !node.isObject()) {
				throw new ControlError(400, "The body must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new ControlError(400, "The body is not valid JSON");
		}
	}

	/**
	 * A whole number member between its type's bounds: wrong types and absurd values are
	 * a 400, not a failure later.
	 */
	private static long wholeNumber(JsonNode body, String name, long max) {
		JsonNode value = body.get(name);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() > max) {
			throw new ControlError(400, "\"" + name + "\" must be a whole number of at most " + max);
		}
		return value.longValue();
	}

	private static double number(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || !value.isNumber()) {
			throw new ControlError(400, "\"" + name + "\" must be a number");
		}
		return value.doubleValue();
	}

	private static String requiredText(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || !value.isString() || value.asString().isEmpty()) {
			throw new ControlError(400, "\"" + name + "\" is required and must be a string");
		}
		return value.asString();
	}

	private static String optionalText(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new ControlError(400, "\"" + name + "\" must be a string");
		}
		return value.asString();
	}

	private static void expect(String method, String expected) {
		if (!expected.equals(method)) {
			throw new ControlError(405, "Use " + expected);
		}
	}

	private static String path(List<String> segments) {
		return "/" + String.join("/", segments);
	}

	private ObjectNode error(String message) {
		ObjectNode error = this.mapper.createObjectNode();
		error.put("message", message);
		return error;
	}

	private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
		EmulatorServer.discardRequestBody(exchange);
		byte[] bytes = this.mapper.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		EmulatorServer.send(exchange, status, bytes);
	}

	private static final class ControlError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int status;

		ControlError(int status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

	}

}
