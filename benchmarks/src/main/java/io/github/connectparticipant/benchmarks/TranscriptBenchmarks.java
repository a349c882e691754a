package io.github.connectparticipant.benchmarks;

import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.connectparticipant.benchmarks.Harness.Chat;
import io.github.connectparticipant.benchmarks.Measure.Rounds;
import io.github.connectparticipant.benchmarks.Measure.Sample;
import io.github.connectparticipant.benchmarks.Report.Verdict;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptPage;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptRequest;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ScanDirection;
import software.amazon.awssdk.services.connectparticipant.model.SortKey;

import static io.github.connectparticipant.benchmarks.Report.bytes;
import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.Report.ratio;

/**
 * The cost of one GetTranscript call, whole transcripts, the emulator's throughput and an
 * export that works on every item.
 */
final class TranscriptBenchmarks {

	private static final int PAGE = 100;

	/** Passes per round of the per-call comparison. */
	private static final int CALL_PASSES = 40;

	/** Whole streams per variant and round. */
	private static final int STREAM_PASSES = 3;

	/**
	 * Network latency added to every GetTranscript for the export benchmark
	 * (transcript-export).
	 */
	private static final int LATENCY_MILLIS = 5;

	/** Rounds of each export comparison. */
	private static final int EXPORT_ROUNDS = 4;

	private final Harness harness;

	private final BenchmarkConfig config;

	private final Report report;

	/** Keeps the JIT from dropping the consumers' work. */
	private volatile long sink;

	TranscriptBenchmarks(Harness harness, BenchmarkConfig config, Report report) {
		this.harness = harness;
		this.config = config;
		this.report = report;
	}

	// One call, and the emulator's throughput

	void perCall(boolean overhead, boolean throughput) throws Exception {
		withPage((page) -> {
			if (overhead) {
				int forks = this.config.forks();
				Rounds rounds = (forks > 0) ? ForkedJvm.rounds(this.config, Benchmark.TRANSCRIPT_PER_CALL, forks)
						: overheadRounds(page);
				reportOverhead(rounds, page.bytes(), forks);
			}
			if (throughput) {
				throughput(page.raw(), page.floor(), page.request());
			}
		});
	}

	/**
	 * The per-call or the paging benchmark (whichever the configuration runs) in a JVM
	 * forked for it ({@link ForkedJvm}): measure its timed rounds, and write the samples
	 * to the file for the JVM that forked this one.
	 */
	void writeSamples(Path out) throws Exception {
		if (this.config.runs(Benchmark.TRANSCRIPT_PER_CALL) == this.config.runs(Benchmark.TRANSCRIPT_PAGING)) {
			throw new IllegalArgumentException("a forked JVM measures " + Benchmark.TRANSCRIPT_PER_CALL + " or "
					+ Benchmark.TRANSCRIPT_PAGING + ": " + this.config.benchmarks());
		}
		if (this.config.runs(Benchmark.TRANSCRIPT_PER_CALL)) {
			withPage((page) -> Files.write(out, overheadRounds(page).toLines(), StandardCharsets.UTF_8));
		}
		else {
			Chat chat = transcriptChat();
			Files.write(out,
					wholeRounds(chat, this.harness.starter().transcripts(), this.config.transcriptItems()).toLines(),
					StandardCharsets.UTF_8);
			this.harness.emulator().reset();
		}
	}

	/**
	 * How a comparison measured in forked JVMs was measured.
	 */
	private String forkedMeasurement(int forks) {
		String warmup = this.config.forkWarmup().isZero() ? ""
				: f("Warm-up rounds run for at least %d s before the rounds kept, as JMH warms up for a time: the JIT "
						+ "compiles a method with its optimizing compiler only after some thousands of calls, and with "
						+ "a few warm-up rounds the library's and Micrometer's code, which only the starter's variant "
						+ "calls, was still compiled for profiling when the kept rounds began, while the SDK's code, "
						+ "which every variant calls, was optimized. ", this.config.forkWarmup().toSeconds());
		return ((forks > 0) ? f("Measured in %s forked for this benchmark alone, as JMH forks a JVM for each "
				+ "benchmark: a JVM that has run the other benchmarks first keeps the JIT's profile of their code paths "
				+ "(the SDK client and the library's retry and observation code are shared with the attachment "
				+ "transfers), and how the JIT compiles the same code differs from one JVM to the next; the forks' "
				+ "rounds are pooled and the figures are medians over all of them. ",
				(forks == 1) ? "a JVM" : forks + " JVMs, one after the other,")
				: "Measured in the JVM of the other benchmarks. ") + warmup;
	}

	/**
	 * What the per-call comparisons call: a chat with a page of {@value #PAGE} items, the
	 * raw SDK client, a raw client of a canned server that answers with that page's
	 * bytes, and the starter's beans.
	 */
	private record Page(Chat chat, ConnectParticipantClient raw, ConnectParticipantClient floor,
			ConnectParticipantClient starterClient, TranscriptService transcripts, TranscriptQuery query,
			Consumer<GetTranscriptRequest.Builder> request, int bytes) {
	}

	@FunctionalInterface
	private interface PageUse {

		void accept(Page page) throws Exception;

	}

	private void withPage(PageUse use) throws Exception {
		Chat chat = this.harness.newChat();
		for (int i = 0; i < 150; i++) {
			this.harness.emulator().addMessage(chat.contactId(), "AGENT", "Agent", "message " + i + " of the chat");
		}
		byte[] canned = cannedPage(chat);
		RequestCounter cannedCounter = new RequestCounter();
		try (CannedServer server = CannedServer.start(canned);
				ConnectParticipantClient floor = Harness.rawClient(server.baseUri(), cannedCounter)) {
			ConnectParticipantClient raw = this.harness.raw();
			TranscriptService transcripts = this.harness.starter().transcripts();
			TranscriptQuery query = TranscriptQuery.builder().maxResults(PAGE).build();
			Consumer<GetTranscriptRequest.Builder> request = (builder) -> builder.connectionToken(chat.token())
				.maxResults(PAGE);
			if (raw.getTranscript(request).transcript().size() != PAGE
					|| floor.getTranscript(request).transcript().size() != PAGE
					|| transcripts.page(chat.connection(), query).items().size() != PAGE) {
				throw new IllegalStateException("a page of " + PAGE + " items was expected");
			}
			use.accept(new Page(chat, raw, floor, this.harness.starter().client(), transcripts, query, request,
					canned.length));
		}
		this.harness.emulator().reset();
	}

	private Rounds overheadRounds(Page page) {
		int calls = Math.max(1, this.config.callsPerBatch() / CALL_PASSES);
		Chat chat = page.chat();
		return new Rounds().add("starter", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				consume(page.transcripts().page(chat.connection(), page.query()));
			}
		})).add("raw", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				this.sink += page.raw().getTranscript(page.request()).transcript().size();
			}
		})).add("raw-starter-client", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				this.sink += page.starterClient().getTranscript(page.request()).transcript().size();
			}
		})).add("floor", () -> Measure.measure(calls, () -> {
			for (int i = 0; i < calls; i++) {
				this.sink += page.floor().getTranscript(page.request()).transcript().size();
			}
		}))
			.warmingUpFor(this.config.forkWarmup())
			.run(this.config.warmups() + 2, this.config.noisyRounds(), CALL_PASSES);
	}

	private void reportOverhead(Rounds rounds, int pageBytes, int forks) {
		int calls = Math.max(1, this.config.callsPerBatch() / CALL_PASSES);
		double ratio = rounds.timeRatio("starter", "raw");
		this.report.row(Benchmark.TRANSCRIPT_PER_CALL, "GetTranscript (100 items): time starter / raw SDK",
				ratio(ratio), "<= 1.10", Report.atMost(ratio, 1.10));
		this.report.row(Benchmark.TRANSCRIPT_PER_CALL, "GetTranscript: client CPU time per call, starter / raw SDK",
				ratio(rounds.cpuRatio("starter", "raw")), "", Verdict.INFO);
		this.report.row(Benchmark.TRANSCRIPT_PER_CALL,
				"GetTranscript: raw SDK on emulator / on canned server (emulator cost)",
				ratio(rounds.timeRatio("raw", "floor")), "", Verdict.INFO);
		String where = forkedMeasurement(forks);
		StringBuilder table = new StringBuilder(f("%s%d rounds of %d calls per variant in %d interleaved passes%s, "
				+ "one thread, a page of %d items (about %s of JSON). The canned server answers every request with the "
				+ "bytes the emulator gave for the same request; \"raw SDK on the starter's client\" is the raw "
				+ "call on the starter's `ConnectParticipantClient` bean, which separates the client's configuration "
				+ "from the library's own code.%n%n", where, this.config.noisyRounds(), calls * CALL_PASSES,
				CALL_PASSES, (forks > 0) ? " in each fork" : "", PAGE, bytes(pageBytes)));
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

	private void consume(TranscriptPage page) {
		this.sink += page.items().size();
	}

	private void throughput(ConnectParticipantClient raw, ConnectParticipantClient floor,
			Consumer<GetTranscriptRequest.Builder> request) throws Exception {
		long window = this.config.throughputMillis();
		ExecutorService pool = Executors.newFixedThreadPool(16, AttachmentBenchmarks.named("bench-client-"));
		try {
			Rounds rounds = new Rounds().add("emulator-1", () -> timeBoxed(pool, 1, window, raw, request))
				.add("floor-1", () -> timeBoxed(pool, 1, window, floor, request))
				.add("emulator-16", () -> timeBoxed(pool, 16, window, raw, request))
				.add("floor-16", () -> timeBoxed(pool, 16, window, floor, request))
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
					+ "whole loop (SDK client + server), as in a user's test suite.%n%n", PAGE, window));
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

	private Sample timeBoxed(ExecutorService pool, int threads, long millis, ConnectParticipantClient client,
			Consumer<GetTranscriptRequest.Builder> request) {
		Map<Long, Long> before = Measure.clientAllocations();
		long start = System.nanoTime();
		long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
		List<Future<Integer>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				int calls = 0;
				while (System.nanoTime() < deadline) {
					this.sink += client.getTranscript(request).transcript().size();
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

	/**
	 * The emulator's answer to the request the clients send, as bytes.
	 */
	private byte[] cannedPage(Chat chat) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(this.harness.emulator().baseUri().resolve("/participant/transcript"))
				.header("Content-Type", "application/json")
				.header("X-Amz-Bearer", chat.token())
				.POST(HttpRequest.BodyPublishers.ofString("{\"MaxResults\":" + PAGE + "}"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GetTranscript answered " + response.statusCode());
		}
		return response.body();
	}

	// Whole transcripts

	void wholeTranscript(boolean whole, boolean export) throws Exception {
		Chat chat = transcriptChat();
		int items = this.config.transcriptItems();
		TranscriptService transcripts = this.harness.starter().transcripts();
		if (whole) {
			whole(chat, transcripts, items);
		}
		if (export) {
			export(chat, transcripts, items);
		}
		this.harness.emulator().reset();
	}

	/**
	 * A chat of as many items as the configuration's whole transcript has (the chat's own
	 * two events included).
	 */
	private Chat transcriptChat() {
		Chat chat = this.harness.newChat();
		for (int i = 0; i < this.config.transcriptItems() - 2; i++) {
			this.harness.emulator().addMessage(chat.contactId(), "AGENT", "Agent", "message " + i + " of the chat");
		}
		return chat;
	}

	private Rounds wholeRounds(Chat chat, TranscriptService transcripts, int items) {
		return new Rounds().collectingGarbageFirst()
			.warmingUpFor(this.config.forkWarmup())
			.add("starter", () -> Measure.measure(1, () -> starterStream(chat, transcripts, items, (item) -> {
			})))
			.add("sdk", () -> Measure.measure(1, () -> sdkStream(chat, items, (item) -> {
			})))
			.run(this.config.warmups(), this.config.rounds(), STREAM_PASSES);
	}

	private void whole(Chat chat, TranscriptService transcripts, int items) throws Exception {
		int forks = this.config.forks();
		Rounds rounds = (forks > 0) ? ForkedJvm.rounds(this.config, Benchmark.TRANSCRIPT_PAGING, forks)
				: wholeRounds(chat, transcripts, items);
		double ratio = rounds.timeRatio("starter", "sdk");
		int pages = (items + PAGE - 1) / PAGE;
		this.report.row(Benchmark.TRANSCRIPT_PAGING,
				f("whole transcript (%d items, %d pages): time starter / SDK paginator", items, pages), ratio(ratio),
				"<= 1.10", Report.atMost(ratio, 1.10));
		Heap starterHeap = heap(() -> starterStream(chat, transcripts, items, this.heapProbe), items);
		Heap sdkHeap = heap(() -> sdkStream(chat, items, this.heapProbe), items);
		Heap all = keepAll(chat, transcripts);
		double onePage = all.retained() / (double) pages;
		// The delivered items still reachable are the precise measure (at most the
		// current page); the heap in
		// use is shown for scale, but it moves by a few hundred KB with thread-local
		// buffers of the threads.
		boolean bounded = starterHeap.liveItems() <= PAGE;
		this.report.row(Benchmark.TRANSCRIPT_PAGING,
				"whole transcript, caller keeps nothing: delivered items still reachable (heap held)",
				f("%d (%s; SDK %d, %s; all items %s)", starterHeap.liveItems(), bytes(starterHeap.retained()),
						sdkHeap.liveItems(), bytes(sdkHeap.retained()), bytes(all.retained())),
				"<= 1 page (100)", bounded ? Verdict.MET : Verdict.MISSED);
		StringBuilder table = new StringBuilder(f("Every item of a %d-item chat, oldest first, pages of %d, the "
				+ "consumer keeping nothing: `TranscriptService.stream(connection, TranscriptQuery.oldestFirst())` "
				+ "against the SDK's `getTranscriptPaginator(...)` (`GetTranscriptIterable`, each page's items in "
				+ "turn) with the same query. %s%d streams per variant and round, interleaved, %d rounds%s.%n%n", items,
				PAGE, forkedMeasurement(forks), STREAM_PASSES, this.config.rounds(),
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

	private void starterStream(Chat chat, TranscriptService transcripts, int expected, Consumer<Object> consumer) {
		int[] count = { 0 };
		try (Stream<TranscriptItem> items = transcripts.stream(chat.connection(), TranscriptQuery.oldestFirst())) {
			items.forEach((item) -> {
				this.sink += item.id().length();
				count[0]++;
				consumer.accept(item);
			});
		}
		if (count[0] != expected) {
			throw new IllegalStateException("streamed " + count[0] + " items of " + expected);
		}
	}

	private void sdkStream(Chat chat, int expected, Consumer<Object> consumer) {
		int[] count = { 0 };
		this.harness.raw()
			.getTranscriptPaginator((request) -> request.connectionToken(chat.token())
				.maxResults(PAGE)
				.scanDirection(ScanDirection.FORWARD)
				.sortOrder(SortKey.ASCENDING)
				.startPosition((position) -> position.absoluteTime("1970-01-01T00:00:00.000Z")))
			.forEach((page) -> {
				for (Item item : page.transcript()) {
					this.sink += item.id().length();
					count[0]++;
					consumer.accept(item);
				}
			});
		if (count[0] != expected) {
			throw new IllegalStateException("paged " + count[0] + " items of " + expected);
		}
	}

	// Heap held while streaming

	private record Heap(long retained, int liveItems) {
	}

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

	private Heap heap(Runnable stream, int items) {
		this.delivered.clear();
		this.deliveredCount = 0;
		this.probeInterval = Math.max(PAGE, items / 10) + PAGE / 2;
		this.heapMost = 0;
		this.liveMost = 0;
		this.heapBefore = Footprint.usedHeapAfterGc();
		stream.run();
		this.delivered.clear();
		return new Heap(this.heapMost, this.liveMost);
	}

	private Heap keepAll(Chat chat, TranscriptService transcripts) {
		long before = Footprint.usedHeapAfterGc();
		List<TranscriptItem> all;
		try (Stream<TranscriptItem> items = transcripts.stream(chat.connection(), TranscriptQuery.oldestFirst())) {
			all = items.toList();
		}
		long retained = Footprint.usedHeapAfterGc() - before;
		this.sink += all.size();
		return new Heap(retained, all.size());
	}

	// Export with work per item

	private void export(Chat chat, TranscriptService transcripts, int items) {
		StringBuilder table = new StringBuilder(f("The %d-item transcript again, the consumer now working: one round "
				+ "trip of work per page of %d, the round trip measured first as the SDK paginator's time per page "
				+ "under the same conditions. \"CPU work\" spins on every item (transforming or serialising it, "
				+ "1/%d of a round trip each); \"waiting work\" parks the thread for one round trip after every page "
				+ "(writing a batch somewhere). \"%d ms latency\" delays every GetTranscript in the emulator by %d ms "
				+ "before it is served (the emulator's DELAY fault), standing in for the network between an "
				+ "application and Amazon Connect; \"loopback\" adds nothing, so that its round trip is CPU time of "
				+ "the same two cores the consumer spins on. The starter reads one page ahead from its third page on "
				+ "when the consumer spends at least a quarter of a round trip on a page, as here; the SDK paginator "
				+ "reads each page when the previous one is used up.%n%n", items, PAGE, PAGE, LATENCY_MILLIS,
				LATENCY_MILLIS));
		table.append("| round trip | work | round trip per page | starter | SDK paginator | speed-up (SDK time / "
				+ "starter time) | per round |\n| --- | --- | --- | --- | --- | --- | --- |\n");
		for (int latency : new int[] { LATENCY_MILLIS, 0 }) {
			if (latency > 0) {
				this.harness.emulator()
					.setFaults(1, List.of(FaultRule.always("GetTranscript", "DELAY").withDelayMillis(latency)));
			}
			try {
				long roundTrip = roundTrip(chat);
				long perItem = roundTrip / PAGE;
				String network = (latency > 0) ? latency + " ms latency" : "loopback";
				Rounds cpu = new Rounds()
					.add("starter",
							() -> Measure.measure(1,
									() -> starterStream(chat, transcripts, items, (item) -> spin(perItem))))
					.add("sdk", () -> Measure.measure(1, () -> sdkStream(chat, items, (item) -> spin(perItem))))
					.run(1, EXPORT_ROUNDS);
				int[] seen = { 0 };
				Consumer<Object> pageWork = (item) -> {
					if (++seen[0] % PAGE == 0) {
						LockSupport.parkNanos(roundTrip);
					}
				};
				Rounds waiting = new Rounds()
					.add("starter", () -> Measure.measure(1, () -> starterStream(chat, transcripts, items, pageWork)))
					.add("sdk", () -> Measure.measure(1, () -> sdkStream(chat, items, pageWork)))
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
	private long roundTrip(Chat chat) {
		int items = this.config.transcriptItems();
		int pages = (items + PAGE - 1) / PAGE;
		List<Double> perPage = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			sdkStream(chat, items, (item) -> {
			});
			perPage.add((double) (System.nanoTime() - start) / pages);
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
