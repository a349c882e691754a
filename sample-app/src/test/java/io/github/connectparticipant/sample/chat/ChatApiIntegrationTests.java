package io.github.connectparticipant.sample.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.sample.SampleApi.Response;
import io.github.connectparticipant.sample.SampleAppTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/chats}, {@code GET /api/chats/{chat}} and {@code POST
 * /api/chats/{chat}/messages} over HTTP, through the embedded emulator.
 */
class ChatApiIntegrationTests extends SampleAppTestSupport {

	@AfterEach
	void clearFaults() {
		this.emulator.clearFaults();
	}

	@Test
	void startsAChatWithAnOpaqueId() {
		Response response = this.api.postJson("/api/chats", Map.of("displayName", "  Ada  "));
		assertThat(response.status()).isEqualTo(201);
		JsonNode chat = response.json();
		String id = chat.get("id").asString();
		assertThat(id).matches("[A-Za-z0-9_-]{22}");
		assertThat(response.header("Location")).isEqualTo("/api/chats/" + id);
		assertThat(chat.get("displayName").asString()).isEqualTo("Ada");
		assertThat(chat.get("contactId").asString()).isNotBlank();
		assertThat(chat.get("startedAt").asString()).isNotBlank();
		assertThat(chat.get("links").get("transcript").asString()).isEqualTo("/api/chats/" + id + "/transcript");
		assertThat(chat.get("links").get("events").asString()).isEqualTo("/api/chats/" + id + "/events");
		assertThat(chat.propertyNames()).containsExactlyInAnyOrder("id", "displayName", "contactId", "startedAt",
				"links");
		// StartChatContact, then the participant connection, then the chat session's
		// WebSocket (in the background), once each
		String contactId = chat.get("contactId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.emulator.subscribedSockets(contactId) == 1);
		assertThat(this.emulator.requestCount(contactId, "CreateParticipantConnection")).isEqualTo(2);
	}

	@Test
	void readsAChat() {
		JsonNode chat = this.api.startChat("Grace");
		Response response = this.api.get("/api/chats/" + chat.get("id").asString());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(chat);
	}

	@Test
	void unknownChatIs404() {
		this.api.get("/api/chats/AAAAAAAAAAAAAAAAAAAAAA").problem(404, "UNKNOWN_CHAT");
		this.api.postJson("/api/chats/nope/messages", Map.of("content", "hi")).problem(404, "UNKNOWN_CHAT");
	}

	@Test
	void blankDisplayNameIs400() {
		this.api.postJson("/api/chats", Map.of("displayName", "   ")).problem(400, "INVALID_INPUT");
		this.api.postJson("/api/chats", "{}").problem(400, "INVALID_INPUT");
	}

	@Test
	void tooLongDisplayNameIs400() {
		JsonNode problem = this.api.postJson("/api/chats", Map.of("displayName", "x".repeat(257)))
			.problem(400, "INVALID_INPUT");
		assertThat(problem.get("detail").asString()).contains("257").contains("256");
	}

	@Test
	void malformedJsonIs400() {
		this.api.postJson("/api/chats", "{\"displayName\":").problem(400, "BAD_REQUEST");
	}

	@Test
	void bodyThatIsNotJsonIs415() {
		this.api.post("/api/chats", "text/plain", "Ada").problem(415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void throttledStartChatContactIs429AfterRetries() {
		this.emulator.setFaults(1, List.of(FaultRule.always("StartChatContact", "THROTTLE")));
		Response response = this.api.postJson("/api/chats", Map.of("displayName", "Ada"));
		JsonNode problem = response.problem(429, "THROTTLED");
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(problem.get("operation").asString()).isEqualTo("StartChatContact");
		assertThat(problem.get("attempts").asInt()).isEqualTo(4);
		assertThat(this.emulator.requestCount("StartChatContact")).isGreaterThanOrEqualTo(4);
	}

	@Test
	void failingStartChatContactIs503AfterRetries() {
		this.emulator.setFaults(1, List.of(FaultRule.always("StartChatContact", "SERVER_ERROR")));
		Response response = this.api.postJson("/api/chats", Map.of("displayName", "Ada"));
		response.problem(503, "SERVICE_UNAVAILABLE");
		assertThat(response.header("Retry-After")).isEqualTo("1");
	}

	@Test
	void retriedStartChatContactStartsOneChat() {
		long before = this.emulator.requestCount("StartChatContact");
		this.emulator.setFaults(1, List.of(FaultRule.times("StartChatContact", "DROP_AFTER", 1)));
		JsonNode chat = this.api.startChat("Ada");
		assertThat(this.emulator.requestCount("StartChatContact") - before).isEqualTo(2);
		// the retry replayed the first answer: the chat the first attempt created is the
		// one we hold
		Response transcript = this.api.get(chat.get("links").get("transcript").asString());
		assertThat(transcript.status()).isEqualTo(200);
	}

	@Test
	void sendsAMessage() {
		JsonNode chat = this.api.startChat("Ada");
		String messages = chat.get("links").get("messages").asString();
		Response response = this.api.postJson(messages, Map.of("content", "Where is my parcel?"));
		assertThat(response.status()).isEqualTo(201);
		String messageId = response.json().get("id").asString();
		assertThat(response.json().get("time").asString()).isNotBlank();
		JsonNode items = this.api.get(chat.get("links").get("transcript").asString()).json().get("items");
		assertThat(items.valueStream().filter((item) -> messageId.equals(item.get("id").asString()))).singleElement()
			.satisfies((item) -> {
				assertThat(item.get("content").asString()).isEqualTo("Where is my parcel?");
				assertThat(item.get("role").asString()).isEqualTo("CUSTOMER");
			});
	}

	@Test
	void emptyMessageIs400() {
		JsonNode chat = this.api.startChat("Ada");
		this.api.postJson(chat.get("links").get("messages").asString(), Map.of("content", " "))
			.problem(400, "INVALID_INPUT");
	}

	@Test
	void tooLongMessageIs400AndNothingIsSent() {
		JsonNode chat = this.api.startChat("Ada");
		String contactId = chat.get("contactId").asString();
		this.api.postJson(chat.get("links").get("messages").asString(), Map.of("content", "x".repeat(1025)))
			.problem(400, "INVALID_INPUT");
		assertThat(this.emulator.requestCount(contactId, "SendMessage")).isZero();
	}

	@Test
	void messageToAnEndedChatIs409() {
		JsonNode chat = this.api.startChat("Ada");
		this.emulator.endChat(chat.get("contactId").asString());
		JsonNode problem = this.api.postJson(chat.get("links").get("messages").asString(), Map.of("content", "hello?"))
			.problem(409, "CHAT_ENDED");
		assertThat(problem.get("operation").asString()).isNotBlank();
	}

	@Test
	void throttledSendMessageIs429AfterRetries() {
		JsonNode chat = this.api.startChat("Ada");
		this.emulator.setFaults(1, List.of(FaultRule.always("SendMessage", "THROTTLE")));
		Response response = this.api.postJson(chat.get("links").get("messages").asString(), Map.of("content", "hi"));
		JsonNode problem = response.problem(429, "THROTTLED");
		assertThat(problem.get("operation").asString()).isEqualTo("SendMessage");
		assertThat(problem.get("errorCode").asString()).isEqualTo("ThrottlingException");
	}

	@Test
	void failingSendMessageIs503AfterRetries() {
		JsonNode chat = this.api.startChat("Ada");
		this.emulator.setFaults(1, List.of(FaultRule.always("SendMessage", "SERVER_ERROR")));
		this.api.postJson(chat.get("links").get("messages").asString(), Map.of("content", "hi"))
			.problem(503, "SERVICE_UNAVAILABLE");
	}

}
