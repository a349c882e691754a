package io.github.connectparticipant.transcript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.EmulatorState;
import io.github.connectparticipant.RecordedObservations;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import io.github.connectparticipant.retry.RetryExecutor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A stream read past its first pages by a caller that works on them reads one page ahead:
 * every item once and in order, never more than one page ahead, nothing more sent once
 * the stream is closed, a page that fails while read ahead failing the stream only after
 * every item before it, and no read-ahead for a caller that does no work. "Nothing more
 * is sent" is shown without waiting for time to pass: once the service has no page being
 * read ahead and the caller does not move on, nothing can send, and the emulator's
 * request count is final.
 */
@Timeout(60)
class TranscriptReadAheadIntegrationTests {

	private static final String GET = "GetTranscript";

	/** 1000 messages and the customer's and agent's joined events: 11 pages of 100. */
	private static final int MESSAGES = 998;

	private static final int PAGE = 100;

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	private DefaultTranscriptService transcripts;

	private ParticipantConnection connection;

	private List<String> expected;

	@BeforeEach
	void fillChat() {
		this.transcripts = (DefaultTranscriptService) fixture.transcripts(this.settings);
		StartedChat chat = fixture.startChat();
		for (int i = 0; i < MESSAGES; i++) {
			emulator().addMessage(chat.contactId(), "AGENT", "Agent", "message " + i);
		}
		this.connection = ParticipantConnection.ofConnectionToken(fixture.client()
			.createParticipantConnection((request) -> request.participantToken(chat.participantToken())
				.type(software.amazon.awssdk.services.connectparticipant.model.ConnectionType.CONNECTION_CREDENTIALS))
			.connectionCredentials()
			.connectionToken());
		this.expected = EmulatorState.itemIds(fixture.baseUri(), chat.contactId());
		assertThat(this.expected).hasSize(1000);
	}

	private static ConnectParticipantEmulator emulator() {
		return fixture.emulator();
	}

	private Stream<TranscriptItem> oldestFirst() {
		return this.transcripts.stream(this.connection,
				TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(PAGE).build());
	}

	@Test
	void everyItemArrivesOnceInOrderWhileTheConsumerWorks() {
		List<String> ids = new ArrayList<>();
		try (Stream<TranscriptItem> items = oldestFirst()) {
			items.forEach((item) -> {
				// some work per page, so that pages are read ahead while the consumer is
				// busy
				workAtPageEnd(ids.size());
				ids.add(item.id());
			});
		}
		assertThat(ids).containsExactlyElementsOf(this.expected);
		assertThat(emulator().requestCount(GET)).isEqualTo(10);
	}

	@Test
	void readsNothingAheadDuringTheFirstPagesThenExactlyOnePage() {
		try (Stream<TranscriptItem> items = oldestFirst()) {
			Iterator<TranscriptItem> iterator = items.iterator();
			take(iterator, 150);
			assertRequestsSettleAt(2);
			take(iterator, 51);
			// on page 3: page 4 is read ahead, and nothing after it
			assertRequestsSettleAt(4);
			take(iterator, 99);
			// the last item of page 3
			assertRequestsSettleAt(4);
			take(iterator, 1);
			// on page 4: page 5 is read ahead
			assertRequestsSettleAt(5);
			take(iterator, 699);
			assertThat(iterator.hasNext()).isFalse();
		}
		assertThat(emulator().requestCount(GET)).isEqualTo(10);
	}

	@Test
	void closingCancelsThePageBeingReadAheadAndSendsNothingMore() {
		// the first three pages answer at once, the fourth (read ahead) is held back
		emulator().setFaults(1,
				List.of(FaultRule.times(GET, "DELAY", 3), FaultRule.always(GET, "DELAY").withDelayMillis(2000)));
		Stream<TranscriptItem> items = oldestFirst();
		Iterator<TranscriptItem> iterator = items.iterator();
		take(iterator, 150);
		// work on page 2, so that page 4 is read ahead from page 3 on
		work(50);
		take(iterator, 51);
		awaitRequests(4);
		items.close();
		// close did not wait for the page held back
		assertThat(this.transcripts.readAheadsInFlight()).isEqualTo(1);
		// the page held back arrives, and no other request follows it
		assertRequestsSettleAt(4);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> take(iterator, 100))
			.withMessageContaining("closed");
	}

	@Test
	void closingBeforeAnyReadAheadSendsNothingMore() {
		try (Stream<TranscriptItem> items = oldestFirst()) {
			assertThat(items.limit(150)).hasSize(150);
		}
		// nothing is being read ahead, so nothing more can be sent
		assertThat(this.transcripts.readAheadsInFlight()).isZero();
		assertThat(emulator().requestCount(GET)).isEqualTo(2);
	}

	@Test
	void aPageThatFailsWhileReadAheadFailsTheStreamAfterEveryItemBeforeIt() {
		// the first three pages answer; every later request fails
		emulator().setFaults(1, List.of(FaultRule.times(GET, "DELAY", 3), FaultRule.always(GET, "SERVER_ERROR")));
		List<String> ids = new ArrayList<>();
		List<String> threads = new ArrayList<>();
		RecordedObservations observations = new RecordedObservations();
		observations.registry().observationConfig().observationHandler(threadRecorder(threads));
		TranscriptService observed = fixture.transcripts(this.settings, observations.registry());
		try (Stream<TranscriptItem> items = observed.stream(this.connection,
				TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(PAGE).build())) {
			assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> items.forEach((item) -> {
				workAtPageEnd(ids.size());
				ids.add(item.id());
			})).satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo(GET);
				assertThat(ex.getAttempts()).isEqualTo(this.settings.maxAttempts());
				assertThat(ex.getErrorCode()).isEqualTo("InternalServerException");
			});
		}
		assertThat(ids).containsExactlyElementsOf(this.expected.subList(0, 3 * PAGE));
		assertThat(emulator().requestCount(GET)).isEqualTo(3 + this.settings.maxAttempts());
		// the failing page was the one read ahead
		assertThat(threads).last().asString().startsWith("connect-participant-transcript-");
	}

	@Test
	void pagesReadAheadAreObservedInsideTheCallersObservation() {
		RecordedObservations observations = new RecordedObservations();
		TranscriptService observed = fixture.transcripts(this.settings, observations.registry());
		Observation export = Observation.start("export", observations.registry());
		List<String> threads = new ArrayList<>();
		observations.registry().observationConfig().observationHandler(threadRecorder(threads));
		int[] count = { 0 };
		try (Observation.Scope scope = export.openScope();
				Stream<TranscriptItem> items = observed.stream(this.connection,
						TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(PAGE).build())) {
			items.forEach((item) -> workAtPageEnd(count[0]++));
		}
		assertThat(count[0]).isEqualTo(1000);
		export.stop();
		List<Observation.Context> pages = observations.stopped()
			.stream()
			.filter((context) -> context.getName().equals(ParticipantObservationDocumentation.OPERATION.getName()))
			.toList();
		assertThat(pages).hasSize(10).allSatisfy((context) -> {
			assertThat(context.getParentObservation()).isNotNull();
			assertThat(context.getParentObservation().getContextView().getName()).isEqualTo("export");
		});
		// pages 1 to 3 on the caller's thread, pages 4 to 10 read ahead (unless the
		// caller got there first)
		assertThat(threads).hasSize(10);
		assertThat(threads.subList(0, 3)).containsOnly(Thread.currentThread().getName());
		assertThat(threads.subList(3, 10))
			.anySatisfy((thread) -> assertThat(thread).startsWith("connect-participant-transcript-"));
	}

	@Test
	void aCallerThatDoesNoWorkIsNotReadAheadFor() {
		RecordedObservations observations = new RecordedObservations();
		List<String> threads = new ArrayList<>();
		observations.registry().observationConfig().observationHandler(threadRecorder(threads));
		TranscriptService observed = fixture.transcripts(this.settings, observations.registry());
		try (Stream<TranscriptItem> items = observed.stream(this.connection,
				TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(PAGE).build())) {
			assertThat(items.map(TranscriptItem::id).toList()).containsExactlyElementsOf(this.expected);
		}
		assertThat(threads).hasSize(10).containsOnly(Thread.currentThread().getName());
		assertThat(emulator().requestCount(GET)).isEqualTo(10);
	}

	/**
	 * Some work at the end of every page (20 ms, many round trips on loopback).
	 */
	private static void workAtPageEnd(int itemsBefore) {
		if ((itemsBefore + 1) % PAGE == 0) {
			work(20);
		}
	}

	/**
	 * Records the thread each page's observation starts on.
	 */
	private static ObservationHandler<Observation.Context> threadRecorder(List<String> threads) {
		return new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				if (context.getName().equals(ParticipantObservationDocumentation.OPERATION.getName())) {
					synchronized (threads) {
						threads.add(Thread.currentThread().getName());
					}
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		};
	}

	private static void take(Iterator<TranscriptItem> iterator, int count) {
		for (int i = 0; i < count; i++) {
			iterator.next();
		}
	}

	/**
	 * Wait until no page is being read ahead: with the caller not moving on, nothing more
	 * can be sent, so the emulator's count is final.
	 */
	private void assertRequestsSettleAt(long count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.transcripts.readAheadsInFlight() == 0);
		assertThat(emulator().requestCount(GET)).isEqualTo(count);
	}

	private static void awaitRequests(long count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> emulator().requestCount(GET) >= count);
		assertThat(emulator().requestCount(GET)).isEqualTo(count);
	}

	/**
	 * The caller's work on a page.
	 */
	private static void work(long millis) {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
