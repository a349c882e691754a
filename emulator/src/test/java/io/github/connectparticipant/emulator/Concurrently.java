package io.github.connectparticipant.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one task on several threads at once, as the concurrency tests do, and waits for
 * all of them: a thread still running at the timeout fails the test, and the first error
 * of a thread is thrown again.
 */
final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Runs the task on that many threads, each given its number from 0.
	 * @param threads how many threads
	 * @param timeout how long all of them may take together
	 * @param task what each thread runs
	 * @throws Exception the first error of a thread, wrapped in an
	 * {@link java.util.concurrent.ExecutionException}
	 */
	static void run(int threads, Duration timeout, Task task) throws Exception {
		List<Callable<Void>> tasks = IntStream.range(0, threads).<Callable<Void>>mapToObj((thread) -> () -> {
			task.run(thread);
			return null;
		}).toList();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (Future<Void> each : pool.invokeAll(tasks, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				assertThat(each.isCancelled()).as("a thread still running after " + timeout).isFalse();
				each.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** What one thread runs. */
	@FunctionalInterface
	interface Task {

		void run(int thread) throws Exception;

	}

}
