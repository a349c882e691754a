package io.github.connectparticipant.benchmarks;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Sizes and counts of a run: the full run that gives the published figures, or a smoke
 * run that checks every benchmark works in seconds.
 *
 * @param name "full" or "smoke"
 * @param warmups rounds run before those kept
 * @param rounds rounds kept
 * @param noisyRounds rounds kept of the comparisons a busy machine disturbs most
 * (uploads, downloads, the per-call cost of GetTranscript)
 * @param transferBytes size of the file uploaded and downloaded (upload and download)
 * @param callsPerBatch GetTranscript calls per variant and round (per-call cost)
 * @param forks JVMs forked for each of the per-call and the paging benchmark alone, their
 * rounds pooled (0: they run in the JVM of the other benchmarks)
 * @param forkWarmup the least time those two spend in warm-up rounds in each fork
 * @param transcriptItems items of the chat streamed whole (paging and export)
 * @param concurrentThreads threads uploading at once (concurrent uploads)
 * @param concurrentUploads uploads per variant and round (concurrent uploads)
 * @param concurrentBytes size of each of those uploads (concurrent uploads)
 * @param concurrentRounds rounds of the concurrent uploads
 * @param throughputMillis length of each throughput window (emulator throughput)
 * @param quotaRate requests per second the emulator allows StartAttachmentUpload and
 * CompleteAttachmentUpload (quota benchmark)
 * @param quotaBurst their burst (quota benchmark)
 * @param quotaUploads uploads per variant (quota benchmark)
 * @param quotaThreads threads uploading in one JVM; each replica JVM has half as many
 * (quota benchmark)
 * @param quotaRounds rounds of the quota benchmark's variants
 * @param startupRounds rounds of application starts (start-up)
 * @param chatSessions sessions open at once in the chat benchmarks' larger population
 * @param chatRounds rounds of adds to every chat of that population (delivery latency)
 * @param chatSingleAdds adds timed with a single session open (delivery latency)
 * @param scanRounds uploads per variant whose scan verdict is awaited
 * @param benchmarks which benchmarks to run
 */
record BenchmarkConfig(String name, int warmups, int rounds, int noisyRounds, long transferBytes, int callsPerBatch,
		int forks, Duration forkWarmup, int transcriptItems, int concurrentThreads, int concurrentUploads,
		long concurrentBytes, int concurrentRounds, long throughputMillis, double quotaRate, int quotaBurst,
		int quotaUploads, int quotaThreads, int quotaRounds, int startupRounds, int chatSessions, int chatRounds,
		int chatSingleAdds, int scanRounds, Set<Benchmark> benchmarks) {

	static BenchmarkConfig full() {
		return new BenchmarkConfig("full", 3, 9, 15, 20L * 1024 * 1024, 200, 5, Duration.ofSeconds(30), 10_000, 64, 640,
				1024 * 1024, 3, 1500, 2.0, 5, 60, 8, 6, 61, 1000, 10, 2000, 31, EnumSet.allOf(Benchmark.class));
	}

	static BenchmarkConfig smoke() {
		return new BenchmarkConfig("smoke", 1, 1, 1, 1024 * 1024, 10, 1, Duration.ZERO, 500, 8, 16, 64 * 1024, 1, 100,
				50.0, 5, 9, 4, 1, 0, 10, 2, 20, 2, EnumSet.complementOf(EnumSet.of(Benchmark.START_UP)));
	}

	BenchmarkConfig only(Set<Benchmark> benchmarks) {
		return with(this.startupRounds, Set.copyOf(benchmarks));
	}

	BenchmarkConfig withStartupRounds(int startupRounds) {
		if (startupRounds < 1) {
			throw new IllegalArgumentException("--startup-rounds must be at least 1, not " + startupRounds);
		}
		return with(startupRounds, this.benchmarks);
	}

	private BenchmarkConfig with(int startupRounds, Set<Benchmark> benchmarks) {
		return new BenchmarkConfig(this.name, this.warmups, this.rounds, this.noisyRounds, this.transferBytes,
				this.callsPerBatch, this.forks, this.forkWarmup, this.transcriptItems, this.concurrentThreads,
				this.concurrentUploads, this.concurrentBytes, this.concurrentRounds, this.throughputMillis,
				this.quotaRate, this.quotaBurst, this.quotaUploads, this.quotaThreads, this.quotaRounds, startupRounds,
				this.chatSessions, this.chatRounds, this.chatSingleAdds, this.scanRounds, benchmarks);
	}

	boolean runs(Benchmark benchmark) {
		return this.benchmarks.contains(benchmark);
	}

}
