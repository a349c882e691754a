package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reading the control API's requests: a JSON object body and its members, each checked,
 * with a 4xx {@link ControlError} naming what is wrong.
 */
final class ControlRequests {

	/**
	 * Longest duration the control API sets or advances the clock by: 100 years, far from
	 * Instant's limits.
	 */
	static final long MAX_SECONDS = 100L * 366 * 24 * 3600;

	private ControlRequests() {
	}

	static JsonNode body(HttpExchange exchange, ObjectMapper mapper) {
		byte[] bytes;
		try {
			bytes = Exchanges.readJsonBody(exchange);
		}
		catch (IOException ex) {
			throw new ControlError(400, "The body ended before its declared length");
		}
		if (bytes.length > Exchanges.MAX_JSON_BODY) {
			throw new ControlError(413, "Body too large");
		}
		if (bytes.length == 0) {
			return mapper.createObjectNode();
		}
		try {
			JsonNode node = mapper.readTree(bytes);
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
	static long wholeNumber(JsonNode body, String name, long max) {
		JsonNode value = body.get(name);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() > max) {
			throw new ControlError(400, "\"" + name + "\" must be a whole number of at most " + max);
		}
		return value.longValue();
	}

	static double number(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || !value.isNumber()) {
			throw new ControlError(400, "\"" + name + "\" must be a number");
		}
		return value.doubleValue();
	}

	static String requiredText(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || !value.isString() || value.asString().isEmpty()) {
			throw new ControlError(400, "\"" + name + "\" is required and must be a string");
		}
		return value.asString();
	}

	static String optionalText(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new ControlError(400, "\"" + name + "\" must be a string");
		}
		return value.asString();
	}

	/** The {@code "rules"} array of a body. */
	static JsonNode rules(JsonNode body) {
		JsonNode rules = body.get("rules");
		if (rules == null || !rules.isArray()) {
			throw new ControlError(400, "\"rules\" must be an array");
		}
		return rules;
	}

	static void expect(String method, String expected) {
		if (!expected.equals(method)) {
			throw new ControlError(405, "Use " + expected);
		}
	}

	static String path(List<String> segments) {
		return "/" + String.join("/", segments);
	}

	/** A control API error: its status and message. */
	static final class ControlError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int status;

		ControlError(int status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
