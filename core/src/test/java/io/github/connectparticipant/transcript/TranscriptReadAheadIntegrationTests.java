package io.github.connectparticipant.transcript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * request count is final. The caller's work on a page is measured against how long the
 * page can have taken ({@link PagedReader}), so that what the stream decides does not
 * depend on how fast the machine runs.
 */
@Timeout(60)
class TranscriptReadAheadIntegrationTests {

	private static final String GET = "GetTranscript";

	/** 1000 messages and the customer's and agent's joined events: 10 pages of 100. */
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

	private Stream<TranscriptItem> oldestFirst(TranscriptService service) {
		return service.stream(this.connection,
				TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(PAGE).build());
	}

	private static PagedReader exporting(TranscriptService service, Stream<TranscriptItem> items) {
		return PagedReader.exporting(service, items, PAGE);
	}

	@Test
	void everyItemArrivesOnceInOrderWhileTheConsumerWorks() {
		List<String> ids;
		try (Stream<TranscriptItem> items = oldestFirst(this.transcripts)) {
			ids = exporting(this.transcripts, items).remainingIds();
		}
		assertThat(ids).containsExactlyElementsOf(this.expected);
		assertThat(emulator().requestCount(GET)).isEqualTo(10);
	}

	@Test
	void readsNothingAheadDuringTheFirstPagesThenExactlyOnePage() {
		try (Stream<TranscriptItem> items = oldestFirst(this.transcripts)) {
			PagedReader reader = exporting(this.transcripts, items);
			reader.take(150);
			assertRequestsSettleAt(2);
			reader.take(51);
			// on page 3: page 4 is read ahead, and nothing after it
			assertRequestsSettleAt(4);
			reader.take(99);
			// the last item of page 3
			assertRequestsSettleAt(4);
			reader.take(1);
			// on page 4: page 5 is read ahead
			assertRequestsSettleAt(5);
			reader.take(699);
			assertThat(reader.hasNext()).isFalse();
		}
		assertThat(emulator().requestCount(GET)).isEqualTo(10);
	}

	@Test
	void closingCancelsThePageBeingReadAheadAndSendsNothingMore() {
		// the first three pages answer at once, the fourth (read ahead) is held back far
		// longer than the test takes to close the stream, and less than an attempt may
		// take: the page held back is answered, not retried
		emulator().setFaults(1,
				List.of(FaultRule.times(GET, "DELAY", 3), FaultRule.always(GET, "DELAY").withDelayMillis(5000)));
		this.transcripts = (DefaultTranscriptService) fixture
			.transcripts(TestClients.fastSettings().attemptTimeout(Duration.ofSeconds(20)).build());
		Stream<TranscriptItem> items = oldestFirst(this.transcripts);
		PagedReader reader = exporting(this.transcripts, items);
		// on page 3, after the work on page 2: page 4 is read ahead
		reader.take(201);
		awaitRequests(4);
		items.close();
		// close did not wait for the page held back
		assertThat(this.transcripts.readAheadsInFlight()).isEqualTo(1);
		// the page held back arrives, and no other request follows it
		assertRequestsSettleAt(4);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> reader.take(100))
			.withMessageContaining("closed");
	}

	@Test
	void closingBeforeAnyReadAheadSendsNothingMore() {
		try (Stream<TranscriptItem> items = oldestFirst(this.transcripts)) {
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
		try (Stream<TranscriptItem> items = oldestFirst(observed)) {
			PagedReader reader = exporting(observed, items);
			assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> {
				while (reader.hasNext()) {
					ids.add(reader.next().id());
				}
			}).satisfies((ex) -> {
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
		List<String> ids;
		try (Observation.Scope scope = export.openScope(); Stream<TranscriptItem> items = oldestFirst(observed)) {
			ids = exporting(observed, items).remainingIds();
		}
		assertThat(ids).hasSize(1000);
		export.stop();
		List<Observation.Context> pages = observations.stopped()
			.stream()
			.filter((context) -> context.getName().equals(ParticipantObservationDocumentation.OPERATION.getName()))
			.toList();
		assertThat(pages).hasSize(10).allSatisfy((context) -> {
			assertThat(context.getParentObservation()).isNotNull();
			assertThat(context.getParentObservation().getContextView().getName()).isEqualTo("export");
		});
		// pages 1 to 3 on the caller's thread, pages 4 to 10 read ahead
		assertThat(threads).hasSize(10);
		assertThat(threads.subList(0, 3)).containsOnly(Thread.currentThread().getName());
		assertThat(threads.subList(3, 10))
			.allSatisfy((thread) -> assertThat(thread).startsWith("connect-participant-transcript-"));
	}

	@Test
	void aCallerThatDoesNoWorkIsNotReadAheadFor() {
		// every page takes at least this long to answer: a caller that only collects the
		// items spends a small part of that on a page
		Duration roundTrip = Duration.ofMillis(200);
		emulator().setFaults(1, List.of(FaultRule.always(GET, "DELAY").withDelayMillis(roundTrip.toMillis())));
		RecordedObservations observations = new RecordedObservations();
		List<String> threads = new ArrayList<>();
		observations.registry().observationConfig().observationHandler(threadRecorder(threads));
		TranscriptService observed = fixture.transcripts(this.settings, observations.registry());
		PagedReader reader;
		try (Stream<TranscriptItem> items = oldestFirst(observed)) {
			reader = PagedReader.idle(items, PAGE);
			assertThat(reader.remainingIds()).containsExactlyElementsOf(this.expected);
		}
		assertThat(emulator().requestCount(GET)).isEqualTo(10);
		assertThat(threads).hasSize(10);
		String caller = Thread.currentThread().getName();
		List<PagedReader.PageCall> calls = reader.pageCalls();
		for (int page = 2; page <= 8; page++) {
			// the most time the stream can have seen the caller spend on the page: from
			// the call that began it to the call that began the next, less the reads made
			// in those calls (each took a round trip at least)
			long onPage = calls.get(page).end() - calls.get(page - 1).start()
					- (caller.equals(threads.get(page - 1)) ? roundTrip.toNanos() : 0)
					- (caller.equals(threads.get(page)) ? roundTrip.toNanos() : 0);
			// where the test's thread was held up for a quarter of a round trip, the page
			// after the next may have been worth reading ahead: that page proves nothing
			if (onPage * DefaultTranscriptService.READ_AHEAD_WORK_SHARE < roundTrip.toNanos()) {
				assertThat(threads.get(page + 1)).as("thread that read page " + (page + 2)).isEqualTo(caller);
			}
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

	/**
	 * Wait until no page is being read ahead: with the caller not moving on, nothing more
	 * can be sent, so the emulator's count is final.
	 */
	private void assertRequestsSettleAt(long count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.transcripts.readAheadsInFlight() == 0);
		assertThat(emulator().requestCount(GET)).isEqualTo(count);
	}

	private static void awaitRequests(long count) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> emulator().requestCount(GET) >= count);
		assertThat(emulator().requestCount(GET)).isEqualTo(count);
	}

}
