package io.github.connectparticipant.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.chat.ErrorInjector.OpeningFault;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.DefaultTranscriptService;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session whose reconnection meets an {@link Error} (the JDK's WebSocket client and the
 * SDK throw {@link InternalError} on bugs of their own) or a WebSocket client that never
 * answers: the attempt fails, the next one reconnects and fills the gap, and every
 * message arrives once. The session never waits on something that will not happen.
 */
@Timeout(60)
class ChatSessionRecoveryIntegrationTests {

	/** Longest wait for a session to reconnect and deliver what it missed. */
	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	/** Short attempts, so that an opening that never ends is given up on soon. */
	private final ConnectParticipantSettings settings = TestClients.fastSettings()
		.attemptTimeout(Duration.ofSeconds(1))
		.build();

	private final ErrorInjector errors = new ErrorInjector();

	private final RecordingListener listener = new RecordingListener();

	private ConnectParticipantClient client;

	private SessionRuntime runtime;

	private StartedChat chat;

	private ChatControl control;

	private ChatSession session;

	@BeforeEach
	void openSession() {
		this.client = TestClients.participantBuilder(fixture.baseUri())
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.addExecutionInterceptor(this.errors))
			.build();
		RequestPacer pacer = new RequestPacer(this.settings);
		ChatSessionSettings sessionSettings = ChatSessionSettings.builder()
			.heartbeatInterval(Duration.ofSeconds(1))
			.initialBackoff(Duration.ofMillis(50))
			.maxBackoff(Duration.ofMillis(500))
			.build();
		this.runtime = new SessionRuntime(this.client, this.settings, sessionSettings,
				new RetryExecutor(this.settings, ObservationRegistry.NOOP, pacer, this.client),
				new DefaultTranscriptService(this.client, this.settings, ObservationRegistry.NOOP, pacer),
				this.errors.openers());
		this.chat = fixture.startChat();
		this.control = new ChatControl(fixture.baseUri());
		this.session = new ChatSession(this.runtime,
				TestClients.connections(this.client, this.settings).fromParticipantToken(this.chat.participantToken()),
				this.listener, null, ConcurrentHashMap.newKeySet(), new ChatSessionObserver() {
				});
		this.session.start();
		await().atMost(RECOVERY)
			.until(() -> !this.listener.items.isEmpty() && this.control.subscribedSockets(this.chat.contactId()) == 1);
	}

	@AfterEach
	void close() {
		this.session.close();
		this.runtime.shutdown(Duration.ofSeconds(1));
		this.client.close();
	}

	/**
	 * An opening that throws an {@link Error}, or whose future never completes (given up
	 * after twice the attempt timeout), fails only that attempt.
	 */
	@ParameterizedTest
	@EnumSource(names = { "THROWS_ERROR", "NEVER_COMPLETES" })
	void aFailedOpeningFailsOnlyThatAttempt(OpeningFault fault) {
		this.errors.failNextOpening(fault);
		int openings = this.errors.openings();
		dropTheSocketAndSend(3);
		assertEveryMessageOnce(3);
		assertThat(this.errors.openings()).as("openings: the failed one and the next")
			.isGreaterThanOrEqualTo(openings + 2);
	}

	@Test
	void anErrorWhileFillingTheGapFailsOnlyThatAttempt() {
		String contactId = this.chat.contactId();
		long reads = fixture.emulator().requestCount(contactId, "GetTranscript");
		this.errors.failNextCall("GetTranscript", () -> new InternalError("thrown by the HTTP client"));
		dropTheSocketAndSend(3);
		assertEveryMessageOnce(3);
		assertThat(fixture.emulator().requestCount(contactId, "GetTranscript")).isGreaterThan(reads);
	}

	@Test
	void anErrorGettingANewWebSocketUrlFailsOnlyThatAttempt() {
		String contactId = this.chat.contactId();
		long urls = fixture.emulator().requestCount(contactId, "CreateParticipantConnection");
		// the emulator's clock passes the URL's window: the reconnection's handshake is
		// refused, and the attempt after it asks for a new URL
		fixture.emulator().advanceClock(Duration.ofSeconds(200));
		this.errors.failNextCall("CreateParticipantConnection", () -> new InternalError("thrown by the HTTP client"));
		dropTheSocketAndSend(3);
		assertEveryMessageOnce(3);
		assertThat(fixture.emulator().requestCount(contactId, "CreateParticipantConnection")).isGreaterThan(urls);
	}

	private void dropTheSocketAndSend(int messages) {
		// a socket lost meanwhile (a heartbeat answered late on a busy machine) is
		// dropped once the session has its next one
		await().atMost(RECOVERY)
			.pollDelay(Duration.ZERO)
			.until(() -> this.control.dropSockets(this.chat.contactId()) > 0);
		IntStream.range(0, messages)
			.forEach((i) -> fixture.emulator().addMessage(this.chat.contactId(), "AGENT", "Sam", "m" + i));
	}

	private void assertEveryMessageOnce(int messages) {
		List<String> expected = IntStream.range(0, messages).mapToObj((i) -> "m" + i).toList();
		await().atMost(RECOVERY).until(() -> this.listener.messages().size() >= messages);
		assertThat(this.listener.messages()).containsExactlyElementsOf(expected);
		assertThat(this.listener.ids()).doesNotHaveDuplicates();
		assertThat(this.session.isOpen()).isTrue();
	}

}
