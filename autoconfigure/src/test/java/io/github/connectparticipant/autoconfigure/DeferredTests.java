package io.github.connectparticipant.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@link Deferred} is created once, by whichever call comes first, and a creation that
 * fails is tried again by the next call.
 */
class DeferredTests {

	@Test
	void isCreatedByTheFirstCallAndKept() {
		AtomicInteger creations = new AtomicInteger();
		Deferred<Object> deferred = new Deferred<>(() -> "instance " + creations.incrementAndGet());
		assertThat(deferred.isCreated()).isFalse();
		assertThat(creations).hasValue(0);
		assertThat(deferred.get()).isEqualTo("instance 1");
		assertThat(deferred.get()).isEqualTo("instance 1");
		assertThat(deferred.isCreated()).isTrue();
		assertThat(creations).hasValue(1);
	}

	@Test
	void aCreationThatFailsIsTriedAgainByTheNextCall() {
		AtomicInteger attempts = new AtomicInteger();
		Deferred<String> deferred = new Deferred<>(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("first attempt broke");
			}
			return "created";
		});
		assertThatIllegalStateException().isThrownBy(deferred::get).withMessage("first attempt broke");
		assertThat(deferred.isCreated()).isFalse();
		assertThat(deferred.get()).isEqualTo("created");
		assertThat(deferred.isCreated()).isTrue();
		assertThat(attempts).hasValue(2);
	}

	@Test
	@Timeout(30)
	void callsThatComeTogetherCreateItOnce() throws Exception {
		AtomicInteger creations = new AtomicInteger();
		CountDownLatch inFactory = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Deferred<Integer> deferred = new Deferred<>(() -> {
			inFactory.countDown();
			try {
				release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return creations.incrementAndGet();
		});
		List<CompletableFuture<Integer>> calls = new ArrayList<>();
		calls.add(CompletableFuture.supplyAsync(deferred::get));
		assertThat(inFactory.await(20, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 7; i++) {
			calls.add(CompletableFuture.supplyAsync(deferred::get));
		}
		release.countDown();
		for (CompletableFuture<Integer> call : calls) {
			assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo(1);
		}
		assertThat(creations).hasValue(1);
	}

}
