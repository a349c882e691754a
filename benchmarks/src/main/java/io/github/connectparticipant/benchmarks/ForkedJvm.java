package io.github.connectparticipant.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import io.github.connectparticipant.benchmarks.Measure.Rounds;

import static io.github.connectparticipant.benchmarks.Report.f;

/**
 * Runs the timed rounds of the per-call or the paging benchmark in JVMs of their own, one
 * after the other, as JMH forks a JVM for each benchmark: in the JVM that ran the uploads
 * and downloads first, the JIT has compiled the code these comparisons share with them
 * (the SDK client, the library's retries and observations) for their profile, and from
 * one JVM to the next it compiles the same code differently. Each fork runs
 * {@code BenchmarkMain --only NAME --samples-out FILE} with this JVM's class path and
 * heap settings ({@link #writeSamples}); the forks' rounds are pooled. The other JVMs the
 * benchmarks start (the quota benchmark's replicas, the start-up benchmark's
 * applications) take their class path from here too ({@link #classpath()}).
 */
final class ForkedJvm {

	private static final long FORK_TIMEOUT_MINUTES = 10;

	private ForkedJvm() {
	}

	/**
	 * The pooled rounds of a benchmark measured in {@code forks} JVMs, one after the
	 * other.
	 * @param config the run's configuration, passed on as {@code --smoke} when it is
	 * @param benchmark the per-call or the paging benchmark
	 * @param forks how many JVMs
	 * @return the rounds of every fork
	 */
	static Rounds rounds(BenchmarkConfig config, Benchmark benchmark, int forks) throws Exception {
		Rounds pooled = new Rounds();
		for (int fork = 1; fork <= forks; fork++) {
			Path samples = Files.createTempFile("connect-participant-benchmark-" + benchmark + "-", ".txt");
			try {
				List<String> command = new ArrayList<>(List.of(java()));
				command.addAll(heapSettings());
				command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkMain.class.getName()));
				if ("smoke".equals(config.name())) {
					// before --only, which narrows the configuration --smoke chooses
					command.add("--smoke");
				}
				command.addAll(List.of("--only", benchmark.label(), "--samples-out", samples.toString()));
				System.out.println(benchmark + ": fork " + fork + " of " + forks);
				Process process = new ProcessBuilder(command).inheritIO().start();
				if (!process.waitFor(FORK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
					process.destroyForcibly();
					throw new IllegalStateException("the JVM forked for " + benchmark + " did not finish within "
							+ FORK_TIMEOUT_MINUTES + " minutes");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(
							"the JVM forked for " + benchmark + " exited with " + process.exitValue());
				}
				List<String> lines = Files.readAllLines(samples, StandardCharsets.UTF_8);
				if (lines.isEmpty()) {
					throw new IllegalStateException("the JVM forked for " + benchmark + " wrote no samples");
				}
				pooled.addLines(lines);
			}
			finally {
				Files.deleteIfExists(samples);
			}
		}
		return pooled;
	}

	/**
	 * In a JVM forked for the per-call or the paging benchmark (whichever the
	 * configuration runs): measure its timed rounds, and write the samples to the file
	 * for the JVM that forked this one.
	 * @param harness the harness of this JVM
	 * @param config the configuration this JVM was started with
	 * @param out where the samples go
	 */
	static void writeSamples(Harness harness, BenchmarkConfig config, Path out) throws Exception {
		boolean perCall = config.runs(Benchmark.TRANSCRIPT_PER_CALL);
		if (perCall == config.runs(Benchmark.TRANSCRIPT_PAGING)) {
			throw new IllegalArgumentException("a forked JVM measures " + Benchmark.TRANSCRIPT_PER_CALL + " or "
					+ Benchmark.TRANSCRIPT_PAGING + ": " + config.benchmarks());
		}
		// the rows and sections are written by the JVM that forked this one
		Report unused = new Report(config.name());
		if (perCall) {
			TranscriptPerCallBenchmark benchmark = new TranscriptPerCallBenchmark(harness, config, unused);
			TranscriptPage.with(harness,
					(page) -> Files.write(out, benchmark.rounds(page).toLines(), StandardCharsets.UTF_8));
		}
		else {
			TranscriptStreams streams = TranscriptStreams.open(harness, config.transcriptItems());
			Files.write(out, new TranscriptPagingBenchmark(harness, config, unused).rounds(streams).toLines(),
					StandardCharsets.UTF_8);
			harness.emulator().reset();
		}
	}

	/**
	 * How a comparison measured in forked JVMs was measured, as the first sentences of
	 * its section.
	 * @param config the run's configuration
	 * @param forks how many JVMs measured it, 0 when this JVM did
	 * @return the text
	 */
	static String measurement(BenchmarkConfig config, int forks) {
		String warmup = config.forkWarmup().isZero() ? ""
				: f("Warm-up rounds run for at least %d s before the rounds kept, as JMH warms up for a time: the JIT "
						+ "compiles a method with its optimizing compiler only after some thousands of calls, and with "
						+ "a few warm-up rounds the library's and Micrometer's code, which only the starter's variant "
						+ "calls, was still compiled for profiling when the kept rounds began, while the SDK's code, "
						+ "which every variant calls, was optimized. ", config.forkWarmup().toSeconds());
		return ((forks > 0) ? f("Measured in %s forked for this benchmark alone, as JMH forks a JVM for each "
				+ "benchmark: a JVM that has run the other benchmarks first keeps the JIT's profile of their code paths "
				+ "(the SDK client and the library's retry and observation code are shared with the attachment "
				+ "transfers), and how the JIT compiles the same code differs from one JVM to the next; the forks' "
				+ "rounds are pooled and the figures are medians over all of them. ",
				(forks == 1) ? "a JVM" : forks + " JVMs, one after the other,")
				: "Measured in the JVM of the other benchmarks. ") + warmup;
	}

	/**
	 * This JVM's class path, with a single manifest-only jar (as {@code java -jar} and
	 * Surefire use) expanded into its {@code Class-Path}: what a JVM started with this
	 * one's classes and libraries is given.
	 */
	static List<String> classpath() throws IOException {
		List<String> entries = new ArrayList<>(
				List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
		List<String> expanded = new ArrayList<>();
		for (String entry : entries) {
			expanded.add(entry);
			if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
				try (JarFile jar = new JarFile(entry)) {
					String manifestPath = (jar.getManifest() != null)
							? jar.getManifest().getMainAttributes().getValue("Class-Path") : null;
					if (manifestPath != null) {
						URI base = Path.of(entry).toAbsolutePath().getParent().toUri();
						for (String item : manifestPath.trim().split("\\s+")) {
							try {
								URI uri = item.startsWith("file:") ? new URI(item) : base.resolve(item);
								expanded.add(Path.of(uri).toString());
							}
							catch (URISyntaxException | IllegalArgumentException ex) {
								throw new IllegalStateException("Class-Path entry " + item, ex);
							}
						}
					}
				}
			}
		}
		return expanded.stream().distinct().toList();
	}

	/**
	 * The {@code java} launcher of this JVM.
	 */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static List<String> heapSettings() {
		return ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((argument) -> argument.startsWith("-Xms") || argument.startsWith("-Xmx"))
			.toList();
	}

}
