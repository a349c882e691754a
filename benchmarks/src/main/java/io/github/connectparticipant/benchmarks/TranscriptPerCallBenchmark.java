package io.github.connectparticipant.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.connectparticipant.benchmarks.Measure.Rounds;
import io.github.connectparticipant.benchmarks.Report.Verdict;

import static io.github.connectparticipant.benchmarks.Report.bytes;
import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.Report.ratio;

/**
 * The cost of one GetTranscript call of a page: the starter's {@code TranscriptService}
 * against the raw SDK, the raw call on the starter's client, and the raw call against a
 * canned server (the emulator's own cost).
 */
final class TranscriptPerCallBenchmark extends HarnessBenchmark {

	/** Passes per round of the per-call comparison. */
	private static final int CALL_PASSES = 40;

	TranscriptPerCallBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	void run(TranscriptPage page) throws Exception {
		int forks = this.config.forks();
		Rounds rounds = (forks > 0) ? ForkedJvm.rounds(this.config, Benchmark.TRANSCRIPT_PER_CALL, forks)
				: rounds(page);
		report(rounds, page.bytes(), forks);
	}

	/**
	 * The comparison's timed rounds, in this JVM.
	 */
	Rounds rounds(TranscriptPage page) {
		int calls = callsPerPass();
		return new Rounds().add("starter", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				Sink.consume(page.transcripts().page(page.chat().connection(), page.query()).items().size());
			}
		})).add("raw", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				Sink.consume(page.raw().getTranscript(page.request()).transcript().size());
			}
		})).add("raw-starter-client", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				Sink.consume(page.starterClient().getTranscript(page.request()).transcript().size());
			}
		})).add("floor", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				Sink.consume(page.floor().getTranscript(page.request()).transcript().size());
			}
		}))
			.warmingUpFor(this.config.forkWarmup())
			.run(this.config.warmups() + 2, this.config.noisyRounds(), CALL_PASSES);
	}

	private int callsPerPass() {
		return Math.max(1, this.config.callsPerBatch() / CALL_PASSES);
	}

	private void report(Rounds rounds, int pageBytes, int forks) {
		int calls = callsPerPass();
		double ratio = rounds.timeRatio("starter", "raw");
		this.report.row(Benchmark.TRANSCRIPT_PER_CALL, "GetTranscript (100 items): time starter / raw SDK",
				ratio(ratio), "<= 1.10", Report.atMost(ratio, 1.10));
		this.report.row(Benchmark.TRANSCRIPT_PER_CALL, "GetTranscript: client CPU time per call, starter / raw SDK",
				ratio(rounds.cpuRatio("starter", "raw")), "", Verdict.INFO);
		this.report.row(Benchmark.TRANSCRIPT_PER_CALL,
				"GetTranscript: raw SDK on emulator / on canned server (emulator cost)",
				ratio(rounds.timeRatio("raw", "floor")), "", Verdict.INFO);
		StringBuilder table = new StringBuilder(f("%s%d rounds of %d calls per variant in %d interleaved passes%s, "
				+ "one thread, a page of %d items (about %s of JSON). The canned server answers every request with the "
				+ "bytes the emulator gave for the same request; \"raw SDK on the starter's client\" is the raw "
				+ "call on the starter's `ConnectParticipantClient` bean, which separates the client's configuration "
				+ "from the library's own code.%n%n", ForkedJvm.measurement(this.config, forks),
				this.config.noisyRounds(), calls * CALL_PASSES, CALL_PASSES, (forks > 0) ? " in each fork" : "",
				TranscriptPage.SIZE, bytes(pageBytes)));
		table.append("| variant | median time per call | time / raw SDK | client CPU per call | CPU / raw SDK | "
				+ "allocated per call, calling thread | allocated per call, all client threads |\n"
				+ "| --- | --- | --- | --- | --- | --- | --- |\n");
		Map<String, String> names = new LinkedHashMap<>();
		names.put("starter", "starter (`TranscriptService.page`)");
		names.put("raw", "raw SDK `getTranscript`");
		names.put("raw-starter-client", "raw SDK `getTranscript` on the starter's client");
		names.put("floor", "raw SDK `getTranscript` against the canned server");
		names.forEach((key,
				name) -> table.append(f("| %s | %s | %s | %s | %s | %s | %s |%n", name,
						millis(rounds.medianMillis(key)), ratio(rounds.timeRatio(key, "raw")),
						millis(rounds.medianCpuMillis(key)), ratio(rounds.cpuRatio(key, "raw")),
						bytes(rounds.medianThreadBytes(key)), bytes(rounds.medianClientBytes(key)))));
		table.append(f("%nPer-round time ratios starter/raw%s: %s (%s). The client's CPU time is that of the calling "
				+ "thread, which runs the whole synchronous SDK call (the emulator's threads are not counted).%n",
				(forks > 1) ? f(" (%d forks' rounds in turn)", forks) : "",
				Rounds.format(rounds.timeRatios("starter", "raw")), rounds.timeRatioInterval("starter", "raw")));
		this.report.section(Benchmark.TRANSCRIPT_PER_CALL, "Per-call overhead of GetTranscript", table.toString());
	}

}
