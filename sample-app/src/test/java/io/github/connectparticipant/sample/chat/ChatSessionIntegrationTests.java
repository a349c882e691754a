package io.github.connectparticipant.sample.chat;

import java.time.Duration;
import java.util.Map;

import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.github.connectparticipant.sample.SampleAppTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.awaitility.Awaitility.await;

/**
 * Each chat the application keeps holds a chat session, subscribed on the chat WebSocket,
 * which keeps the chat alive past Amazon Connect's rule that a chat nobody subscribes to
 * within 5 minutes of StartChatContact is ended; the embedded emulator enforces the rule,
 * on its own clock.
 */
class ChatSessionIntegrationTests extends SampleAppTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Duration SUBSCRIBE_RULE = Duration.ofMinutes(5);

	@Autowired
	ChatSessionKeeper sessions;

	@Autowired
	ParticipantConnectionFactory connections;

	@Test
	void theSampleRunsWithTheSubscribeRuleOn() {
		assertThat(this.emulator.settings().subscribeTimeout()).isEqualTo(SUBSCRIBE_RULE);
	}

	@Test
	void aStartedChatOutlivesTheSubscribeRule() {
		JsonNode chat = this.api.startChat("Ada");
		String contactId = chat.get("contactId").asString();
		await().atMost(WAIT).until(() -> this.emulator.subscribedSockets(contactId) > 0);

		this.emulator.advanceClock(SUBSCRIBE_RULE.plusMinutes(1));

		String messages = chat.get("links").get("messages").asString();
		assertThat(this.api.postJson(messages, Map.of("content", "Still there?")).status()).isEqualTo(201);
		assertThat(this.emulator.addMessage(contactId, "AGENT", "Sam", "Yes")).isNotBlank();
	}

	@Test
	void aChatNobodySubscribesToIsEndedByTheRule() {
		StartedChat unsubscribed = this.emulator.startChat("Bob");

		this.emulator.advanceClock(SUBSCRIBE_RULE.plusMinutes(1));

		assertThatRuntimeException()
			.isThrownBy(() -> this.emulator.addMessage(unsubscribed.contactId(), "AGENT", "Sam", "Anyone?"))
			.withMessageContaining("ended");
	}

	@Test
	void aForgottenChatsSessionIsClosed() {
		SampleProperties properties = new SampleProperties(new SampleProperties.Connect(null, null, null),
				new SampleProperties.Chats(1));
		Chats chats = new Chats(properties, this.sessions);
		StartedChat first = this.emulator.startChat("Ada");
		StartedChat second = this.emulator.startChat("Bob");
		chats.add("Ada", first.contactId(), this.connections.fromParticipantToken(first.participantToken()));
		await().atMost(WAIT).until(() -> this.emulator.subscribedSockets(first.contactId()) > 0);

		chats.add("Bob", second.contactId(), this.connections.fromParticipantToken(second.participantToken()));

		await().atMost(WAIT).until(() -> this.emulator.subscribedSockets(second.contactId()) > 0);
		await().atMost(WAIT).until(() -> this.emulator.subscribedSockets(first.contactId()) == 0);
	}

}
