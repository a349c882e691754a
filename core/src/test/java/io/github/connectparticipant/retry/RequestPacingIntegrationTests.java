package io.github.connectparticipant.retry;

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
 * sends no request that is throttled, where the same load unpaced is throttled and
 * retried.
 */
@Timeout(60)
class RequestPacingIntegrationTests {

	private static final String GET = "GetTranscript";

	private static final int THREADS = 4;

	private static final int CALLS_PER_THREAD = 8;

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void pacedAtTheQuotaNothingIsThrottled() throws Exception {
		ConnectParticipantSettings settings = TestClients.fastSettings().requestQuota(GET, 20, 5).build();
		int failures = run(settings);
		assertThat(failures).isZero();
		// every call took exactly one request: none was answered 429 and retried
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(THREADS * CALLS_PER_THREAD);
	}

	@Test
	void unpacedTheSameLoadIsThrottled() throws Exception {
		ConnectParticipantSettings settings = TestClients.fastSettings().requestQuotas(Map.of()).build();
		int failures = run(settings);
		assertThat(fixture.emulator().requestCount(GET)).as("requests, retries of throttled ones included")
			.isGreaterThan(THREADS * CALLS_PER_THREAD + failures);
	}

	/**
	 * Read the first page of a transcript from several threads at once, against a service
	 * allowing 20 GetTranscript requests per second with a burst of 5.
	 * @return the calls that failed
	 */
	private int run(ConnectParticipantSettings settings) throws Exception {
		StartedChat chat = fixture.startChat();
		ParticipantConnection connection = fixture.connect(chat, settings);
		connection.connectionToken();
		TranscriptService transcripts = fixture.transcripts(settings);
		fixture.emulator().setThrottle(GET, 20, 5);
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
