package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.github.connectparticipant.benchmarks.Measure.Rounds;
import io.github.connectparticipant.benchmarks.Report.Verdict;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;

import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.Report.ratio;

/**
 * A whole transcript exported by a consumer that works on every item or page: the
 * starter's stream, which reads a page ahead when the consumer is slow enough, against
 * the SDK's paginator, over loopback and with latency added to every GetTranscript.
 */
final class TranscriptExportBenchmark extends HarnessBenchmark {

	/** Network latency added to every GetTranscript. */
	private static final int LATENCY_MILLIS = 5;

	/** Rounds of each export comparison. */
	private static final int EXPORT_ROUNDS = 4;

	TranscriptExportBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	void run(TranscriptStreams streams) {
		int page = TranscriptPage.SIZE;
		StringBuilder table = new StringBuilder(f("The %d-item transcript again, the consumer now working: one round "
				+ "trip of work per page of %d, the round trip measured first as the SDK paginator's time per page "
				+ "under the same conditions. \"CPU work\" spins on every item (transforming or serialising it, "
				+ "1/%d of a round trip each); \"waiting work\" parks the thread for one round trip after every page "
				+ "(writing a batch somewhere). \"%d ms latency\" delays every GetTranscript in the emulator by %d ms "
				+ "before it is served (the emulator's DELAY fault), standing in for the network between an "
				+ "application and Amazon Connect; \"loopback\" adds nothing, so that its round trip is CPU time of "
				+ "the same two cores the consumer spins on. The starter reads one page ahead from its third page on "
				+ "when the consumer spends at least a quarter of a round trip on a page, as here; the SDK paginator "
				+ "reads each page when the previous one is used up.%n%n", streams.items(), page, page, LATENCY_MILLIS,
				LATENCY_MILLIS));
		table.append("| round trip | work | round trip per page | starter | SDK paginator | speed-up (SDK time / "
				+ "starter time) | per round |\n| --- | --- | --- | --- | --- | --- | --- |\n");
		for (int latency : new int[] { LATENCY_MILLIS, 0 }) {
			if (latency > 0) {
				this.harness.emulator()
					.setFaults(1, List.of(FaultRule.always("GetTranscript", "DELAY").withDelayMillis(latency)));
			}
			try {
				long roundTrip = roundTrip(streams);
				long perItem = roundTrip / page;
				String network = (latency > 0) ? latency + " ms latency" : "loopback";
				Rounds cpu = new Rounds()
					.add("starter", () -> Measure.measure(1, () -> streams.starter((item) -> spin(perItem))))
					.add("sdk", () -> Measure.measure(1, () -> streams.sdk((item) -> spin(perItem))))
					.run(1, EXPORT_ROUNDS);
				int[] seen = { 0 };
				Consumer<Object> pageWork = (item) -> {
					if (++seen[0] % page == 0) {
						LockSupport.parkNanos(roundTrip);
					}
				};
				Rounds waiting = new Rounds().add("starter", () -> Measure.measure(1, () -> streams.starter(pageWork)))
					.add("sdk", () -> Measure.measure(1, () -> streams.sdk(pageWork)))
					.run(1, EXPORT_ROUNDS);
				for (Map.Entry<String, Rounds> entry : Map
					.of("CPU work per item", cpu, "waiting work per page", waiting)
					.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.toList()) {
					Rounds rounds = entry.getValue();
					double speedup = rounds.timeRatio("sdk", "starter");
					this.report.row(Benchmark.TRANSCRIPT_EXPORT,
							f("export, %s, %s: SDK time / starter time", network, entry.getKey()), ratio(speedup) + "x",
							">= 1.3x", (latency > 0) ? Report.atLeast(speedup, 1.3) : Verdict.INFO);
					table.append(f("| %s | %s | %s | %s | %s | %.2fx | %s |%n", network, entry.getKey(),
							millis(roundTrip / 1e6), millis(rounds.medianMillis("starter")),
							millis(rounds.medianMillis("sdk")), speedup,
							Rounds.format(rounds.timeRatios("sdk", "starter"))));
				}
			}
			finally {
				this.harness.emulator().clearFaults();
			}
		}
		table.append("\nOn loopback the round trip is the emulator's and the SDK's CPU time, so the page read ahead "
				+ "can only overlap the consumer's work when a second core is free; on this shared machine another "
				+ "engineer's build often held it, which is why the loopback rows carry no verdict.\n");
		this.report.section(Benchmark.TRANSCRIPT_EXPORT, "Export with work per item", table.toString());
	}

	/**
	 * The SDK paginator's time per page over the whole transcript: one round trip.
	 */
	private static long roundTrip(TranscriptStreams streams) {
		List<Double> perPage = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			streams.sdk((item) -> {
			});
			perPage.add((double) (System.nanoTime() - start) / streams.pages());
		}
		return (long) Measure.median(perPage);
	}

	private static void spin(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() - end < 0) {
			Thread.onSpinWait();
		}
	}

}
