package io.github.connectparticipant.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Runs the benchmarks of issue 6 side by side in this JVM (the timed rounds of items 3
 * and 4 in JVMs forked for each, see {@link ForkedJvm}), prints the table and, with
 * {@code --out FILE}, writes it as Markdown. <pre>
 * java -Xms1g -Xmx1g -jar benchmarks/target/connect-participant-benchmarks.jar [--out FILE] [--smoke] [--only 1,3,9]
 *     [--startup-rounds N]
 * java -jar benchmarks/target/connect-participant-benchmarks.jar --pool-startup FILE,FILE... [--out FILE]
 * </pre> The second form runs nothing: it pools item 9's rounds from results files
 * written before ({@link StartupPool}).
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
				// what a JVM forked for item 3 or 4 is started with (ForkedJvm)
				case "--samples-out" -> samplesOut = Path.of(args[++i]);
				case "--smoke" -> config = BenchmarkConfig.smoke();
				case "--only" -> config = config.only(Arrays.stream(args[++i].split(","))
					.map(String::trim)
					.map(Integer::valueOf)
					.collect(Collectors.toSet()));
				case "--startup-rounds" -> startupRounds = Integer.parseInt(args[++i]);
				case "--pool-startup" -> pool = Arrays.stream(args[++i].split(","))
					.map(String::trim)
					.filter((name) -> !name.isEmpty())
					.map(Path::of)
					.toList();
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]
						+ "; use [--out FILE] [--smoke] [--only 1,2,...] [--startup-rounds N], or --pool-startup FILE,... "
						+ "[--out FILE]");
			}
		}
		if (pool != null) {
			String table = "Item 9's target rows, the median of the per-round differences to the start without the "
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
				new TranscriptBenchmarks(harness, config, new Report(config.name())).writeSamples(samplesOut);
			}
		}
		else {
			run(config, out);
		}
		System.exit(0);
	}

	/**
	 * Run the benchmarks the configuration names.
	 * @param config sizes, counts and which benchmarks
	 * @param out where to write the Markdown table, or {@code null}
	 * @return the Markdown table
	 */
	static String run(BenchmarkConfig config, @Nullable Path out) throws Exception {
		Report report = new Report(config.name());
		System.out.println("Benchmarks (" + config.name() + "): " + new java.util.TreeSet<>(config.items()));
		Set<Integer> inProcess = Set.of(1, 2, 3, 4, 5, 6, 7, 8);
		if (config.items().stream().anyMatch(inProcess::contains)) {
			try (Harness harness = new Harness()) {
				AttachmentBenchmarks attachments = new AttachmentBenchmarks(harness, config, report);
				TranscriptBenchmarks transcripts = new TranscriptBenchmarks(harness, config, report);
				if (config.runs(1)) {
					attachments.upload();
				}
				if (config.runs(2)) {
					attachments.download();
				}
				if (config.runs(3) || config.runs(6)) {
					transcripts.perCall(config.runs(3), config.runs(6));
				}
				if (config.runs(4) || config.runs(8)) {
					transcripts.wholeTranscript(config.runs(4), config.runs(8));
				}
				if (config.runs(5)) {
					attachments.concurrentUploads();
				}
				if (config.runs(7)) {
					new QuotaBenchmark(harness, config, report).run();
				}
			}
		}
		if (config.runs(9)) {
			new StartupBenchmark(config, report).run();
		}
		if (config.runs(10)) {
			new SocketPushBenchmark(config, report).run();
		}
		String markdown = report.markdown();
		if (out != null) {
			Files.writeString(out, markdown, StandardCharsets.UTF_8);
			System.out.println("Written to " + out.toAbsolutePath());
		}
		return markdown;
	}

}
