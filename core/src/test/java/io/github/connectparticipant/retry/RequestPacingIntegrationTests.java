package io.github.connectparticipant.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a service that throttles an operation at a rate, pacing the client at that rate
 * sends no request that is throttled and none faster than the rate, where the same load
 * unpaced is throttled and retried. What holds whatever the machine's load: the service's
 * bucket holds the client's burst and one request more per calling thread, as a request
 * that took its permit may wait (its thread paused) and reach the service with those sent
 * after it; and the client's calls take at least as long as its rate allows.
 */
@Timeout(60)
class RequestPacingIntegrationTests {

	private static final String GET = "GetTranscript";

	private static final int THREADS = 4;

	private static final int CALLS_PER_THREAD = 8;

	private static final int CALLS = THREADS * CALLS_PER_THREAD;

	/** The quota the client is paced at. */
	private static final double RATE = 10;

	private static final int BURST = 5;

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void pacedAtTheQuotaNothingIsThrottled() throws Exception {
		ConnectParticipantSettings settings = TestClients.fastSettings().requestQuota(GET, RATE, BURST).build();
		long start = System.nanoTime();
		int failures = run(settings);
		long elapsed = System.nanoTime() - start;
		assertThat(failures).isZero();
		// every call took exactly one request: none was answered 429 and retried
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(CALLS);
		// the burst goes at once, every other call waits for its token
		assertThat(Duration.ofNanos(elapsed)).as("time the paced calls took")
			.isGreaterThanOrEqualTo(Duration.ofMillis((long) ((CALLS - BURST) * 1000 / RATE)));
	}

	@Test
	void unpacedTheSameLoadIsThrottled() throws Exception {
		ConnectParticipantSettings settings = TestClients.fastSettings().requestQuotas(Map.of()).build();
		int failures = run(settings);
		assertThat(fixture.emulator().requestCount(GET)).as("requests, retries of throttled ones included")
			.isGreaterThan(CALLS + failures);
	}

	/**
	 * Read the first page of a transcript from several threads at once, against a service
	 * allowing {@link #RATE} GetTranscript requests per second with a burst of
	 * {@link #BURST} plus one per thread. Unpaced, the calls would have to take a quarter
	 * of a second each to escape its throttling.
	 * @return the calls that failed
	 */
	private int run(ConnectParticipantSettings settings) throws Exception {
		StartedChat chat = fixture.startChat();
		ParticipantConnection connection = fixture.connect(chat, settings);
		connection.connectionToken();
		TranscriptService transcripts = fixture.transcripts(settings);
		fixture.emulator().setThrottle(GET, RATE, BURST + THREADS);
		AtomicInteger failures = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				futures.add(threads.submit(() -> {
					for (int i = 0; i < CALLS_PER_THREAD; i++) {
						try {
							transcripts.page(connection, TranscriptQuery.newestFirst());
						}
						catch (ConnectParticipantException ex) {
							failures.incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		return failures.get();
	}

}
