package io.github.connectparticipant.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every in-process benchmark once, at a small size, so that the default build proves the
 * harness works without spending minutes on measurements (the full run is
 * {@code -Pbench}).
 */
class BenchmarkSmokeTests {

	@Test
	// a bound for a busy machine: the quota benchmark starts three replica JVMs with an
	// application context per
	// variant, and a redis-server
	@Timeout(600)
	void everyBenchmarkRunsAndTheTableIsWritten(@TempDir Path directory) throws Exception {
		Path out = directory.resolve("RESULTS.md");
		Set<Benchmark> benchmarks = EnumSet.copyOf(BenchmarkConfig.smoke().benchmarks());
		// each with a smoke test of its own
		benchmarks.removeAll(ChatBenchmarkSmokeTests.CHAT);
		String markdown = BenchmarkMain.run(BenchmarkConfig.smoke().only(benchmarks), out);
		assertThat(out).exists();
		assertThat(Files.readString(out)).isEqualTo(markdown);
		assertThat(markdown).contains("| date |", "| machine |", "| JDK |", "shared");
		for (Benchmark benchmark : benchmarks) {
			assertThat(markdown).contains("| " + benchmark.label() + " |", "### " + benchmark.label() + ": ");
		}
		assertThat(markdown).contains("### upload-20mb: Upload", "### download-20mb: Download",
				"### transcript-per-call: Per-call", "### transcript-paging: Whole transcript",
				"### concurrent-uploads: Concurrent uploads", "### emulator-throughput: Emulator throughput",
				"### quota-goodput: Goodput", "### transcript-export: Export",
				"### websocket-push: Chat WebSocket pushes");
		assertThat(markdown).contains("| quota-goodput | default settings, one JVM |",
				"| quota-goodput | replicas: raw SDK", "| quota-goodput | replicas: default settings (adaptive) |",
				"| quota-goodput | replicas: one bucket shared in Redis |");
		for (String heading : new String[] { "### transcript-per-call: ", "### transcript-paging: " }) {
			String section = markdown.substring(markdown.indexOf(heading));
			section = section.substring(0, section.indexOf("\n### ", 1));
			assertThat(section).as(heading + " measured in a forked JVM")
				.contains("Measured in a JVM forked for this benchmark");
		}
	}

}
