package io.github.connectparticipant.benchmarks;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.connectparticipant.benchmarks.Measure.Rounds;
import io.github.connectparticipant.benchmarks.Report.Verdict;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;

import static io.github.connectparticipant.benchmarks.Report.bytes;
import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.Report.ratio;

/**
 * A whole transcript read by a consumer that keeps nothing: the time of the starter's
 * stream against the SDK's paginator, and the heap each holds while it reads.
 */
final class TranscriptPagingBenchmark extends HarnessBenchmark {

	/** Whole streams per variant and round. */
	private static final int STREAM_PASSES = 3;

	/** Items delivered since the last probe, and those still reachable at it. */
	private final List<WeakReference<Object>> delivered = new ArrayList<>();

	private long deliveredCount;

	private long heapBefore;

	private long heapMost;

	private int liveMost;

	private int probeInterval;

	private final Consumer<Object> heapProbe = (item) -> {
		this.delivered.add(new WeakReference<>(item));
		if (++this.deliveredCount % this.probeInterval == 0) {
			System.gc();
			this.delivered.removeIf((reference) -> reference.get() == null);
			long used = Footprint.usedHeapAfterGc();
			this.heapMost = Math.max(this.heapMost, used - this.heapBefore);
			// the item being delivered is held by this probe itself
			this.liveMost = Math.max(this.liveMost, this.delivered.size() - 1);
		}
	};

	TranscriptPagingBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	/**
	 * The comparison's timed rounds, in this JVM.
	 */
	Rounds rounds(TranscriptStreams streams) {
		return new Rounds().collectingGarbageFirst()
			.warmingUpFor(this.config.forkWarmup())
			.add("starter", () -> Measure.measure(1, () -> streams.starter((item) -> {
			})))
			.add("sdk", () -> Measure.measure(1, () -> streams.sdk((item) -> {
			})))
			.run(this.config.warmups(), this.config.rounds(), STREAM_PASSES);
	}

	void run(TranscriptStreams streams) throws Exception {
		int forks = this.config.forks();
		Rounds rounds = (forks > 0) ? ForkedJvm.rounds(this.config, Benchmark.TRANSCRIPT_PAGING, forks)
				: rounds(streams);
		int items = streams.items();
		int pages = streams.pages();
		double ratio = rounds.timeRatio("starter", "sdk");
		this.report.row(Benchmark.TRANSCRIPT_PAGING,
				f("whole transcript (%d items, %d pages): time starter / SDK paginator", items, pages), ratio(ratio),
				"<= 1.10", Report.atMost(ratio, 1.10));
		Heap starterHeap = heap(() -> streams.starter(this.heapProbe), items);
		Heap sdkHeap = heap(() -> streams.sdk(this.heapProbe), items);
		Heap all = keepAll(streams);
		double onePage = all.retained() / (double) pages;
		// The delivered items still reachable are the precise measure (at most the
		// current page); the heap in use is shown for scale, but it moves by a few
		// hundred KB with thread-local buffers of the threads.
		boolean bounded = starterHeap.liveItems() <= TranscriptPage.SIZE;
		this.report.row(Benchmark.TRANSCRIPT_PAGING,
				"whole transcript, caller keeps nothing: delivered items still reachable (heap held)",
				f("%d (%s; SDK %d, %s; all items %s)", starterHeap.liveItems(), bytes(starterHeap.retained()),
						sdkHeap.liveItems(), bytes(sdkHeap.retained()), bytes(all.retained())),
				"<= 1 page (100)", bounded ? Verdict.MET : Verdict.MISSED);
		StringBuilder table = new StringBuilder(f("Every item of a %d-item chat, oldest first, pages of %d, the "
				+ "consumer keeping nothing: `TranscriptService.stream(connection, TranscriptQuery.oldestFirst())` "
				+ "against the SDK's `getTranscriptPaginator(...)` (`GetTranscriptIterable`, each page's items in "
				+ "turn) with the same query. %s%d streams per variant and round, interleaved, %d rounds%s.%n%n", items,
				TranscriptPage.SIZE, ForkedJvm.measurement(this.config, forks), STREAM_PASSES, this.config.rounds(),
				(forks > 0) ? " in each fork" : ""));
		table.append(
				"| variant | median time | time / SDK | allocated, calling thread | allocated, all client threads |\n"
						+ "| --- | --- | --- | --- | --- |\n");
		for (String key : List.of("starter", "sdk")) {
			table.append(f("| %s | %s | %s | %s | %s |%n", key.equals("sdk") ? "SDK paginator" : "starter stream",
					millis(rounds.medianMillis(key)), ratio(rounds.timeRatio(key, "sdk")),
					bytes(rounds.medianThreadBytes(key)), bytes(rounds.medianClientBytes(key))));
		}
		table
			.append(f("%nPer-round time ratios starter/SDK%s: %s (%s). This consumer does no work, so the starter does "
					+ "not read ahead for it (see transcript-export): both read every page on the calling thread.%n%n",
					(forks > 1) ? f(" (%d forks' rounds in turn)", forks) : "",
					Rounds.format(rounds.timeRatios("starter", "sdk")), rounds.timeRatioInterval("starter", "sdk")));
		table.append(f("Heap: the stream is run once more with a probe that, every %d items, runs a full GC, counts "
				+ "the delivered items still reachable (weak references) and reads the heap in use, compared with "
				+ "the heap before the stream. The count is exact; the heap figure moves by a few hundred KB with "
				+ "the buffers threads keep (the SDK's JSON parser, the HTTP client), so it is given for scale: the "
				+ "whole transcript kept in a list retains %s, one page about %s. A stream that reads ahead holds "
				+ "one more page, by construction.%n%n", this.probeInterval, bytes(all.retained()), bytes(onePage)));
		table.append("| variant | most heap retained during the stream | most delivered items still reachable |\n"
				+ "| --- | --- | --- |\n");
		table.append(f("| starter stream | %s | %d |%n", bytes(starterHeap.retained()), starterHeap.liveItems()));
		table.append(f("| SDK paginator | %s | %d |%n", bytes(sdkHeap.retained()), sdkHeap.liveItems()));
		this.report.section(Benchmark.TRANSCRIPT_PAGING, "Whole transcript", table.toString());
	}

	// Heap held while streaming

	private record Heap(long retained, int liveItems) {
	}

	private Heap heap(Runnable stream, int items) {
		this.delivered.clear();
		this.deliveredCount = 0;
		this.probeInterval = Math.max(TranscriptPage.SIZE, items / 10) + TranscriptPage.SIZE / 2;
		this.heapMost = 0;
		this.liveMost = 0;
		this.heapBefore = Footprint.usedHeapAfterGc();
		stream.run();
		this.delivered.clear();
		return new Heap(this.heapMost, this.liveMost);
	}

	private Heap keepAll(TranscriptStreams streams) {
		long before = Footprint.usedHeapAfterGc();
		List<TranscriptItem> all;
		try (Stream<TranscriptItem> items = streams.transcripts()
			.stream(streams.chat().connection(), TranscriptQuery.oldestFirst())) {
			all = items.toList();
		}
		long retained = Footprint.usedHeapAfterGc() - before;
		Sink.consume(all.size());
		return new Heap(retained, all.size());
	}

}
