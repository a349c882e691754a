package io.github.connectparticipant.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ControlRequests.ControlError;

import static io.github.connectparticipant.emulator.ControlRequests.MAX_SECONDS;
import static io.github.connectparticipant.emulator.ControlRequests.body;
import static io.github.connectparticipant.emulator.ControlRequests.number;
import static io.github.connectparticipant.emulator.ControlRequests.requiredText;
import static io.github.connectparticipant.emulator.ControlRequests.rules;
import static io.github.connectparticipant.emulator.ControlRequests.wholeNumber;

/**
 * The control API's rules and settings: {@code /_emulator/faults},
 * {@code /_emulator/throttling} and {@code /_emulator/config}, each read with GET and
 * replaced with PUT.
 */
final class ControlRulesApi {

	private final EmulatorServer server;

	ControlRulesApi(EmulatorServer server) {
		this.server = server;
	}

	JsonNode faults(HttpExchange exchange, String method) {
		switch (method) {
			case "PUT" -> {
				JsonNode body = body(exchange, this.server.mapper());
				JsonNode rules = rules(body);
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
				this.server.faults()
					.setFaults(body.has("seed") ? wholeNumber(body, "seed", Long.MAX_VALUE) : 0, parsed);
				return faultsAnswer();
			}
			case "DELETE" -> {
				this.server.faults().clearFaults();
				return faultsAnswer();
			}
			case "GET" -> {
				return faultsAnswer();
			}
			default -> throw new ControlError(405, "Use GET, PUT or DELETE");
		}
	}

	private JsonNode faultsAnswer() {
		ObjectNode answer = this.server.mapper().createObjectNode();
		ArrayNode rules = answer.putArray("rules");
		for (FaultRule rule : this.server.faults().faultRules()) {
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

	JsonNode throttling(HttpExchange exchange, String method) {
		switch (method) {
			case "PUT" -> {
				JsonNode rules = rules(body(exchange, this.server.mapper()));
				this.server.faults().throttler().clear();
				for (JsonNode rule : rules) {
					this.server.faults()
						.throttler()
						.set(requiredText(rule, "operation"), rule.path("ratePerSecond").asDouble(0),
								rule.path("burst").asInt(0));
				}
			}
			case "DELETE" -> this.server.faults().throttler().clear();
			case "GET" -> {
				// answer below
			}
			default -> throw new ControlError(405, "Use GET, PUT or DELETE");
		}
		ObjectNode answer = this.server.mapper().createObjectNode();
		ArrayNode rules = answer.putArray("rules");
		this.server.faults().throttler().rules().forEach((operation, values) -> {
			ObjectNode node = rules.addObject();
			node.put("operation", operation);
			node.put("ratePerSecond", values[0]);
			node.put("burst", (int) values[1]);
		});
		return answer;
	}

	JsonNode config(HttpExchange exchange, String method) {
		if ("PUT".equals(method)) {
			JsonNode body = body(exchange, this.server.mapper());
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
		ObjectNode answer = this.server.mapper().createObjectNode();
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

}
