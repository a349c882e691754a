package io.github.connectparticipant.benchmarks;

import java.time.Duration;
import java.util.Set;

/**
 * Sizes and counts of a run: the full run the issue asks for, or a smoke run that checks
 * every benchmark works in seconds.
 *
 * @param name "full" or "smoke"
 * @param warmups rounds run before those kept
 * @param rounds rounds kept
 * @param noisyRounds rounds kept of the comparisons a busy machine disturbs most (items 1
 * to 3)
 * @param transferBytes size of the file uploaded and downloaded (items 1 and 2)
 * @param callsPerBatch GetTranscript calls per variant and round (item 3)
 * @param forks JVMs forked for each of items 3 and 4 alone, their rounds pooled (0: they
 * run in the JVM of the other items)
 * @param forkWarmup the least time items 3 and 4 spend in warm-up rounds in each fork
 * @param transcriptItems items of the chat streamed whole (items 4 and 8)
 * @param concurrentThreads threads uploading at once (item 5)
 * @param concurrentUploads uploads per variant and round (item 5)
 * @param concurrentBytes size of each of those uploads (item 5)
 * @param concurrentRounds rounds of item 5
 * @param throughputMillis length of each throughput window (item 6)
 * @param quotaRate requests per second the emulator allows StartAttachmentUpload and
 * CompleteAttachmentUpload (quota benchmark)
 * @param quotaBurst their burst (quota benchmark)
 * @param quotaUploads uploads per variant (quota benchmark)
 * @param quotaThreads threads uploading in one JVM; each replica JVM has half as many
 * (quota benchmark)
 * @param quotaRounds rounds of the quota benchmark's variants
 * @param startupRounds rounds of application starts (item 9)
 * @param items which benchmarks to run, 1 to 10
 */
record BenchmarkConfig(String name, int warmups, int rounds, int noisyRounds, long transferBytes, int callsPerBatch,
		int forks, Duration forkWarmup, int transcriptItems, int concurrentThreads, int concurrentUploads,
		long concurrentBytes, int concurrentRounds, long throughputMillis, double quotaRate, int quotaBurst,
		int quotaUploads, int quotaThreads, int quotaRounds, int startupRounds, Set<Integer> items) {

	static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

	static BenchmarkConfig full() {
		return new BenchmarkConfig("full", 3, 9, 15, 20L * 1024 * 1024, 200, 5, Duration.ofSeconds(30), 10_000, 64, 640,
				1024 * 1024, 3, 1500, 2.0, 5, 60, 8, 6, 181, ALL);
	}

	static BenchmarkConfig smoke() {
		return new BenchmarkConfig("smoke", 1, 1, 1, 1024 * 1024, 10, 1, Duration.ZERO, 500, 8, 16, 64 * 1024, 1, 100,
				50.0, 5, 9, 4, 1, 0, Set.of(1, 2, 3, 4, 5, 6, 7, 8, 10));
	}

	BenchmarkConfig only(Set<Integer> items) {
		return with(this.startupRounds, Set.copyOf(items));
	}

	BenchmarkConfig withStartupRounds(int startupRounds) {
		if (startupRounds < 1) {
			throw new IllegalArgumentException("--startup-rounds must be at least 1, not " + startupRounds);
		}
		return with(startupRounds, this.items);
	}

	private BenchmarkConfig with(int startupRounds, Set<Integer> items) {
		return new BenchmarkConfig(this.name, this.warmups, this.rounds, this.noisyRounds, this.transferBytes,
				this.callsPerBatch, this.forks, this.forkWarmup, this.transcriptItems, this.concurrentThreads,
				this.concurrentUploads, this.concurrentBytes, this.concurrentRounds, this.throughputMillis,
				this.quotaRate, this.quotaBurst, this.quotaUploads, this.quotaThreads, this.quotaRounds, startupRounds,
				items);
	}

	boolean runs(int item) {
		return this.items.contains(item);
	}

}
