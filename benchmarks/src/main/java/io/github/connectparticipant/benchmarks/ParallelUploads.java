package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.benchmarks.Measure.Body;

/**
 * A number of uploads shared out among threads that all upload at once, each taking the
 * next upload until none is left, and what they came to: the load of the
 * concurrent-uploads benchmark, of the quota benchmark's JVM and of each of its replicas.
 * An upload that fails is counted by the kind of its failure and the others go on.
 */
final class ParallelUploads {

	private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Integer> errors = Collections.synchronizedMap(new TreeMap<>());

	/**
	 * Run uploads on a pool of threads of their own, stopped when they are done.
	 * @param threads how many threads upload at once
	 * @param threadPrefix the threads' names' prefix
	 * @param uploads how many uploads in all
	 * @param upload one upload
	 * @return what they came to
	 */
	static ParallelUploads run(int threads, String threadPrefix, int uploads, Body upload) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads, Measure.daemonThreads(threadPrefix));
		try {
			ParallelUploads outcome = new ParallelUploads();
			outcome.runOn(pool, threads, uploads, upload);
			return outcome;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Run uploads on a pool the caller keeps, adding what they come to to this outcome.
	 * @param pool where the uploading threads run, with at least {@code threads} threads
	 * @param threads how many threads upload at once
	 * @param uploads how many uploads in all
	 * @param upload one upload
	 */
	void runOn(ExecutorService pool, int threads, int uploads, Body upload) throws Exception {
		AtomicInteger next = new AtomicInteger();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				while (next.getAndIncrement() < uploads) {
					long start = System.nanoTime();
					try {
						upload.run();
						this.latencies.add((System.nanoTime() - start) / 1e6);
					}
					catch (Exception ex) {
						this.errors.merge(classify(ex), 1, Integer::sum);
					}
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
	}

	/** The time of each upload that succeeded, in milliseconds. */
	List<Double> latencies() {
		return this.latencies;
	}

	/** The uploads that failed, by the kind of failure ({@link #classify}). */
	Map<String, Integer> errors() {
		return this.errors;
	}

	int done() {
		return this.latencies.size();
	}

	int failed() {
		return this.errors.values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * The kind of an upload's failure: connection-pool starvation, the library's error
	 * code, or the exception's class.
	 */
	static String classify(Exception ex) {
		String text = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			text += " / " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
		}
		if (text.contains("Timeout waiting for connection from pool") || text.contains("ConnectionPoolTimeout")) {
			return "connection pool starvation";
		}
		if (ex instanceof ConnectParticipantException library && library.getErrorCode() != null) {
			return ex.getClass().getSimpleName() + " " + library.getErrorCode();
		}
		return ex.getClass().getSimpleName();
	}

}
