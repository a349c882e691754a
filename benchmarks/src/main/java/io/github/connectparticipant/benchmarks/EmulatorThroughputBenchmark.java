package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.benchmarks.Measure.Rounds;
import io.github.connectparticipant.benchmarks.Measure.Sample;
import io.github.connectparticipant.benchmarks.Report.Verdict;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import static io.github.connectparticipant.benchmarks.Report.f;

/**
 * The emulator's GetTranscript throughput: raw SDK clients calling as fast as they can,
 * from one thread and from 16, against the emulator and against the canned server that
 * answers with the same page (the floor).
 */
final class EmulatorThroughputBenchmark extends HarnessBenchmark {

	EmulatorThroughputBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	void run(TranscriptPage page) throws Exception {
		long window = this.config.throughputMillis();
		ExecutorService pool = Executors.newFixedThreadPool(16, Measure.daemonThreads("bench-client-"));
		try {
			Rounds rounds = new Rounds().add("emulator-1", () -> timeBoxed(pool, 1, window, page.raw(), page))
				.add("floor-1", () -> timeBoxed(pool, 1, window, page.floor(), page))
				.add("emulator-16", () -> timeBoxed(pool, 16, window, page.raw(), page))
				.add("floor-16", () -> timeBoxed(pool, 16, window, page.floor(), page))
				.run(1, Math.max(1, this.config.rounds() / 3));
			for (int threads : new int[] { 1, 16 }) {
				String way = (threads == 1) ? "sequential" : threads + "-way";
				double emulator = 1e3 / rounds.medianMillis("emulator-" + threads);
				double canned = 1e3 / rounds.medianMillis("floor-" + threads);
				// time per call of the floor over that of the emulator: the share of the
				// floor's rate reached
				double share = 1 / rounds.timeRatio("emulator-" + threads, "floor-" + threads);
				this.report.row(Benchmark.EMULATOR_THROUGHPUT,
						"emulator GetTranscript " + way + ": calls/s (canned floor), emulator / floor",
						f("%.0f (%.0f), %.2f", emulator, canned, share), "", Verdict.INFO);
			}
			StringBuilder table = new StringBuilder(f("Raw SDK clients calling GetTranscript (a page of %d items) as "
					+ "fast as they can for %d ms per window, against the emulator and against the canned server, "
					+ "interleaved; the clients run in the same JVM on the same 2 cores, so the figures are for the "
					+ "whole loop (SDK client + server), as in a user's test suite.%n%n", TranscriptPage.SIZE, window));
			table.append(
					"| threads | emulator calls/s | canned floor calls/s | emulator / floor |\n| --- | --- | --- | --- |\n");
			for (int threads : new int[] { 1, 16 }) {
				table.append(f("| %d | %.0f | %.0f | %.2f |%n", threads,
						1e3 / rounds.medianMillis("emulator-" + threads), 1e3 / rounds.medianMillis("floor-" + threads),
						1 / rounds.timeRatio("emulator-" + threads, "floor-" + threads)));
			}
			this.report.section(Benchmark.EMULATOR_THROUGHPUT, "Emulator throughput", table.toString());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * GetTranscript calls on {@code threads} threads until the window closes: the time
	 * and the client-side allocation per call.
	 */
	private Sample timeBoxed(ExecutorService pool, int threads, long millis, ConnectParticipantClient client,
			TranscriptPage page) {
		Map<Long, Long> before = Measure.clientAllocations();
		long start = System.nanoTime();
		long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
		List<Future<Integer>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				int calls = 0;
				while (System.nanoTime() < deadline) {
					Sink.consume(client.getTranscript(page.request()).transcript().size());
					calls++;
				}
				return calls;
			}));
		}
		int calls = 0;
		try {
			for (Future<Integer> future : futures) {
				calls += future.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		long nanos = System.nanoTime() - start;
		return new Sample((double) nanos / calls, 0, (double) Measure.clientAllocatedSince(before) / calls, 0);
	}

}
