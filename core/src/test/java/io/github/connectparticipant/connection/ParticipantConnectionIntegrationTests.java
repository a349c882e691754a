package io.github.connectparticipant.connection;

import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.retry.RequestPacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.MutableClock;
import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.TranscriptPage;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.StartChatContactResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connections against the emulator: created from a participant token, reused, replaced
 * before expiry, replaced once (and only once under concurrency) when refused.
 */
@Timeout(60)
class ParticipantConnectionIntegrationTests {

	private static final String CREATE = ParticipantOperation.CREATE_PARTICIPANT_CONNECTION.operationName();

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private static ConnectClient connect;

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	@BeforeAll
	static void createConnectClient() {
		connect = TestClients.connect(fixture.baseUri());
	}

	@AfterAll
	static void closeConnectClient() {
		connect.close();
	}

	private ConnectParticipantEmulator emulator() {
		return fixture.emulator();
	}

	@Test
	void participantTokenFromStartChatContactIsTurnedIntoOneReusedConnection() {
		StartChatContactResponse chat = connect.startChatContact((request) -> request.instanceId("instance-1")
			.contactFlowId("flow-1")
			.participantDetails((participant) -> participant.displayName("Customer")));
		ParticipantConnectionFactory factory = TestClients.connections(fixture.client(), this.settings);
		ParticipantConnection connection = factory.fromParticipantToken(chat.participantToken());
		assertThat(emulator().requestCount(CREATE)).isZero();
		TranscriptService transcripts = fixture.transcripts(this.settings);
		for (int i = 0; i < 3; i++) {
			TranscriptPage page = transcripts.page(connection, TranscriptQuery.newestFirst());
			assertThat(page.items()).isNotEmpty();
		}
		assertThat(emulator().requestCount(CREATE)).isEqualTo(1);
		assertThat(emulator().requestCount("GetTranscript")).isEqualTo(3);
		assertThat(connection.isRefreshable()).isTrue();
		assertThat(connection.expiry()).isNotNull();
	}

	@Test
	void tokenIsReplacedAMarginBeforeItsExpiry() {
		MutableClock clock = new MutableClock();
		ConnectParticipantSettings margin = TestClients.fastSettings()
			.tokenRefreshMargin(Duration.ofMinutes(10))
			.build();
		ParticipantConnectionFactory factory = new ParticipantConnectionFactory(fixture.client(), margin,
				ObservationRegistry.NOOP, clock, new RequestPacer(margin));
		ParticipantConnection connection = factory.fromParticipantToken(fixture.startChat().participantToken());
		String first = connection.connectionToken();
		clock.advance(Duration.ofHours(23).plusMinutes(49));
		assertThat(connection.connectionToken()).isEqualTo(first);
		clock.advance(Duration.ofMinutes(2));
		String second = connection.connectionToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(connection.connectionToken()).isEqualTo(second);
		assertThat(emulator().requestCount(CREATE)).isEqualTo(2);
	}

	@Test
	void refusedTokenIsReplacedOnceAndTheCallRepeatedOnceEvenUnderConcurrency() throws Exception {
		// the clock passes Connect's subscribe rule, which would end this chat nobody
		// subscribes to
		emulator().updateSettings(
				(builder) -> builder.connectionTokenExpiry(Duration.ofMinutes(10)).subscribeTimeout(Duration.ZERO));
		ParticipantConnection connection = TestClients.connections(fixture.client(), this.settings)
			.fromParticipantToken(fixture.startChat().participantToken());
		TranscriptService transcripts = fixture.transcripts(this.settings);
		transcripts.page(connection, TranscriptQuery.newestFirst());
		emulator().advanceClock(Duration.ofMinutes(11));
		int callers = 8;
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<TranscriptPage>> pages = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				pages.add(pool.submit(() -> {
					go.await();
					return transcripts.page(connection, TranscriptQuery.newestFirst());
				}));
			}
			go.countDown();
			for (Future<TranscriptPage> page : pages) {
				assertThat(page.get(30, TimeUnit.SECONDS).items()).isNotEmpty();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(emulator().requestCount(CREATE)).isEqualTo(2);
		// Each caller: at most one refused call and one repeat.
		assertThat(emulator().requestCount("GetTranscript")).isBetween(1L + callers, 1L + 2 * callers);
	}

	@Test
	void givenConnectionTokenIsUsedAsIsAndNeverRefreshed() {
		StartedChat chat = fixture.startChat();
		String token = TestClients.connections(fixture.client(), this.settings)
			.fromParticipantToken(chat.participantToken())
			.connectionToken();
		ParticipantConnection connection = ParticipantConnection.ofConnectionToken(token);
		TranscriptService transcripts = fixture.transcripts(this.settings);
		assertThat(transcripts.page(connection, TranscriptQuery.newestFirst()).items()).isNotEmpty();
		emulator().advanceClock(Duration.ofHours(25));
		assertThatExceptionOfType(ParticipantAccessDeniedException.class)
			.isThrownBy(() -> transcripts.page(connection, TranscriptQuery.newestFirst()))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("AccessDeniedException");
				assertThat(ex.getAttempts()).isEqualTo(1);
				assertThat(ex.getMessage()).doesNotContain(token);
			});
		assertThat(emulator().requestCount(CREATE)).isEqualTo(1);
		assertThat(connection.isRefreshable()).isFalse();
	}

	@Test
	void disconnectedParticipantIsRefusedAfterOneRefreshAttempt() {
		StartedChat chat = fixture.startChat();
		ParticipantConnection connection = TestClients.connections(fixture.client(), this.settings)
			.fromParticipantToken(chat.participantToken());
		TranscriptService transcripts = fixture.transcripts(this.settings);
		transcripts.page(connection, TranscriptQuery.newestFirst());
		String token = connection.connectionToken();
		fixture.client().disconnectParticipant((request) -> request.connectionToken(token));
		assertThatExceptionOfType(ParticipantAccessDeniedException.class)
			.isThrownBy(() -> transcripts.page(connection, TranscriptQuery.newestFirst()));
		assertThat(emulator().requestCount(CREATE)).isEqualTo(2);
	}

	@Test
	void toStringShowsNoToken() {
		StartedChat chat = fixture.startChat();
		ParticipantConnection connection = TestClients.connections(fixture.client(), this.settings)
			.fromParticipantToken(chat.participantToken());
		String token = connection.connectionToken();
		assertThat(connection.toString()).doesNotContain(token)
			.doesNotContain(chat.participantToken())
			.contains("participant token")
			.contains("expires");
		assertThat(ParticipantConnection.ofConnectionToken(token).toString()).doesNotContain(token);
	}

}
