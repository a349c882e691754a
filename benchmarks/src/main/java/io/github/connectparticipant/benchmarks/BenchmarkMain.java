package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Runs the benchmarks side by side in this JVM (the timed rounds of the per-call and the
 * paging benchmark in JVMs forked for each, see {@link ForkedJvm}; the idle chat
 * sessions' emulator in a JVM of its own, see {@link ForkedEmulator}), prints the table
 * and, with {@code --out FILE}, writes it as Markdown. <pre>
 * java -Xms1g -Xmx1g -jar benchmarks/target/connect-participant-benchmarks.jar [--out FILE] [--smoke]
 *     [--only upload-20mb,start-up,...] [--startup-rounds N]
 * java -jar benchmarks/target/connect-participant-benchmarks.jar --pool-startup FILE,FILE... [--out FILE]
 * </pre> The second form runs nothing: it pools the start-up benchmark's rounds from
 * results files written before ({@link StartupPool}).
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkConfig config = BenchmarkConfig.full();
		Path out = null;
		Path samplesOut = null;
		Integer startupRounds = null;
		List<Path> pool = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--out" -> out = Path.of(args[++i]);
				// what a JVM forked for the per-call or the paging benchmark is started
				// with (ForkedJvm)
				case "--samples-out" -> samplesOut = Path.of(args[++i]);
				case "--smoke" -> config = BenchmarkConfig.smoke();
				case "--only" -> config = config.only(Arrays.stream(args[++i].split(","))
					.map(String::trim)
					.map(Benchmark::named)
					.collect(Collectors.toSet()));
				case "--startup-rounds" -> startupRounds = Integer.parseInt(args[++i]);
				case "--pool-startup" -> pool = Arrays.stream(args[++i].split(","))
					.map(String::trim)
					.filter((name) -> !name.isEmpty())
					.map(Path::of)
					.toList();
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]
						+ "; use [--out FILE] [--smoke] [--only NAME,...] [--startup-rounds N], or --pool-startup FILE,... "
						+ "[--out FILE]");
			}
		}
		if (pool != null) {
			String table = "The start-up benchmark's main rows, the median of the per-round differences to the start without the "
					+ "starter with its 95 % interval, from each results file and from all their rounds together:\n\n"
					+ StartupPool.pool(pool);
			System.out.print(table);
			if (out != null) {
				Files.writeString(out, table, StandardCharsets.UTF_8);
				System.out.println("Written to " + out.toAbsolutePath());
			}
			System.exit(0);
		}
		if (startupRounds != null) {
			config = config.withStartupRounds(startupRounds);
		}
		if (samplesOut != null) {
			try (Harness harness = new Harness()) {
				ForkedJvm.writeSamples(harness, config, samplesOut);
			}
		}
		else {
			run(config, out);
		}
		System.exit(0);
	}

	/**
	 * The transcript benchmarks the configuration names, those of one call on one page of
	 * a chat, those of a whole transcript on one long chat.
	 */
	private static void runTranscriptBenchmarks(Harness harness, BenchmarkConfig config, Report report)
			throws Exception {
		if (config.runs(Benchmark.TRANSCRIPT_PER_CALL) || config.runs(Benchmark.EMULATOR_THROUGHPUT)) {
			TranscriptPage.with(harness, (page) -> {
				if (config.runs(Benchmark.TRANSCRIPT_PER_CALL)) {
					new TranscriptPerCallBenchmark(harness, config, report).run(page);
				}
				if (config.runs(Benchmark.EMULATOR_THROUGHPUT)) {
					new EmulatorThroughputBenchmark(harness, config, report).run(page);
				}
			});
		}
		if (config.runs(Benchmark.TRANSCRIPT_PAGING) || config.runs(Benchmark.TRANSCRIPT_EXPORT)) {
			TranscriptStreams streams = TranscriptStreams.open(harness, config.transcriptItems());
			if (config.runs(Benchmark.TRANSCRIPT_PAGING)) {
				new TranscriptPagingBenchmark(harness, config, report).run(streams);
			}
			if (config.runs(Benchmark.TRANSCRIPT_EXPORT)) {
				new TranscriptExportBenchmark(harness, config, report).run(streams);
			}
			harness.emulator().reset();
		}
	}

	/**
	 * Run the benchmarks the configuration names, writing the table to {@code out} (when
	 * given) each time a benchmark has finished, so that a run stopped before its end
	 * leaves the figures it took, marked as incomplete.
	 * @param config sizes, counts and which benchmarks
	 * @param out where to write the Markdown table, or {@code null}
	 * @return the Markdown table
	 */
	static String run(BenchmarkConfig config, @Nullable Path out) throws Exception {
		Report report = new Report(config.name(), config.benchmarks());
		Checkpoint saved = () -> {
			if (out != null) {
				Files.writeString(out, report.markdown(), StandardCharsets.UTF_8);
			}
		};
		System.out.println("Benchmarks (" + config.name() + "): " + new java.util.TreeSet<>(config.benchmarks()));
		Set<Benchmark> onHarness = EnumSet.range(Benchmark.UPLOAD, Benchmark.TRANSCRIPT_EXPORT);
		onHarness.addAll(EnumSet.of(Benchmark.CHAT_DELIVERY, Benchmark.SCAN_VERDICT));
		if (config.benchmarks().stream().anyMatch(onHarness::contains)) {
			try (Harness harness = new Harness()) {
				AttachmentBenchmarks attachments = new AttachmentBenchmarks(harness, config, report);
				if (config.runs(Benchmark.UPLOAD)) {
					attachments.upload();
				}
				if (config.runs(Benchmark.DOWNLOAD)) {
					attachments.download();
				}
				saved.write();
				runTranscriptBenchmarks(harness, config, report);
				saved.write();
				if (config.runs(Benchmark.CONCURRENT_UPLOADS)) {
					attachments.concurrentUploads();
					saved.write();
				}
				if (config.runs(Benchmark.QUOTA_GOODPUT)) {
					new QuotaBenchmark(harness, config, report).run();
					saved.write();
				}
				if (config.runs(Benchmark.CHAT_DELIVERY)) {
					new ChatSessionBenchmark(harness, config, report).run();
					saved.write();
				}
				if (config.runs(Benchmark.SCAN_VERDICT)) {
					new ScanVerdictBenchmark(harness, config, report).run();
					saved.write();
				}
			}
		}
		if (config.runs(Benchmark.CHAT_IDLE_FOOTPRINT)) {
			// with its emulator forked and no harness in this JVM
			ChatFootprintBenchmark.run(config, report);
			saved.write();
		}
		if (config.runs(Benchmark.WEBSOCKET_PUSH)) {
			new SocketPushBenchmark(config, report).run();
			saved.write();
		}
		if (config.runs(Benchmark.START_UP)) {
			// last: the longest by far
			new StartupBenchmark(config, report).run();
		}
		report.finished();
		saved.write();
		if (out != null) {
			System.out.println("Written to " + out.toAbsolutePath());
		}
		return report.markdown();
	}

	/**
	 * Writes the results so far.
	 */
	@FunctionalInterface
	private interface Checkpoint {

		void write() throws IOException;

	}

}
