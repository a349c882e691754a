package io.github.connectparticipant.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The frames of Amazon Connect's chat WebSocket as AWS's clients use them: what a client
 * sends, parsed, and what the server sends, written. A client frame is read up to the end
 * of its first JSON value, because the iOS SDK follows its subscribe object with a stray
 * {@code )}.
 */
final class SocketProtocol {

	static final String CHAT_TOPIC = "aws/chat";

	static final String SUBSCRIBE = "aws/subscribe";

	static final String UNSUBSCRIBE = "aws/unsubscribe";

	static final String HEARTBEAT = "aws/heartbeat";

	static final String PING = "aws/ping";

	/** What a client frame asks for. */
	enum Kind {

		SUBSCRIBE, UNSUBSCRIBE, HEARTBEAT, PING,
		/** Not JSON, no known topic: answered with an error in API Gateway's shape. */
		INVALID

	}

	/** A parsed client frame. */
	record Request(Kind kind, List<String> topics) {
	}

	private final ObjectMapper mapper;

	private final ObjectReader firstValue;

	SocketProtocol(ObjectMapper mapper) {
		this.mapper = mapper;
		this.firstValue = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	Request parse(String text) {
		JsonNode frame;
		try {
			frame = this.firstValue.readValue(text);
		}
		catch (JacksonException ex) {
			return new Request(Kind.INVALID, List.of());
		}
		if (frame == null || !frame.isObject() || !frame.path("topic").isString()) {
			return new Request(Kind.INVALID, List.of());
		}
		List<String> topics = new ArrayList<>();
		frame.path("content").path("topics").forEach((topic) -> topics.add(topic.asString()));
		return switch (frame.get("topic").asString()) {
			case SUBSCRIBE -> new Request(Kind.SUBSCRIBE, topics);
			case UNSUBSCRIBE -> new Request(Kind.UNSUBSCRIBE, topics);
			case HEARTBEAT -> new Request(Kind.HEARTBEAT, topics);
			case PING -> new Request(Kind.PING, topics);
			default -> new Request(Kind.INVALID, topics);
		};
	}

	/**
	 * The answer to a subscribe or unsubscribe: success for {@code aws/chat} (the one
	 * topic a chat participant has), failure naming the topics asked for otherwise.
	 */
	String subscription(String topic, List<String> requested) {
		boolean chat = requested.contains(CHAT_TOPIC);
		ObjectNode frame = this.mapper.createObjectNode();
		frame.put("topic", topic);
		ObjectNode content = frame.putObject("content");
		content.put("status", chat ? "success" : "failure");
		ArrayNode topics = content.putArray("topics");
		if (chat) {
			topics.add(CHAT_TOPIC);
		}
		else {
			requested.forEach(topics::add);
		}
		return this.mapper.writeValueAsString(frame);
	}

	String heartbeat() {
		return "{\"topic\":\"" + HEARTBEAT + "\"}";
	}

	String ping() {
		return "{\"topic\":\"" + PING + "\",\"statusCode\":200,\"statusContent\":\"OK\"}";
	}

	/**
	 * API Gateway's answer to a frame it cannot route; ChatJS reports it as a topic
	 * failure.
	 */
	String error(String connectionId) {
		ObjectNode frame = this.mapper.createObjectNode();
		frame.put("message", "Forbidden");
		frame.put("connectionId", connectionId);
		frame.put("requestId", UUID.randomUUID().toString());
		return this.mapper.writeValueAsString(frame);
	}

	/** An {@code aws/chat} frame: the item's JSON as a string in {@code content}. */
	String chat(Wire.TranscriptItem item) {
		ObjectNode frame = this.mapper.createObjectNode();
		frame.put("topic", CHAT_TOPIC);
		frame.put("contentType", "application/json");
		frame.put("content", this.mapper.writeValueAsString(item));
		return this.mapper.writeValueAsString(frame);
	}

}
