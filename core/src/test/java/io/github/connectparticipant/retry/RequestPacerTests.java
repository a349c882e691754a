package io.github.connectparticipant.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RequestQuota;
import io.github.connectparticipant.TestClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Client-side pacing on a time the test moves: Connect's quotas by default, requests of a
 * paced operation let through by all threads together at the quota's burst and then one
 * per interval, every attempt paced and told whether it was throttled, operations without
 * a quota not paced, a permit past the call timeout or an interrupt ending the call
 * without a request, and shared permits asked after the process's own.
 */
@Timeout(30)
class RequestPacerTests {

	@Test
	void theDefaultsPaceAtConnectsDocumentedQuotas() {
		ConnectParticipantSettings defaults = ConnectParticipantSettings.defaults();
		assertThat(defaults.requestQuotas()).isEqualTo(RequestQuota.connectQuotasByName())
			.containsEntry("StartAttachmentUpload", new RequestQuota(2, 5))
			.containsEntry("GetTranscript", new RequestQuota(8, 12));
		assertThat(defaults.adaptivePacing()).isTrue();
		RequestPacer pacer = new RequestPacer(defaults);
		assertThat(pacer.operations()).extracting(OperationPacing::operation)
			.containsExactlyElementsOf(RequestQuota.connectQuotasByName().keySet());
		assertThat(pacer.operations()).allSatisfy((state) -> assertThat(state.rate()).isEqualTo(state.quotaRate()));
		assertThat(pacer.isShared()).isFalse();
	}

	@Test
	void operationsWithoutAQuotaAreNotPaced() throws InterruptedException {
		ManualTicker ticker = ManualTicker.manual();
		RequestPacer pacer = pacer(quota("StartAttachmentUpload", 1, 1), ticker);
		assertThat(pacer.isPaced(ParticipantOperation.GET_TRANSCRIPT)).isFalse();
		for (int i = 0; i < 1000; i++) {
			assertThat(pacer.await(ParticipantOperation.GET_TRANSCRIPT, null)).isTrue();
		}
		assertThat(ticker.sleeps()).isZero();
		RequestPacer none = new RequestPacer(TestClients.fastSettings().requestQuotas(Map.of()).build());
		assertThat(none.isPaced(ParticipantOperation.START_ATTACHMENT_UPLOAD)).isFalse();
		assertThat(none.operations()).isEmpty();
	}

	@Test
	void requestsFromManyThreadsGoAtTheBurstThenOnePerInterval() throws Exception {
		ManualTicker ticker = ManualTicker.manual();
		// 4 per second, burst 5: four at once (one token of headroom), then one per 250
		// ms
		RequestPacer pacer = pacer(quota("StartAttachmentUpload", 4, 5), ticker);
		AtomicInteger sent = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch go = new CountDownLatch(1);
		try {
			for (int t = 0; t < 8; t++) {
				threads.submit(() -> {
					go.await();
					pacer.await(ParticipantOperation.START_ATTACHMENT_UPLOAD, null);
					sent.incrementAndGet();
					return null;
				});
			}
			go.countDown();
			await().until(() -> sent.get() == 4 && ticker.sleeps() == 4);
			for (int expected = 5; expected <= 8; expected++) {
				ticker.advance(249, TimeUnit.MILLISECONDS);
				assertThat(sent).as("not before the interval").hasValue(expected - 1);
				ticker.advance(1, TimeUnit.MILLISECONDS);
				int next = expected;
				await().until(() -> sent.get() >= next);
				assertThat(sent).as("one per interval").hasValue(expected);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void anInterruptedWaitThrows() throws Exception {
		RequestPacer pacer = pacer(quota("SendEvent", 0.5, 1), ManualTicker.manual());
		pacer.await(ParticipantOperation.SEND_EVENT, null);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				pacer.await(ParticipantOperation.SEND_EVENT, null);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		waiter.start();
		awaitWaiting(waiter);
		waiter.interrupt();
		waiter.join(5000);
		assertThat(waiter.isAlive()).isFalse();
		assertThat(failure.get()).isInstanceOf(InterruptedException.class);
	}

	@Test
	void theExecutorPacesEveryAttemptAndCutsTheRateOnThrottling() {
		ManualTicker ticker = ManualTicker.autoAdvancing();
		ConnectParticipantSettings settings = TestClients.fastSettings()
			.requestQuotas(Map.of())
			.requestQuota("GetTranscript", 40, 1)
			.build();
		RequestPacer pacer = new RequestPacer(settings, null, ticker);
		RetryExecutor executor = new RetryExecutor(settings, io.micrometer.observation.ObservationRegistry.NOOP, pacer,
				null);
		List<Long> attempts = new ArrayList<>();
		String result = executor.call(ParticipantOperation.GET_TRANSCRIPT, (context) -> {
			attempts.add(ticker.nanoTime());
			if (context.number() < 3) {
				throw throttling();
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(attempts).hasSize(3);
		// the first goes at once; each throttled answer cut the rate (40, 28, 19.6 per
		// second)
		// and emptied the bucket, so each retry waited a longer interval than the last
		long first = attempts.get(1) - attempts.get(0);
		long second = attempts.get(2) - attempts.get(1);
		assertThat(first).isEqualTo(Math.round(Math.ceil(1e9 / 28)));
		assertThat(second).isEqualTo(Math.round(Math.ceil(1e9 / 19.6)));
		OperationPacing state = pacer.operations().get(0);
		assertThat(state.throttled()).isEqualTo(2);
		assertThat(state.rate()).as("grown back a little by the success").isGreaterThan(19.6).isLessThan(40);
		// another operation of the same executor is not held back
		int sleeps = ticker.sleeps();
		for (int i = 0; i < 100; i++) {
			executor.call(ParticipantOperation.SEND_MESSAGE, (context) -> null);
		}
		assertThat(ticker.sleeps()).isEqualTo(sleeps);
	}

	@Test
	void aCallWhosePermitComesAfterTheCallTimeoutEndsWithoutARequest() {
		ConnectParticipantSettings settings = TestClients.fastSettings()
			.requestQuota("StartAttachmentUpload", 0.5, 1)
			.callTimeout(Duration.ofMillis(300))
			.attemptTimeout(Duration.ofMillis(300))
			.build();
		ManualTicker ticker = ManualTicker.manual();
		RetryExecutor executor = new RetryExecutor(settings, io.micrometer.observation.ObservationRegistry.NOOP,
				new RequestPacer(settings, null, ticker), null);
		AtomicInteger requests = new AtomicInteger();
		executor.call(ParticipantOperation.START_ATTACHMENT_UPLOAD, (context) -> requests.incrementAndGet());
		assertThatExceptionOfType(OperationTimeoutException.class)
			.isThrownBy(() -> executor.call(ParticipantOperation.START_ATTACHMENT_UPLOAD,
					(context) -> requests.incrementAndGet()))
			.withMessageContaining("callTimeout")
			.withMessageContaining("requestQuotas")
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo("StartAttachmentUpload"));
		assertThat(ticker.sleeps()).as("refused without waiting").isZero();
		assertThat(requests).hasValue(1);
	}

	@Test
	void anInterruptWhileWaitingForAPermitEndsTheCall() throws Exception {
		ConnectParticipantSettings settings = TestClients.fastSettings()
			.requestQuota("SendEvent", 0.5, 1)
			.callTimeout(Duration.ofSeconds(10))
			.build();
		RetryExecutor executor = new RetryExecutor(settings, io.micrometer.observation.ObservationRegistry.NOOP,
				new RequestPacer(settings, null, ManualTicker.manual()), null);
		AtomicInteger requests = new AtomicInteger();
		executor.call(ParticipantOperation.SEND_EVENT, (context) -> requests.incrementAndGet());
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				executor.call(ParticipantOperation.SEND_EVENT, (context) -> requests.incrementAndGet());
			}
			catch (Throwable ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		awaitWaiting(caller);
		caller.interrupt();
		caller.join(5000);
		assertThat(caller.isAlive()).isFalse();
		assertThat(failure.get()).isExactlyInstanceOf(ConnectParticipantException.class)
			.hasMessageContaining("interrupted");
		assertThat(stillInterrupted.get()).isTrue();
		assertThat(requests).hasValue(1);
	}

	@Test
	void sharedPermitsAreAskedAfterTheProcesssOwnWithWhatIsLeftOfTheDeadline() throws InterruptedException {
		ManualTicker ticker = ManualTicker.autoAdvancing();
		List<Long> waits = new ArrayList<>();
		AtomicReference<Boolean> grant = new AtomicReference<>(true);
		SharedPermits shared = (operation, quota, maxWaitNanos) -> {
			assertThat(operation).isEqualTo("SendEvent");
			assertThat(quota).isEqualTo(new RequestQuota(4, 5));
			waits.add(maxWaitNanos);
			return grant.get();
		};
		RequestPacer pacer = new RequestPacer(quota("SendEvent", 4, 5), shared, ticker);
		assertThat(pacer.isShared()).isTrue();
		long start = ticker.nanoTime();
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, null)).isTrue();
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, start + TimeUnit.SECONDS.toNanos(1))).isTrue();
		grant.set(false);
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, start + TimeUnit.SECONDS.toNanos(1))).isFalse();
		assertThat(waits).containsExactly(Long.MAX_VALUE, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1));
		// the process's own bucket refuses a permit past the deadline before the shared
		// one is asked
		grant.set(true);
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, start + TimeUnit.MILLISECONDS.toNanos(100))).isTrue();
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, start + TimeUnit.MILLISECONDS.toNanos(100))).isFalse();
		assertThat(waits).hasSize(4);
	}

	@Test
	void aSharedBucketThatCannotBeReachedLeavesTheProcesssOwnPacingAndIsAskedAgainLater() throws InterruptedException {
		AtomicInteger asked = new AtomicInteger();
		AtomicReference<Boolean> reachable = new AtomicReference<>(false);
		SharedPermits shared = (operation, quota, maxWaitNanos) -> {
			asked.incrementAndGet();
			if (!reachable.get()) {
				throw new IllegalStateException("connection refused");
			}
			return true;
		};
		ManualTicker ticker = ManualTicker.autoAdvancing();
		RequestPacer pacer = new RequestPacer(quota("SendEvent", 100, 101), shared, ticker);
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, null)).isTrue();
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, null)).isTrue();
		assertThat(pacer.sharedFailures()).isEqualTo(1);
		assertThat(asked).as("not asked again at once").hasValue(1);
		reachable.set(true);
		ticker.advance(5, TimeUnit.SECONDS);
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, null)).isTrue();
		assertThat(pacer.await(ParticipantOperation.SEND_EVENT, null)).isTrue();
		assertThat(asked).hasValue(3);
		assertThat(pacer.sharedFailures()).isEqualTo(1);
	}

	private static ConnectParticipantSettings quota(String operation, double rate, int burst) {
		return TestClients.fastSettings().requestQuotas(Map.of(operation, new RequestQuota(rate, burst))).build();
	}

	private static RequestPacer pacer(ConnectParticipantSettings settings, Ticker ticker) {
		return new RequestPacer(settings, null, ticker);
	}

	private static ThrottlingException throttling() {
		return (ThrottlingException) ThrottlingException.builder()
			.statusCode(429)
			.awsErrorDetails(
					AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
			.build();
	}

	/**
	 * Waits until the thread waits for its permit (the condition, not a guess of time).
	 */
	private static void awaitWaiting(Thread thread) {
		await()
			.until(() -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
	}

}
