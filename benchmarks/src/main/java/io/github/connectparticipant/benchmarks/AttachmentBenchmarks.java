package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.benchmarks.Harness.Chat;
import io.github.connectparticipant.benchmarks.Measure.Body;
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
final class AttachmentBenchmarks extends HarnessBenchmark {

	/**
	 * Uploads per variant and round: one 20 MB upload is too short to time on its own on
	 * a busy machine.
	 */
	private static final int UPLOADS_PER_SAMPLE = 3;

	/** Downloads per variant and round. */
	private static final int DOWNLOADS_PER_SAMPLE = 10;

	AttachmentBenchmarks(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	// Upload

	void upload() throws Exception {
		Chat chat = this.harness.newChat();
		Path file = this.harness.file(this.config.transferBytes(), "pdf");
		AttachmentService attachments = this.harness.starter().bean(AttachmentService.class);
		Rounds variants = new Rounds().collectingGarbageFirst()
			.add("starter",
					() -> Measure.measure(1, () -> attachments.upload(chat.connection(), AttachmentUpload.of(file))))
			.add("baseline",
					() -> Measure.measure(1, () -> this.harness.baselineUpload(chat.token(), file, Harness.PDF)))
			.add("alone", () -> {
				StartAttachmentUploadResponse started = start(chat, file);
				return Measure.measure(1, () -> this.harness.put(started, file));
			});
		transfer(Benchmark.UPLOAD, "upload", "PUT alone", variants, UPLOADS_PER_SAMPLE, "The emulator reads every "
				+ "upload once more for its malware scan during CompleteAttachmentUpload, so the whole flow costs more "
				+ "than the PUT alone even on loopback. The baseline's `java.net.http.HttpClient` reads the body to send "
				+ "in 16 KB chunks, each into a new array, so an upload allocates about its own size in short-lived "
				+ "arrays; the starter sends pre-signed URLs through core's `PresignedUrlHttpClient` (the JDK's "
				+ "`HttpURLConnection`), which streams the body through one 64 KB buffer.");
	}

	private StartAttachmentUploadResponse start(Chat chat, Path file) {
		try {
			return this.harness.rawStart(chat.token(), file, Harness.PDF);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Download

	void download() throws Exception {
		Chat chat = this.harness.newChat();
		Path file = this.harness.file(this.config.transferBytes(), "pdf");
		String id = this.harness.baselineUpload(chat.token(), file, Harness.PDF);
		AttachmentService attachments = this.harness.starter().bean(AttachmentService.class);
		Rounds variants = new Rounds().collectingGarbageFirst()
			.add("starter",
					() -> Measure.measure(1,
							() -> check(attachments.download(chat.connection(), id, OutputStream.nullOutputStream()))))
			.add("baseline", () -> Measure.measure(1, () -> check(this.harness.baselineDownload(chat.token(), id))))
			.add("alone", () -> {
				GetAttachmentResponse url = this.harness.rawGetAttachment(chat.token(), id);
				return Measure.measure(1, () -> check(this.harness.get(url)));
			});
		transfer(Benchmark.DOWNLOAD, "download", "GET alone", variants, DOWNLOADS_PER_SAMPLE, "Each download goes to a "
				+ "null output stream. The baseline's `java.net.http.HttpClient` reads the socket into a new buffer "
				+ "each time, on its own threads, so a download allocates about its own size there; the starter's "
				+ "`PresignedUrlHttpClient` hands the socket's stream to the caller's buffer.");
	}

	private void check(long bytes) {
		if (bytes != this.config.transferBytes()) {
			throw new IllegalStateException("moved " + bytes + " bytes of " + this.config.transferBytes());
		}
	}

	/**
	 * Run the rounds of an upload or a download, each variant {@code perSample} times a
	 * round, and write their rows and section: the starter's time against the baseline's,
	 * the transfer {@code alone} against it (the loopback limit), and the allocation per
	 * transfer on all client threads (the calling thread's share depends on which thread
	 * the HTTP client happens to move the body on), with the starter's own share: what it
	 * allocates beyond the baseline.
	 */
	private void transfer(Benchmark benchmark, String what, String alone, Rounds variants, int perSample, String why)
			throws Exception {
		Rounds rounds = variants.run(this.config.warmups(), this.config.noisyRounds(), perSample);
		this.harness.emulator().reset();
		String size = bytes(this.config.transferBytes());
		double timeRatio = rounds.timeRatio("starter", "baseline");
		this.report.row(benchmark, what + " " + size + ": time starter / baseline", ratio(timeRatio), "<= 1.10",
				Report.atMost(timeRatio, 1.10));
		this.report.row(benchmark, what + ": time " + alone + " / baseline (the loopback limit)",
				ratio(rounds.timeRatio("alone", "baseline")), "", Verdict.INFO);
		double starter = rounds.medianClientBytes("starter");
		double baseline = rounds.medianClientBytes("baseline");
		this.report.row(benchmark, what + ": bytes allocated per " + what + ", all client threads, starter (baseline)",
				bytes(starter) + " (" + bytes(baseline) + ")", "< 2 MB", Report.below(starter, 2 * 1024 * 1024));
		this.report.row(benchmark, what + ": bytes the starter allocates beyond the baseline",
				bytes(starter - baseline), "", Verdict.INFO);
		StringBuilder table = new StringBuilder(f("%d %ss per variant and round, interleaved one by one with the "
				+ "other variants, %d rounds after %d warm-up rounds, a full GC before each pass (untimed). Times and "
				+ "allocations are per %s. %s%n%n", perSample, what, this.config.noisyRounds(), this.config.warmups(),
				what, why));
		table.append("| variant | median time | time / baseline | allocated, calling thread | allocated, all client "
				+ "threads |\n| --- | --- | --- | --- | --- |\n");
		Map<String, String> names = new LinkedHashMap<>();
		names.put("starter", "starter (`AttachmentService`)");
		names.put("baseline", "baseline (raw SDK + `HttpClient`)");
		names.put("alone", alone + " (URL fetched untimed)");
		names.forEach((key,
				name) -> table.append(f("| %s | %s | %s | %s | %s |%n", name, millis(rounds.medianMillis(key)),
						ratio(rounds.timeRatio(key, "baseline")), bytes(rounds.medianThreadBytes(key)),
						bytes(rounds.medianClientBytes(key)))));
		table.append("\nPer-round time ratios starter/baseline: ")
			.append(Rounds.format(rounds.timeRatios("starter", "baseline")))
			.append(".\n");
		this.report.section(benchmark, Character.toUpperCase(what.charAt(0)) + what.substring(1) + " of " + size,
				table.toString());
	}

	// Concurrency

	void concurrentUploads() throws Exception {
		int threads = this.config.concurrentThreads();
		int count = this.config.concurrentUploads();
		Path file = this.harness.file(this.config.concurrentBytes(), "pdf");
		ExecutorService pool = Executors.newFixedThreadPool(threads, Measure.daemonThreads("bench-client-"));
		Map<String, List<Double>> latencies = new LinkedHashMap<>();
		Map<String, List<Double>> throughputs = new LinkedHashMap<>();
		Map<String, List<Double>> allocations = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> errors = new LinkedHashMap<>();
		List<String> variants = List.of("starter", "baseline");
		for (String variant : variants) {
			latencies.put(variant, new ArrayList<>());
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
					AttachmentService attachments = this.harness.starter().bean(AttachmentService.class);
					Body upload = variant.equals("starter")
							? () -> attachments.upload(chat.connection(), AttachmentUpload.of(file))
							: () -> this.harness.baselineUpload(chat.token(), file, Harness.PDF);
					ParallelUploads uploads = new ParallelUploads();
					Sample sample = Measure.measure(count, () -> uploads.runOn(pool, threads, count, upload));
					double throughput = 1e9 / sample.nanos();
					roundThroughput.put(variant, throughput);
					if (round >= 0) {
						latencies.get(variant).addAll(uploads.latencies());
						throughputs.get(variant).add(throughput);
						allocations.get(variant).add(sample.clientBytes());
						uploads.errors().forEach((key, value) -> errors.get(variant).merge(key, value, Integer::sum));
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
		for (String variant : variants) {
			this.report.row(Benchmark.CONCURRENT_UPLOADS, "latency p50 / p99, " + variant,
					millis(Measure.percentile(latencies.get(variant), 50)) + " / "
							+ millis(Measure.percentile(latencies.get(variant), 99)),
					"", Verdict.INFO);
		}
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

}
