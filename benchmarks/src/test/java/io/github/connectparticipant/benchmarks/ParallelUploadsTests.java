package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads shared out among threads: each runs once, and a failure is counted by its kind
 * while the others go on.
 */
class ParallelUploadsTests {

	@Test
	void everyUploadRunsOnceAndTheFailuresAreCountedByKind() throws Exception {
		AtomicInteger next = new AtomicInteger();
		Set<String> threads = ConcurrentHashMap.newKeySet();
		ParallelUploads outcome = ParallelUploads.run(4, "test-upload-", 30, () -> {
			threads.add(Thread.currentThread().getName());
			int upload = next.incrementAndGet();
			if (upload % 10 == 0) {
				throw new IOException("upload " + upload + " failed");
			}
			if (upload % 7 == 0) {
				throw new IllegalStateException("Timeout waiting for connection from pool");
			}
		});
		assertThat(next).hasValue(30);
		assertThat(outcome.done()).isEqualTo(23);
		assertThat(outcome.latencies()).hasSize(23).allMatch((millis) -> millis >= 0);
		assertThat(outcome.failed()).isEqualTo(7);
		assertThat(outcome.errors()).isEqualTo(Map.of("IOException", 3, "connection pool starvation", 4));
		assertThat(threads).allMatch((name) -> name.startsWith("test-upload-"));
	}

	@Test
	void aFailureIsClassifiedByItsCauses() {
		assertThat(ParallelUploads.classify(new IllegalStateException("upload failed",
				new RuntimeException("ConnectionPoolTimeout: no connection"))))
			.isEqualTo("connection pool starvation");
		assertThat(ParallelUploads.classify(new IllegalArgumentException("no"))).isEqualTo("IllegalArgumentException");
	}

}
