package io.github.connectparticipant.benchmarks;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.benchmarks.Harness.Chat;
import io.github.connectparticipant.benchmarks.Measure.Rounds;
import io.github.connectparticipant.benchmarks.Measure.Sample;
import io.github.connectparticipant.benchmarks.Report.Verdict;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;

import static io.github.connectparticipant.benchmarks.Report.bytes;
import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.Report.ratio;

/**
 * Uploads, downloads and concurrent uploads.
 */
final class AttachmentBenchmarks {

	/**
	 * Uploads per variant and round: one 20 MB upload is too short to time on its own on
	 * a busy machine.
	 */
	private static final int UPLOADS_PER_SAMPLE = 3;

	/** Downloads per variant and round. */
	private static final int DOWNLOADS_PER_SAMPLE = 10;

	private final Harness harness;

	private final BenchmarkConfig config;

	private final Report report;

	AttachmentBenchmarks(Harness harness, BenchmarkConfig config, Report report) {
		this.harness = harness;
		this.config = config;
		this.report = report;
	}

	// Upload

	void upload() throws Exception {
		Chat chat = this.harness.newChat();
		Path file = this.harness.file(this.config.transferBytes(), "pdf");
		AttachmentService attachments = this.harness.starter().attachments();
		int batch = UPLOADS_PER_SAMPLE;
		Rounds rounds = new Rounds().collectingGarbageFirst()
			.add("starter",
					() -> Measure.measure(1, () -> attachments.upload(chat.connection(), AttachmentUpload.of(file))))
			.add("baseline",
					() -> Measure.measure(1, () -> this.harness.baselineUpload(chat.token(), file, Harness.PDF)))
			.add("put", () -> {
				StartAttachmentUploadResponse started = start(chat, file);
				return Measure.measure(1, () -> this.harness.put(started, file));
			})
			.run(this.config.warmups(), this.config.noisyRounds(), batch);
		String size = bytes(this.config.transferBytes());
		double timeRatio = rounds.timeRatio("starter", "baseline");
		this.report.row(Benchmark.UPLOAD, "upload " + size + ": time starter / baseline", ratio(timeRatio), "<= 1.10",
				Report.atMost(timeRatio, 1.10));
		this.report.row(Benchmark.UPLOAD, "upload: time PUT alone / baseline (the loopback limit)",
				ratio(rounds.timeRatio("put", "baseline")), "", Verdict.INFO);
		allocationRows(Benchmark.UPLOAD, "upload", rounds);
		this.report.section(Benchmark.UPLOAD, "Upload of " + size,
				f("%d uploads per variant and round, interleaved one by one with the other "
						+ "variants, %d rounds after %d warm-up rounds, a full GC before each pass (untimed). Times and allocations are per upload. The emulator "
						+ "reads every upload once more for its malware scan during CompleteAttachmentUpload, so the whole "
						+ "flow costs more than the PUT alone even on loopback. The baseline's `java.net.http.HttpClient` "
						+ "reads the body to send in 16 KB chunks, each into a new array, so an upload allocates about its "
						+ "own size in short-lived arrays; the starter sends pre-signed URLs through core's "
						+ "`PresignedUrlHttpClient` (the JDK's `HttpURLConnection`), which streams the body through one 64 KB buffer.%n%n",
						batch, this.config.noisyRounds(), this.config.warmups()) + transferTable(rounds, "PUT alone")
						+ "\nPer-round time ratios starter/baseline: "
						+ Rounds.format(rounds.timeRatios("starter", "baseline")) + ".\n");
		this.harness.emulator().reset();
	}

	private StartAttachmentUploadResponse start(Chat chat, Path file) {
		try {
			return this.harness.rawStart(chat.token(), file, Harness.PDF);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	// Download

	void download() throws Exception {
		Chat chat = this.harness.newChat();
		Path file = this.harness.file(this.config.transferBytes(), "pdf");
		String id = this.harness.baselineUpload(chat.token(), file, Harness.PDF);
		AttachmentService attachments = this.harness.starter().attachments();
		int batch = DOWNLOADS_PER_SAMPLE;
		Rounds rounds = new Rounds().collectingGarbageFirst()
			.add("starter",
					() -> Measure.measure(1,
							() -> check(attachments.download(chat.connection(), id, OutputStream.nullOutputStream()))))
			.add("baseline", () -> Measure.measure(1, () -> check(this.harness.baselineDownload(chat.token(), id))))
			.add("get", () -> {
				GetAttachmentResponse url = this.harness.rawGetAttachment(chat.token(), id);
				return Measure.measure(1, () -> check(this.harness.get(url)));
			})
			.run(this.config.warmups(), this.config.noisyRounds(), batch);
		String size = bytes(this.config.transferBytes());
		double timeRatio = rounds.timeRatio("starter", "baseline");
		this.report.row(Benchmark.DOWNLOAD, "download " + size + ": time starter / baseline", ratio(timeRatio),
				"<= 1.10", Report.atMost(timeRatio, 1.10));
		this.report.row(Benchmark.DOWNLOAD, "download: time GET alone / baseline (the loopback limit)",
				ratio(rounds.timeRatio("get", "baseline")), "", Verdict.INFO);
		allocationRows(Benchmark.DOWNLOAD, "download", rounds);
		this.report.section(Benchmark.DOWNLOAD, "Download of " + size,
				f("%d downloads per variant and round (to a null output "
						+ "stream), interleaved one by one with the other variants, %d rounds after %d warm-up rounds, a full "
						+ "GC before each pass (untimed). Times and "
						+ "allocations are per download. The baseline's `java.net.http.HttpClient` reads the socket into a "
						+ "new buffer each time, on its own threads, so a download allocates about its own size there; the "
						+ "starter's `PresignedUrlHttpClient` hands the socket's stream to the caller's buffer.%n%n",
						batch, this.config.noisyRounds(), this.config.warmups()) + transferTable(rounds, "GET alone")
						+ "\nPer-round time ratios starter/baseline: "
						+ Rounds.format(rounds.timeRatios("starter", "baseline")) + ".\n");
		this.harness.emulator().reset();
	}

	/**
	 * The allocation per transfer on all client threads (the calling thread's share
	 * depends on which thread the HTTP client happens to move the body on), and the
	 * starter's own share: what it allocates beyond the baseline.
	 */
	private void allocationRows(Benchmark benchmark, String what, Rounds rounds) {
		double starter = rounds.medianClientBytes("starter");
		double baseline = rounds.medianClientBytes("baseline");
		this.report.row(benchmark, what + ": bytes allocated per " + what + ", all client threads, starter (baseline)",
				bytes(starter) + " (" + bytes(baseline) + ")", "< 2 MB", Report.below(starter, 2 * 1024 * 1024));
		this.report.row(benchmark, what + ": bytes the starter allocates beyond the baseline",
				bytes(starter - baseline), "", Verdict.INFO);
	}

	private void check(long bytes) {
		if (bytes != this.config.transferBytes()) {
			throw new IllegalStateException("moved " + bytes + " bytes of " + this.config.transferBytes());
		}
	}

	private static String transferTable(Rounds rounds, String alone) {
		StringBuilder table = new StringBuilder(
				"| variant | median time | time / baseline | allocated, calling thread | allocated, all client threads |\n"
						+ "| --- | --- | --- | --- | --- |\n");
		Map<String, String> names = new LinkedHashMap<>();
		names.put("starter", "starter (`AttachmentService`)");
		names.put("baseline", "baseline (raw SDK + `HttpClient`)");
		names.put(alone.startsWith("PUT") ? "put" : "get", alone + " (URL fetched untimed)");
		names.forEach((key,
				name) -> table.append(f("| %s | %s | %s | %s | %s |%n", name, millis(rounds.medianMillis(key)),
						ratio(rounds.timeRatio(key, "baseline")), bytes(rounds.medianThreadBytes(key)),
						bytes(rounds.medianClientBytes(key)))));
		return table.toString();
	}

	// Concurrency

	void concurrentUploads() throws Exception {
		int threads = this.config.concurrentThreads();
		int count = this.config.concurrentUploads();
		Path file = this.harness.file(this.config.concurrentBytes(), "pdf");
		ExecutorService pool = Executors.newFixedThreadPool(threads, named("bench-client-"));
		Map<String, List<Double>> latencies = new LinkedHashMap<>();
		Map<String, List<Double>> throughputs = new LinkedHashMap<>();
		Map<String, List<Double>> allocations = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> errors = new LinkedHashMap<>();
		List<String> variants = List.of("starter", "baseline");
		for (String variant : variants) {
			latencies.put(variant, Collections.synchronizedList(new ArrayList<>()));
			throughputs.put(variant, new ArrayList<>());
			allocations.put(variant, new ArrayList<>());
			errors.put(variant, new TreeMap<>());
		}
		List<Double> ratios = new ArrayList<>();
		try {
			for (int round = -1; round < this.config.concurrentRounds(); round++) {
				Map<String, Double> roundThroughput = new LinkedHashMap<>();
				for (int i = 0; i < variants.size(); i++) {
					String variant = variants.get((i + Math.max(round, 0)) % variants.size());
					this.harness.emulator().reset();
					Chat chat = this.harness.newChat();
					AttachmentService attachments = this.harness.starter().attachments();
					List<Double> roundLatencies = Collections.synchronizedList(new ArrayList<>());
					Map<String, Integer> roundErrors = Collections.synchronizedMap(new TreeMap<>());
					AtomicInteger next = new AtomicInteger();
					Sample sample = Measure.measure(count, () -> {
						List<Future<?>> futures = new ArrayList<>();
						for (int t = 0; t < threads; t++) {
							futures.add(pool.submit(() -> {
								while (next.getAndIncrement() < count) {
									long start = System.nanoTime();
									try {
										if (variant.equals("starter")) {
											attachments.upload(chat.connection(), AttachmentUpload.of(file));
										}
										else {
											this.harness.baselineUpload(chat.token(), file, Harness.PDF);
										}
										roundLatencies.add((System.nanoTime() - start) / 1e6);
									}
									catch (Exception ex) {
										roundErrors.merge(classify(ex), 1, Integer::sum);
									}
								}
								return null;
							}));
						}
						for (Future<?> future : futures) {
							future.get();
						}
					});
					double throughput = 1e9 / sample.nanos();
					roundThroughput.put(variant, throughput);
					if (round >= 0) {
						latencies.get(variant).addAll(roundLatencies);
						throughputs.get(variant).add(throughput);
						allocations.get(variant).add(sample.clientBytes());
						roundErrors.forEach((key, value) -> errors.get(variant).merge(key, value, Integer::sum));
					}
				}
				if (round >= 0) {
					ratios.add(roundThroughput.get("starter") / roundThroughput.get("baseline"));
				}
			}
		}
		finally {
			pool.shutdownNow();
			this.harness.emulator().reset();
		}
		double ratio = Measure.median(ratios);
		String size = bytes(this.config.concurrentBytes());
		this.report.row(Benchmark.CONCURRENT_UPLOADS,
				threads + " threads x " + size + " uploads: throughput starter / baseline", ratio(ratio), "",
				Verdict.INFO);
		this.report.row(Benchmark.CONCURRENT_UPLOADS, "latency p50 / p99, starter",
				millis(Measure.percentile(latencies.get("starter"), 50)) + " / "
						+ millis(Measure.percentile(latencies.get("starter"), 99)),
				"", Verdict.INFO);
		this.report.row(Benchmark.CONCURRENT_UPLOADS, "latency p50 / p99, baseline",
				millis(Measure.percentile(latencies.get("baseline"), 50)) + " / "
						+ millis(Measure.percentile(latencies.get("baseline"), 99)),
				"", Verdict.INFO);
		int starterErrors = errors.get("starter").values().stream().mapToInt(Integer::intValue).sum();
		long starvation = errors.get("starter")
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().contains("pool"))
			.mapToLong(Map.Entry::getValue)
			.sum();
		this.report.row(Benchmark.CONCURRENT_UPLOADS, "errors, starter (connection-pool starvation among them)",
				starterErrors + " (" + starvation + ")", "0 starvation",
				(starvation == 0) ? Verdict.MET : Verdict.MISSED);
		StringBuilder table = new StringBuilder(f("%d uploads of %s per variant and round from %d threads, %d rounds "
				+ "after one warm-up round; the starter's SDK client has the starter's default pool of 50 connections "
				+ "(`connect.participant.http.max-connections`), the baseline's the SDK's default (50).%n%n", count,
				size, threads, this.config.concurrentRounds()));
		table.append("| variant | uploads/s (median round) | p50 | p99 | allocated per upload, all client threads "
				+ "| errors |\n| --- | --- | --- | --- | --- | --- |\n");
		for (String variant : variants) {
			table.append(f("| %s | %.0f | %s | %s | %s | %s |%n", variant, Measure.median(throughputs.get(variant)),
					millis(Measure.percentile(latencies.get(variant), 50)),
					millis(Measure.percentile(latencies.get(variant), 99)),
					bytes(Measure.median(allocations.get(variant))),
					errors.get(variant).isEmpty() ? "none" : errors.get(variant).toString()));
		}
		table.append(f("%nPer-round throughput ratios starter/baseline: %s.%n",
				ratios.stream().map((value) -> f("%.2f", value)).reduce((a, b) -> a + " " + b).orElse("")));
		this.report.section(Benchmark.CONCURRENT_UPLOADS, "Concurrent uploads", table.toString());
	}

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

	static java.util.concurrent.ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
