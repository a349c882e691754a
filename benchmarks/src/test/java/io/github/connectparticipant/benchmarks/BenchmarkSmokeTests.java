package io.github.connectparticipant.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

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
		String markdown = BenchmarkMain.run(BenchmarkConfig.smoke(), out);
		assertThat(out).exists();
		assertThat(Files.readString(out)).isEqualTo(markdown);
		assertThat(markdown).contains("| date |", "| machine |", "| JDK |", "shared");
		for (int item = 1; item <= 8; item++) {
			assertThat(markdown).contains("| " + item + " |");
		}
		assertThat(markdown).contains("### 1. Upload", "### 2. Download", "### 3. Per-call", "### 4. Whole transcript",
				"### 5. Concurrent uploads", "### 6. Emulator throughput", "### 7. Goodput", "### 8. Export",
				"### 10. Chat WebSocket pushes");
		assertThat(markdown).contains("| 7 | default settings, one JVM |", "| 7 | replicas: raw SDK",
				"| 7 | replicas: default settings (adaptive) |", "| 7 | replicas: one bucket shared in Redis |");
		for (String item : new String[] { "### 3. Per-call", "### 4. Whole transcript" }) {
			String section = markdown.substring(markdown.indexOf(item));
			section = section.substring(0, section.indexOf("\n### ", 1));
			assertThat(section).as(item + " measured in a forked JVM")
				.contains("Measured in a JVM forked for this item");
		}
	}

}
