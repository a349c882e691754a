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

	/** The topic of a chat's messages, the one topic a chat participant has. */
	static final String CHAT_TOPIC = "aws/chat";

	/** What a client frame asks for, named by the frame's topic. */
	enum Kind {

		SUBSCRIBE("aws/subscribe"), UNSUBSCRIBE("aws/unsubscribe"), HEARTBEAT("aws/heartbeat"), PING("aws/ping"),
		/** Not JSON, no known topic: answered with an error in API Gateway's shape. */
		INVALID(null);

		private final String topic;

		Kind(String topic) {
			this.topic = topic;
		}

		private static Kind of(String topic) {
			for (Kind kind : values()) {
				if (topic.equals(kind.topic)) {
					return kind;
				}
			}
			return INVALID;
		}

	}

	/** A parsed client frame. */
	record Request(Kind kind, List<String> topics) {

		/** Whether the frame names the chat's topic. */
		boolean chat() {
			return this.topics.contains(CHAT_TOPIC);
		}

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
		return new Request(Kind.of(frame.get("topic").asString()), topics);
	}

	/**
	 * The answer to a subscribe or unsubscribe: success for {@code aws/chat} (the one
	 * topic a chat participant has), failure naming the topics asked for otherwise.
	 */
	String subscription(Request request) {
		boolean chat = request.chat();
		ObjectNode frame = this.mapper.createObjectNode();
		frame.put("topic", request.kind().topic);
		ObjectNode content = frame.putObject("content");
		content.put("status", chat ? "success" : "failure");
		ArrayNode topics = content.putArray("topics");
		if (chat) {
			topics.add(CHAT_TOPIC);
		}
		else {
			request.topics().forEach(topics::add);
		}
		return this.mapper.writeValueAsString(frame);
	}

	String heartbeat() {
		return "{\"topic\":\"" + Kind.HEARTBEAT.topic + "\"}";
	}

	String ping() {
		return "{\"topic\":\"" + Kind.PING.topic + "\",\"statusCode\":200,\"statusContent\":\"OK\"}";
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
