package io.github.connectparticipant.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.TestClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client-side pacing: requests of a paced operation are spaced by its interval across
 * threads, every attempt is paced, operations without a rate are not, and a slot past
 * the call timeout or an interrupt ends the call without a request.
 */
@Timeout(30)
class RequestPacerTests {

	/** 40 requests per second: 25 ms apart. */
	private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

	/** Timer granularity allowed below the interval. */
	private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	@Test
	void operationsWithoutARateAreNotPaced() throws InterruptedException {
		RequestPacer pacer = new RequestPacer(Map.of("StartAttachmentUpload", 1.0));
		assertThat(pacer.isPaced("GetTranscript")).isFalse();
		long start = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			assertThat(pacer.await("GetTranscript", null)).isTrue();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
		assertThat(new RequestPacer(Map.of()).isPaced("StartAttachmentUpload")).isFalse();
	}

	@Test
	void requestsFromManyThreadsAreSpacedByTheInterval() throws Exception {
		RequestPacer pacer = new RequestPacer(Map.of("StartAttachmentUpload", 40.0));
		List<Long> sent = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(4);
		CountDownLatch go = new CountDownLatch(1);
		long start;
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				futures.add(threads.submit(() -> {
					go.await();
					for (int i = 0; i < 5; i++) {
						pacer.await("StartAttachmentUpload", null);
						sent.add(System.nanoTime());
					}
					return null;
				}));
			}
			start = System.nanoTime();
			go.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		List<Long> times = new ArrayList<>(sent);
		Collections.sort(times);
		assertThat(times).hasSize(20);
		// each request goes at or after its booked slot and slots are an interval apart, so the
		// i-th request in time order cannot go before i intervals after the start (measuring the
		// gap between two neighbours instead would count a thread that was slow to record its time)
		for (int i = 1; i < times.size(); i++) {
			assertThat(times.get(i) - start).as("request %d", i)
				.isGreaterThanOrEqualTo(i * INTERVAL_NANOS - SLACK_NANOS);
		}
		// the first goes at once: 19 intervals for 20 requests, with room for a busy machine
		assertThat(Duration.ofNanos(times.get(19) - times.get(0))).isLessThan(Duration.ofMillis(19 * 25 + 400));
	}

	@Test
	void aSlotAfterTheDeadlineIsRefusedWithoutWaitingOrBeingBooked() throws InterruptedException {
		RequestPacer pacer = new RequestPacer(Map.of("Op", 2.0));
		assertThat(pacer.await("Op", null)).isTrue();
		long start = System.nanoTime();
		assertThat(pacer.await("Op", start + TimeUnit.MILLISECONDS.toNanos(100))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
		// the refused slot was not booked: the next request gets it, 500 ms after the first
		assertThat(pacer.await("Op", System.nanoTime() + TimeUnit.SECONDS.toNanos(2))).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
	}

	@Test
	void anInterruptedWaitThrows() throws Exception {
		RequestPacer pacer = new RequestPacer(Map.of("Op", 0.5));
		pacer.await("Op", null);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				pacer.await("Op", null);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		waiter.start();
		awaitParked(waiter);
		waiter.interrupt();
		waiter.join(1000);
		assertThat(waiter.isAlive()).isFalse();
		assertThat(failure.get()).isInstanceOf(InterruptedException.class);
	}

	@Test
	void theExecutorPacesEveryAttemptOfAPacedOperation() {
		RetryExecutor executor = new RetryExecutor(TestClients.fastSettings().requestRateLimit("GetTranscript", 40).build());
		List<Long> attempts = new ArrayList<>();
		long begin = System.nanoTime();
		String result = executor.call("GetTranscript", (context) -> {
			attempts.add(System.nanoTime());
			if (context.number() < 3) {
				throw throttling();
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(attempts).hasSize(3);
		// attempt i goes at or after slot i, i intervals after the first slot (itself after begin)
		assertThat(attempts.get(1) - begin).isGreaterThanOrEqualTo(INTERVAL_NANOS - SLACK_NANOS);
		assertThat(attempts.get(2) - begin).isGreaterThanOrEqualTo(2 * INTERVAL_NANOS - SLACK_NANOS);
		// another operation of the same executor is not held back
		long start = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			executor.call("SendMessage", (context) -> null);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
	}

	@Test
	void aCallWhoseSlotComesAfterTheCallTimeoutEndsWithoutARequest() {
		ConnectParticipantSettings settings = TestClients.fastSettings()
			.requestRateLimit("StartAttachmentUpload", 0.5)
			.callTimeout(Duration.ofMillis(300))
			.attemptTimeout(Duration.ofMillis(300))
			.build();
		RetryExecutor executor = new RetryExecutor(settings);
		AtomicInteger requests = new AtomicInteger();
		executor.call("StartAttachmentUpload", (context) -> requests.incrementAndGet());
		long start = System.nanoTime();
		assertThatExceptionOfType(OperationTimeoutException.class)
			.isThrownBy(() -> executor.call("StartAttachmentUpload", (context) -> requests.incrementAndGet()))
			.withMessageContaining("callTimeout")
			.withMessageContaining("requestRateLimits")
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo("StartAttachmentUpload"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
		assertThat(requests).hasValue(1);
	}

	@Test
	void anInterruptWhileWaitingForASlotEndsTheCall() throws Exception {
		RetryExecutor executor = new RetryExecutor(TestClients.fastSettings()
			.requestRateLimit("Op", 0.5)
			.callTimeout(Duration.ofSeconds(10))
			.build());
		AtomicInteger requests = new AtomicInteger();
		executor.call("Op", (context) -> requests.incrementAndGet());
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				executor.call("Op", (context) -> requests.incrementAndGet());
			}
			catch (Throwable ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		awaitParked(caller);
		caller.interrupt();
		caller.join(1000);
		assertThat(caller.isAlive()).isFalse();
		assertThat(failure.get()).isExactlyInstanceOf(ConnectParticipantException.class)
			.hasMessageContaining("interrupted");
		assertThat(stillInterrupted.get()).isTrue();
		assertThat(requests).hasValue(1);
	}

	@Test
	void settingsWithoutRatesPaceNothing() {
		assertThat(ConnectParticipantSettings.defaults().requestRateLimits()).isEmpty();
		RetryExecutor executor = new RetryExecutor(ConnectParticipantSettings.defaults());
		long start = System.nanoTime();
		for (int i = 0; i < 200; i++) {
			executor.call("StartAttachmentUpload", (context) -> null);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
	}

	private static ThrottlingException throttling() {
		return (ThrottlingException) ThrottlingException.builder()
			.statusCode(429)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
			.build();
	}

	/** Waits until the thread is parked waiting for its slot (the condition, not a guess of time). */
	private static void awaitParked(Thread thread) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
	}

}
