package io.github.connectparticipant.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.TranscriptItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many chat sessions on one {@link ChatSessions}: every message once and in order while
 * sockets drop, a fixed number of threads, and a slow listener that delays only its own
 * session.
 */
@Timeout(600)
class ChatSessionLoadIntegrationTests {

	/** Sessions at once; {@code -Dchat.sessions=1000} for the long form. */
	private static final int SESSIONS = Integer.getInteger("chat.sessions", 200);

	private static final int MESSAGES = Integer.getInteger("chat.messages", 50);

	private static final int DROPS = Integer.getInteger("chat.drops", 20);

	/** Longest wait for every session's messages: grows with the messages in all. */
	private static final Duration DELIVERY_WAIT = Duration.ofSeconds(30 + (long) SESSIONS * MESSAGES / 150);

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	private ChatSessions sessions;

	/**
	 * Threads of earlier tests' sessions not yet gone: a closed runtime's threads end
	 * soon, not at once.
	 */
	private long threadsBefore;

	@BeforeEach
	void create() {
		this.threadsBefore = sessionThreads();
		this.sessions = TestClients.chatSessions(fixture.client(), this.settings,
				ChatSessionSettings.builder()
					.heartbeatInterval(Duration.ofSeconds(5))
					.initialBackoff(Duration.ofMillis(100))
					.maxBackoff(Duration.ofSeconds(1))
					.build());
	}

	@AfterEach
	void close() {
		this.sessions.close();
	}

	@Test
	void everyMessageOnceAndInOrderAcrossManySessionsWhileSocketsDrop() {
		List<StartedChat> chats = new ArrayList<>();
		List<RecordingListener> listeners = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			StartedChat chat = fixture.startChat();
			RecordingListener listener = new RecordingListener();
			this.sessions.open(fixture.connect(chat, this.settings), listener);
			chats.add(chat);
			listeners.add(listener);
		}
		// a session delivers its first item after its socket is subscribed and its gap
		// filled
		await().atMost(DELIVERY_WAIT).until(() -> listeners.stream().noneMatch((l) -> l.items.isEmpty()));
		long start = System.nanoTime();
		assertThat(sessionThreads()).isLessThanOrEqualTo(this.threadsBefore + threadsAllowed());

		Random random = new Random(42);
		List<Integer> dropped = new ArrayList<>(IntStream.range(0, SESSIONS).boxed().toList());
		Collections.shuffle(dropped, random);
		dropped = dropped.subList(0, DROPS);
		ChatControl control = new ChatControl(fixture.baseUri());
		int drops = 0;
		for (int m = 0; m < MESSAGES; m++) {
			for (StartedChat chat : chats) {
				fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "m" + m);
			}
			// the drops are spread evenly over the rounds; a session whose socket is
			// lost (a heartbeat answered late on a busy machine) is dropped once it
			// has its next one
			for (int d = m * DROPS / MESSAGES; d < (m + 1) * DROPS / MESSAGES; d++) {
				String contactId = chats.get(dropped.get(d)).contactId();
				await().atMost(DELIVERY_WAIT).pollDelay(Duration.ZERO).until(() -> control.dropSockets(contactId) > 0);
				drops++;
			}
		}
		await().atMost(DELIVERY_WAIT).until(() -> listeners.stream().allMatch((l) -> l.messages().size() >= MESSAGES));
		System.out.printf("CHAT-LOAD sessions=%d messages=%d drops=%d threads=%d delivered-in=%d ms%n", SESSIONS,
				SESSIONS * MESSAGES, drops, sessionThreads(), (System.nanoTime() - start) / 1_000_000);
		List<String> expected = IntStream.range(0, MESSAGES).mapToObj((i) -> "m" + i).toList();
		for (RecordingListener listener : listeners) {
			assertThat(listener.messages()).containsExactlyElementsOf(expected);
			assertThat(listener.ids()).doesNotHaveDuplicates();
			assertThat(listener.overlaps).hasValue(0);
		}
		// a socket dropped after the last round's pushes loses nothing, so its session
		// may still be reconnecting when every message is in: wait for its fill
		for (int index : dropped) {
			String contactId = chats.get(index).contactId();
			await().atMost(DELIVERY_WAIT)
				.untilAsserted(() -> assertThat(fixture.emulator().requestCount(contactId, "GetTranscript"))
					.as("a dropped session fills its gap")
					.isGreaterThanOrEqualTo(2));
		}
		assertThat(this.sessions.sessions()).hasSize(SESSIONS);
		assertThat(sessionThreads()).isLessThanOrEqualTo(this.threadsBefore + threadsAllowed());
	}

	@Test
	void aSlowListenerDelaysOnlyItsOwnSession() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		List<TranscriptItem> slowItems = Collections.synchronizedList(new ArrayList<>());
		StartedChat slowChat = fixture.startChat();
		this.sessions.open(fixture.connect(slowChat, this.settings), (item) -> {
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			slowItems.add(item);
		});
		StartedChat chat = fixture.startChat();
		RecordingListener listener = new RecordingListener();
		this.sessions.open(fixture.connect(chat, this.settings), listener);
		await().atMost(DELIVERY_WAIT).until(() -> !listener.items.isEmpty());
		for (int i = 0; i < 10; i++) {
			fixture.emulator().addMessage(slowChat.contactId(), "AGENT", "Sam", "slow" + i);
			fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "m" + i);
		}
		await().atMost(DELIVERY_WAIT).until(() -> listener.messages().size() == 10);
		assertThat(slowItems).isEmpty();
		release.countDown();
		await().atMost(DELIVERY_WAIT).until(() -> slowItems.stream().filter(TranscriptItem::isMessage).count() == 10);
	}

	private static long sessionThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("chat-session-"))
			.count();
	}

	/**
	 * The scheduler, the default worker and delivery pools, and the WebSocket client's
	 * two.
	 */
	private static int threadsAllowed() {
		ChatSessionSettings defaults = ChatSessionSettings.defaults();
		return 1 + defaults.workerThreads() + defaults.deliveryThreads() + 2;
	}

}
