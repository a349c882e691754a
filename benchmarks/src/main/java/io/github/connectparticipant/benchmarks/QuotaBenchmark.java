package io.github.connectparticipant.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.benchmarks.Harness.Chat;
import io.github.connectparticipant.benchmarks.Harness.Starter;
import io.github.connectparticipant.benchmarks.Report.Verdict;

import static io.github.connectparticipant.benchmarks.Report.f;

/**
 * The quota benchmark: uploads under Amazon Connect's attachment quotas (the emulator's
 * token buckets for StartAttachmentUpload and CompleteAttachmentUpload set to them). One
 * JVM with the starter's default settings; and three replica JVMs ({@link QuotaReplica})
 * sharing the one quota: the raw SDK with its own retries, the starter pacing each JVM at
 * the quota (not adaptive), the starter's defaults (adaptive), and the starter with one
 * bucket shared in Redis. The variants run in rounds, in an order that rotates, each run
 * with the emulator's buckets full; each replica keeps its application context of a
 * variant from one run to the next, as a deployed application keeps running.
 */
final class QuotaBenchmark extends HarnessBenchmark {

	static final String START = "StartAttachmentUpload";

	static final String COMPLETE = "CompleteAttachmentUpload";

	private static final int REPLICAS = 3;

	private static final long REPLICA_TIMEOUT_SECONDS = 300;

	/**
	 * Variant keys, labels, and targets: goodput / quota at least, throttled share at
	 * most.
	 */
	private static final List<VariantSpec> VARIANTS = List.of(
			new VariantSpec("default", "default settings, one JVM", 0.95, 0.05),
			new VariantSpec("raw", "replicas: raw SDK, its default retries", Double.NaN, Double.NaN),
			new VariantSpec("paced", "replicas: each JVM paced at the quota (adaptive off)", Double.NaN, Double.NaN),
			new VariantSpec("adaptive", "replicas: default settings (adaptive)", 0.85, Double.NaN),
			new VariantSpec("redis", "replicas: one bucket shared in Redis", 0.95, 0.05));

	QuotaBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	void run() throws Exception {
		Map<String, List<Run>> runs = new LinkedHashMap<>();
		VARIANTS.forEach((variant) -> runs.put(variant.key(), new ArrayList<>()));
		try (Starter defaults = this.harness.starter(Map.of());
				RedisProcess redis = RedisProcess.start();
				Replicas replicas = new Replicas(REPLICAS, this.harness.emulator().baseUri(), redis.port(),
						"smoke".equals(this.config.name()))) {
			if (this.config.quotaRounds() > 1) {
				// a round not kept, with a quarter of the uploads: the replica JVMs load
				// and compile the
				// upload path of each variant, which would otherwise slow the first
				// round's first uploads
				for (VariantSpec variant : VARIANTS) {
					Run run = variant.key().equals("default") ? runDefault(defaults, this.config.quotaUploads() / 4)
							: runReplicas(replicas, variant.key(), this.config.quotaUploads() / 4);
					System.out.printf("  %s warm-up %s: %s%n", Benchmark.QUOTA_GOODPUT, variant.key(), run);
				}
			}
			for (int round = 0; round < this.config.quotaRounds(); round++) {
				for (int i = 0; i < VARIANTS.size(); i++) {
					VariantSpec variant = VARIANTS.get((i + round) % VARIANTS.size());
					Run run = variant.key().equals("default") ? runDefault(defaults, this.config.quotaUploads())
							: runReplicas(replicas, variant.key(), this.config.quotaUploads());
					runs.get(variant.key()).add(run);
					System.out.printf("  %s round %d %s: %s%n", Benchmark.QUOTA_GOODPUT, round + 1, variant.key(), run);
				}
			}
		}
		finally {
			this.harness.emulator().reset();
		}
		report(runs);
	}

	/**
	 * One JVM, the starter's default settings, the benchmark's threads.
	 */
	private Run runDefault(Starter starter, int count) throws Exception {
		Chat chat = freshQuota();
		Path file = this.harness.file(1024, "txt");
		starter.counter().reset();
		AttachmentService attachments = starter.bean(AttachmentService.class);
		long start = System.nanoTime();
		ParallelUploads uploads = ParallelUploads.run(this.config.quotaThreads(), "bench-quota-", count,
				() -> attachments.upload(chat.connection(), AttachmentUpload.of(file)));
		double seconds = (System.nanoTime() - start) / 1e9;
		long throttled = starter.counter().count(START, 429) + starter.counter().count(COMPLETE, 429);
		return new Run(seconds, uploads.done(), uploads.failed(), requests(), throttled, uploads.errors().toString());
	}

	/**
	 * Three replica JVMs, each with a chat of its own and a third of the uploads.
	 */
	private Run runReplicas(Replicas replicas, String variant, int count) throws Exception {
		freshQuota();
		int uploads = count / REPLICAS;
		int threads = Math.max(1, this.config.quotaThreads() / 2);
		List<String> answers = replicas.run(variant, (replica) -> this.harness.newChat().token(), uploads, threads);
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		int done = 0;
		int failed = 0;
		long throttled = 0;
		List<String> errors = new ArrayList<>();
		for (String answer : answers) {
			String[] parts = answer.split(" ");
			first = Math.min(first, Long.parseLong(parts[1]));
			last = Math.max(last, Long.parseLong(parts[2]));
			done += Integer.parseInt(parts[3]);
			failed += Integer.parseInt(parts[4]);
			throttled += Long.parseLong(parts[5]);
			if (!parts[6].equals("{}")) {
				errors.add(parts[6].replace('_', ' '));
			}
		}
		return new Run((last - first) / 1000.0, done, failed, requests(), throttled, errors.toString());
	}

	/**
	 * Reset the emulator, set the quotas afresh (full buckets) and start a chat.
	 */
	private Chat freshQuota() {
		this.harness.emulator().reset();
		this.harness.emulator().setThrottle(START, this.config.quotaRate(), this.config.quotaBurst());
		this.harness.emulator().setThrottle(COMPLETE, this.config.quotaRate(), this.config.quotaBurst());
		return this.harness.newChat();
	}

	private long requests() {
		return this.harness.emulator().requestCount(START) + this.harness.emulator().requestCount(COMPLETE);
	}

	private void report(Map<String, List<Run>> runs) {
		double rate = this.config.quotaRate();
		StringBuilder table = new StringBuilder(f("The emulator's token buckets for %s and %s are set to Amazon "
				+ "Connect's attachment quotas (%s requests/s, burst %d) afresh for every run; %d uploads of a 1 KB "
				+ "file per run: from %d threads in one JVM, or from %d replica JVMs with %d uploads and %d threads "
				+ "each (a chat each), all uploading at once. %d rounds after a warm-up round, the variants' order rotating. Goodput is "
				+ "uploads completed per second from the first start to the last finish, divided by the quota's "
				+ "rate (the burst lets a run read a little above 1); the 429 share is of all %s and %s requests; "
				+ "lost counts uploads that failed. Figures are medians over the rounds with their range, which "
				+ "for %d rounds is a %.0f %% interval for the median.%n%n", START, COMPLETE, Report.ratio(rate),
				this.config.quotaBurst(), this.config.quotaUploads(), this.config.quotaThreads(), REPLICAS,
				this.config.quotaUploads() / REPLICAS, Math.max(1, this.config.quotaThreads() / 2),
				this.config.quotaRounds(), START, COMPLETE, this.config.quotaRounds(),
				rangeCoverage(this.config.quotaRounds()) * 100));
		table.append("| variant | goodput / quota | 429 share | lost (all rounds) | time | per-round goodput "
				+ "| per-round 429 share | errors |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (VariantSpec variant : VARIANTS) {
			List<Run> list = runs.get(variant.key());
			List<Double> goodputs = list.stream().map((run) -> run.goodput(rate)).toList();
			List<Double> shares = list.stream().map(Run::throttledShare).toList();
			int lost = list.stream().mapToInt(Run::failed).sum();
			double goodput = Measure.median(goodputs);
			double share = Measure.median(shares);
			String value = f("%.2f [%.2f, %.2f], %.0f %% [%.0f, %.0f], %d lost", goodput, min(goodputs), max(goodputs),
					share * 100, min(shares) * 100, max(shares) * 100, lost);
			String target = "";
			Verdict verdict = Verdict.INFO;
			if (!Double.isNaN(variant.minGoodput())) {
				boolean shareMet = Double.isNaN(variant.maxShare()) || share <= variant.maxShare();
				target = ">= " + variant.minGoodput() + (Double.isNaN(variant.maxShare()) ? "" : ", <= 5 %")
						+ ", 0 lost";
				verdict = (goodput >= variant.minGoodput() && shareMet && lost == 0) ? Verdict.MET : Verdict.MISSED;
			}
			this.report.row(Benchmark.QUOTA_GOODPUT, variant.label(), value, target, verdict);
			table.append(f("| %s | %.2f [%.2f, %.2f] | %.0f %% [%.0f, %.0f] | %d | %.1f s | %s | %s | %s |%n",
					variant.label(), goodput, min(goodputs), max(goodputs), share * 100, min(shares) * 100,
					max(shares) * 100, lost, Measure.median(list.stream().map(Run::seconds).toList()),
					join(goodputs, 1), join(shares, 100),
					list.stream().map(Run::errors).filter((e) -> !e.equals("{}") && !e.equals("[]")).toList()));
		}
		this.report.section(Benchmark.QUOTA_GOODPUT, "Goodput under the attachment quotas, one JVM and three replicas",
				table.toString());
	}

	/** The chance that the range of n values holds the median: 1 - 2 / 2^n. */
	static double rangeCoverage(int n) {
		return 1 - 2 / Math.pow(2, n);
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private static String join(List<Double> values, double scale) {
		return String.join(" ",
				values.stream().map((value) -> f((scale == 1) ? "%.2f" : "%.0f", value * scale)).toList());
	}

	private record VariantSpec(String key, String label, double minGoodput, double maxShare) {
	}

	/**
	 * One run of a variant.
	 */
	private record Run(double seconds, int done, int failed, long requests, long throttled, String errors) {

		double goodput(double rate) {
			return this.done / this.seconds / rate;
		}

		double throttledShare() {
			return (this.requests == 0) ? 0 : (double) this.throttled / this.requests;
		}

		@Override
		public String toString() {
			return f("%.1f s, %d done, %d failed, %d requests, %d throttled %s", this.seconds, this.done, this.failed,
					this.requests, this.throttled, this.errors);
		}

	}

	/**
	 * The replica JVMs, started once with this JVM's class path.
	 */
	private static final class Replicas implements AutoCloseable {

		private final List<Process> processes = new ArrayList<>();

		private final List<PrintStream> inputs = new ArrayList<>();

		private final List<BufferedReader> outputs = new ArrayList<>();

		private final ExecutorService readers;

		Replicas(int count, java.net.URI endpoint, int redisPort, boolean smoke) throws IOException {
			this.readers = Executors.newFixedThreadPool(count, Measure.daemonThreads("replica-reader-"));
			for (int i = 0; i < count; i++) {
				List<String> command = new ArrayList<>(List.of(ForkedJvm.java(), "-Xmx256m"));
				if (smoke) {
					// the smoke run measures nothing: replicas that start with less CPU
					command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
				}
				command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, ForkedJvm.classpath()),
						QuotaReplica.class.getName(), endpoint.toString(), Integer.toString(redisPort)));
				Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
				this.processes.add(process);
				this.inputs.add(new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8));
				this.outputs
					.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
			}
		}

		/**
		 * Prepare the variant in every replica, then let them all go at once.
		 * @return each replica's {@code done} line
		 */
		List<String> run(String variant, java.util.function.IntFunction<String> token, int uploads, int threads)
				throws Exception {
			for (int i = 0; i < this.processes.size(); i++) {
				this.inputs.get(i).println("prepare " + variant + " " + token.apply(i) + " " + uploads + " " + threads);
			}
			for (int i = 0; i < this.processes.size(); i++) {
				expect(i, "ready");
			}
			this.inputs.forEach((input) -> input.println("go"));
			List<Future<String>> answers = new ArrayList<>();
			for (BufferedReader output : this.outputs) {
				answers.add(this.readers.submit(() -> nextLine(output)));
			}
			List<String> result = new ArrayList<>();
			for (Future<String> answer : answers) {
				String line = answer.get(REPLICA_TIMEOUT_SECONDS, TimeUnit.SECONDS);
				if (!line.startsWith("done ")) {
					throw new IllegalStateException("a replica answered " + line);
				}
				result.add(line);
			}
			return result;
		}

		private void expect(int replica, String expected) throws Exception {
			String line = this.readers.submit(() -> nextLine(this.outputs.get(replica)))
				.get(REPLICA_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (!line.equals(expected)) {
				throw new IllegalStateException("replica " + replica + " answered " + line + " instead of " + expected);
			}
		}

		/**
		 * The next line of the protocol, skipping what else the replica prints (logging).
		 */
		private static String nextLine(BufferedReader output) throws IOException {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.equals("ready") || line.startsWith("done ")) {
					return line;
				}
			}
			throw new IllegalStateException("a replica exited");
		}

		@Override
		public void close() throws InterruptedException {
			this.inputs.forEach((input) -> input.println("quit"));
			for (Process process : this.processes) {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			this.readers.shutdownNow();
		}

	}

}
