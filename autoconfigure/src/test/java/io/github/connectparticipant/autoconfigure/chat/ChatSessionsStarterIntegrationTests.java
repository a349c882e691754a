package io.github.connectparticipant.autoconfigure.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import io.github.connectparticipant.chat.ChatEndReason;
import io.github.connectparticipant.chat.ChatSession;
import io.github.connectparticipant.chat.ChatSessionListener;
import io.github.connectparticipant.chat.ChatSessions;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat sessions as an application sees them: the bean, application events, metrics and
 * health over HTTP, and the sessions closed when the application stops; against the
 * embedded emulator.
 */
@Timeout(60)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-details=always", "connect.participant.chat.heartbeat-interval=2s" })
class ChatSessionsStarterIntegrationTests {

	@Autowired
	private ChatSessions sessions;

	@Autowired
	private ParticipantConnectionFactory connections;

	@Autowired
	private ConnectParticipantEmulator emulator;

	@Autowired
	private Events events;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void publishesItemsAndTheEndAsApplicationEventsWithMetricsAndHealth() throws Exception {
		StartedChat chat = this.emulator.startChat("Ada");
		ChatSession session = this.sessions.open(this.connections.fromParticipantToken(chat.participantToken()),
				(item) -> {
				});
		await().until(() -> this.events.items.stream().anyMatch((event) -> chat.contactId().equals(event.contactId())));
		this.emulator.addMessage(chat.contactId(), "AGENT", "Sam", "Hello Ada");
		await().until(() -> this.events.items.stream()
			.anyMatch((event) -> chat.contactId().equals(event.contactId())
					&& "Hello Ada".equals(event.item().content())));
		assertThat(get("/actuator/metrics/connect.participant.chat.sessions").body()).contains("\"value\":1.0");
		assertThat(get("/actuator/metrics/connect.participant.chat.delivery.latency").body()).contains("COUNT");
		assertThat(get("/actuator/health").body()).contains("\"chatSessions\"", "\"openSessions\":1");

		this.emulator.endChat(chat.contactId());
		await().until(() -> this.events.ended
			.contains(new ChatSessionEndedEvent(chat.contactId(), ChatEndReason.CHAT_ENDED)));
		assertThat(session.isOpen()).isFalse();
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"openSessions\":0").doesNotContain(chat.participantToken());
		assertThat(get("/actuator/metrics/connect.participant.chat.sessions.ended").body()).contains("CHAT_ENDED");
	}

	@Test
	void closesEverySessionWhenTheApplicationStops() {
		List<ChatEndReason> reasons = new CopyOnWriteArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			ConnectParticipantEmulator emulator = context.getBean(ConnectParticipantEmulator.class);
			StartedChat chat = emulator.startChat("Ada");
			List<String> items = new CopyOnWriteArrayList<>();
			context.getBean(ChatSessions.class)
				.open(context.getBean(ParticipantConnectionFactory.class).fromParticipantToken(chat.participantToken()),
						new ChatSessionListener() {

							@Override
							public void onItem(io.github.connectparticipant.transcript.TranscriptItem item) {
								items.add(item.id());
							}

							@Override
							public void onEnded(ChatEndReason reason, Throwable cause) {
								reasons.add(reason);
							}

						});
			await().until(() -> !items.isEmpty());
		}
		assertThat(reasons).containsExactly(ChatEndReason.CLOSED);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootApplication
	static class TestApplication {

		@Bean
		Events events() {
			return new Events();
		}

	}

	/**
	 * Collects the chat events an application hears.
	 */
	static class Events {

		final List<ChatItemEvent> items = new CopyOnWriteArrayList<>();

		final List<ChatSessionEndedEvent> ended = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ChatItemEvent event) {
			this.items.add(event);
		}

		@EventListener
		void on(ChatSessionEndedEvent event) {
			this.ended.add(event);
		}

	}

}
