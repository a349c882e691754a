package io.github.connectparticipant.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.LogCapture;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat sessions that lose their socket, or replace it, against the emulator: nothing is
 * missed, nothing repeated.
 */
class ChatSessionReconnectIntegrationTests {

	private static final Duration HEARTBEAT = Duration.ofMillis(500);

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final RecordingListener listener = new RecordingListener();

	private ChatSessions sessions;

	private ChatControl control;

	@BeforeEach
	void control() {
		this.control = new ChatControl(fixture.baseUri());
	}

	@AfterEach
	void close() {
		if (this.sessions != null) {
			this.sessions.close();
		}
	}

	private ChatSession open(ChatSessionSettings.Builder sessionSettings) {
		this.sessions = TestClients.chatSessions(fixture.client(), fixture.settings(), sessionSettings.build());
		ChatSession session = this.sessions.open(fixture.connection(), this.listener);
		await().until(() -> subscribed() == 1 && !this.listener.items.isEmpty());
		return session;
	}

	private static ChatSessionSettings.Builder fast() {
		return ChatSessionSettings.builder()
			.heartbeatInterval(HEARTBEAT)
			.initialBackoff(Duration.ofMillis(50))
			.maxBackoff(Duration.ofMillis(500));
	}

	private long subscribed() {
		return this.control.subscribedSockets(fixture.chat().contactId());
	}

	private List<String> add(int from, int to) {
		List<String> texts = IntStream.range(from, to).mapToObj((i) -> "m" + i).toList();
		texts.forEach((text) -> fixture.emulator().addMessage(fixture.chat().contactId(), "AGENT", "Sam", text));
		return texts;
	}

	private List<String> expected(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "m" + i).toList();
	}

	@Test
	void itemsSentWhileTheSocketIsDownArriveExactlyOnce() {
		String contactId = fixture.chat().contactId();
		open(fast());
		add(0, 3);
		await().until(() -> this.listener.messages().size() == 3);
		// the URL's window passes and its successor takes a second to come: the messages
		// below are written while the session has no socket
		fixture.emulator().advanceClock(Duration.ofSeconds(200));
		fixture.emulator()
			.setFaults(1, List.of(FaultRule.times("CreateParticipantConnection", "DELAY", 1).withDelayMillis(1000)));
		long transcriptReads = fixture.emulator().requestCount(contactId, "GetTranscript");
		assertThat(this.control.dropSockets(contactId)).isEqualTo(1);
		add(3, 10);
		await().until(() -> this.listener.messages().size() >= 10);
		add(10, 12);
		await().until(() -> this.listener.messages().size() >= 12);
		assertThat(this.listener.messages()).containsExactlyElementsOf(expected(12));
		assertThat(this.listener.ids()).doesNotHaveDuplicates();
		assertThat(fixture.emulator().requestCount(contactId, "GetTranscript")).isGreaterThan(transcriptReads);
		assertThat(this.listener.overlaps).hasValue(0);
	}

	@Test
	void unansweredHeartbeatsAreDetectedAndTheSessionReconnectsWithinTwoBeats() {
		String contactId = fixture.chat().contactId();
		open(fast());
		this.control.socketFaults(contactId, HEARTBEAT.toMillis() + 200, 0);
		Instant faulted = Instant.now();
		// the beat after the fault finds the one before it unanswered: at most two beats,
		// and a connect on loopback
		await().atMost(HEARTBEAT.multipliedBy(2).plusSeconds(1))
			.until(() -> this.control.sockets(contactId).size() == 2 && subscribed() == 1);
		assertThat(Duration.between(faulted, Instant.now())).isLessThan(HEARTBEAT.multipliedBy(2).plusSeconds(1));
		assertThat(this.control.sockets(contactId).get(0).get("open").asBoolean()).isFalse();
		add(0, 2);
		await().until(() -> this.listener.messages().size() >= 2);
		assertThat(this.listener.messages()).containsExactlyElementsOf(expected(2));
	}

	@Test
	void aUrlIsReusedInsideItsWindowAndReplacedAfterIt() {
		String contactId = fixture.chat().contactId();
		open(fast());
		long created = fixture.emulator().requestCount(contactId, "CreateParticipantConnection");
		this.control.dropSockets(contactId);
		add(0, 1);
		await().until(() -> this.control.sockets(contactId).size() == 2 && subscribed() == 1);
		assertThat(fixture.emulator().requestCount(contactId, "CreateParticipantConnection")).isEqualTo(created);
		fixture.emulator().advanceClock(Duration.ofSeconds(101));
		this.control.dropSockets(contactId);
		add(1, 2);
		await().until(() -> this.control.sockets(contactId).size() == 3 && subscribed() == 1);
		assertThat(fixture.emulator().requestCount(contactId, "CreateParticipantConnection")).isEqualTo(created + 1);
		await().until(() -> this.listener.messages().size() >= 2);
		assertThat(this.listener.messages()).containsExactlyElementsOf(expected(2));
	}

	@Test
	void socketsAreReplacedBeforeTheirLifetimeEndsOverlappingTheirSuccessor() {
		String contactId = fixture.chat().contactId();
		open(fast().rotationInterval(Duration.ofMillis(700)));
		int sent = 0;
		while (this.control.sockets(contactId).size() < 4) {
			add(sent, sent + 1);
			sent++;
			int expected = sent;
			await().until(() -> this.listener.messages().size() >= expected);
		}
		int total = sent;
		await().until(() -> this.listener.messages().size() >= total);
		assertThat(this.listener.messages()).containsExactlyElementsOf(expected(total));
		List<JsonNode> sockets = this.control.sockets(contactId);
		for (int i = 0; i + 1 < sockets.size() && !sockets.get(i).get("open").asBoolean(); i++) {
			JsonNode replaced = sockets.get(i);
			JsonNode successor = sockets.get(i + 1);
			// the session closes a replaced socket with a close frame of its own
			assertThat(replaced.get("closeCode").asInt()).as(sockets.toString()).isEqualTo(1000);
			assertThat(Instant.parse(successor.get("subscribedAt").asString()))
				.isBeforeOrEqualTo(Instant.parse(replaced.get("closedAt").asString()));
		}
		assertThat(subscribed()).isEqualTo(1);
	}

	@Test
	void theWebSocketUrlNeverReachesTheLogs() {
		String contactId = fixture.chat().contactId();
		try (LogCapture capture = LogCapture.start(Level.TRACE, "io.github.connectparticipant.chat",
				"io.github.connectparticipant.connection", "io.github.connectparticipant.retry",
				"io.github.connectparticipant.transcript", "jdk.internal.httpclient")) {
			ChatSession session = open(fast());
			this.control.dropSockets(contactId);
			await().until(() -> this.control.sockets(contactId).size() == 2 && subscribed() == 1);
			fixture.emulator().advanceClock(Duration.ofSeconds(200));
			this.control.dropSockets(contactId);
			await().until(() -> this.control.sockets(contactId).size() == 3 && subscribed() == 1);
			session.close();
			assertThat(capture.text()).contains("Chat WebSocket lost")
				.doesNotContain("AuthToken")
				.doesNotContain("ws://");
			assertThat(session.toString()).doesNotContain(fixture.connection().connectionToken());
		}
	}

}
