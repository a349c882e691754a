package io.github.connectparticipant.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SerialDelivery}: one call at a time, in order, on a shared pool, and
 * again after its queue was empty and dropped.
 */
class SerialDeliveryTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
	}

	@Test
	void callsRunOneAtATimeInTheOrderGivenAcrossTurnsAndIdleSpells() {
		SerialDelivery delivery = new SerialDelivery(this.pool);
		List<Integer> heard = new CopyOnWriteArrayList<>();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		for (int round = 0; round < 3; round++) {
			int first = round * 100;
			// more calls than one turn takes, from several threads' worth of submits
			IntStream.range(first, first + 100).forEach((i) -> delivery.submit(() -> {
				if (running.incrementAndGet() > 1) {
					overlaps.incrementAndGet();
				}
				heard.add(i);
				running.decrementAndGet();
			}));
			await().until(() -> heard.size() == first + 100);
		}
		assertThat(heard).containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
		assertThat(overlaps).hasValue(0);
	}

	@Test
	void aFailingCallDoesNotStopThoseAfterIt() {
		SerialDelivery delivery = new SerialDelivery(this.pool);
		List<String> heard = new CopyOnWriteArrayList<>();
		delivery.submit(() -> {
			throw new IllegalStateException("listener failure");
		});
		delivery.submit(() -> heard.add("after"));
		await().until(() -> heard.contains("after"));
	}

	@Test
	void callsAfterTheExecutorStoppedAreDropped() {
		SerialDelivery delivery = new SerialDelivery(this.pool);
		this.pool.shutdown();
		List<String> heard = new CopyOnWriteArrayList<>();
		delivery.submit(() -> heard.add("never"));
		delivery.submit(() -> heard.add("never either"));
		assertThat(heard).isEmpty();
	}

}
