package io.github.connectparticipant.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.benchmarks.Measure.Rounds;

/**
 * Runs the timed rounds of the per-call or the paging benchmark in JVMs of their own, one
 * after the other, as JMH forks a JVM for each benchmark: in the JVM that ran the uploads
 * and downloads first, the JIT has compiled the code these comparisons share with them
 * (the SDK client, the library's retries and observations) for their profile, and from
 * one JVM to the next it compiles the same code differently. Each fork runs
 * {@code BenchmarkMain --only NAME --samples-out FILE} with this JVM's class path and
 * heap settings; the forks' rounds are pooled.
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
