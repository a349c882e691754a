package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The start-up benchmark's rounds read back from results files and pooled.
 */
class StartupPoolTests {

	@TempDir
	Path directory;

	@Test
	void readsBackTheDifferencesTheStartUpBenchmarkWrites() {
		Map<String, List<Double>> parsed = StartupPool.parse("# Benchmark results\n\n"
				+ StartupPool.differencesLine(uptimes(List.of(3000.0, 3100.0, 2900.0), List.of(3080.0, 3050.0, 3010.0),
						List.of(3150.0, 3100.0, 2950.0), List.of(2990.0), List.of(3200.0)))
				+ "\nThe row with the starter's jars alone ...\n");
		assertThat(parsed).containsOnlyKeys("with the starter", "with the starter and the emulator",
				"with the starter's jars alone", "with the starter declared first");
		assertThat(parsed.get("with the starter")).containsExactly(80.0, -50.0, 110.0);
		assertThat(parsed.get("with the starter and the emulator")).containsExactly(150.0, 0.0, 50.0);
		assertThat(parsed.get("with the starter's jars alone")).containsExactly(-10.0);
		assertThat(parsed.get("with the starter declared first")).containsExactly(200.0);
	}

	@Test
	void poolsTheRoundsOfEveryFileAndReportsThemWithoutATarget() throws IOException {
		Path quiet = results("quiet.md", 30, 80, 100);
		Path slow = results("slow.md", 40, 200, 260);
		String table = StartupPool.pool(List.of(quiet, slow));
		List<String> rows = table.lines().toList();
		assertThat(rows).hasSize(5);
		assertThat(rows.get(2))
			.isEqualTo("| " + quiet + " | 30 | +80 ms (+80 to +80 ms) | +100 ms (+100 to +100 ms) |");
		assertThat(rows.get(3)).startsWith("| " + slow + " | 40 | +200 ms (");
		// 30 rounds at +80 ms and 40 at +200 ms: the median of the 70 is +200 ms, and
		// its interval (ranks 27 and 44) runs from +80 to +200 ms
		assertThat(rows.get(4))
			.isEqualTo("| all 2 together | 70 | +200 ms (+80 to +200 ms) | +260 ms (+100 to +260 ms) |");
		assertThat(StartupPool.pool(List.of(quiet)))
			.contains("| all 1 together | 30 | +80 ms (+80 to +80 ms) | +100 ms (+100 to +100 ms) |");
	}

	@Test
	void aFileWithoutStartUpDifferencesIsRefusedByName() throws IOException {
		Path other = Files.writeString(this.directory.resolve("other.md"),
				"# Benchmark results\n\n| upload-20mb | upload |\n");
		assertThatIllegalArgumentException().isThrownBy(() -> StartupPool.pool(List.of(other)))
			.withMessageContaining("other.md")
			.withMessageContaining("per-round differences");
	}

	@Test
	void aDifferencesLineWithoutAPooledVariantIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StartupPool.parse(StartupPool.DIFFERENCES + "with the starter +1 +2."))
			.withMessageContaining("with the starter and the emulator");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StartupPool
				.parse(StartupPool.DIFFERENCES + "with the starter +1 x +2; with the starter and the emulator +3."))
			.withMessageContaining("'x'");
	}

	private Path results(String name, int rounds, double starterAdds, double emulatorAdds) throws IOException {
		List<Double> without = new ArrayList<>();
		List<Double> starter = new ArrayList<>();
		List<Double> emulator = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			without.add(3000.0 + round);
			starter.add(3000.0 + round + starterAdds);
			emulator.add(3000.0 + round + emulatorAdds);
		}
		return Files.writeString(this.directory.resolve(name), "# Benchmark results\n\n"
				+ StartupPool.differencesLine(uptimes(without, starter, emulator, List.of(), List.of())));
	}

	private static Map<String, List<Double>> uptimes(List<Double> without, List<Double> starter, List<Double> emulator,
			List<Double> jars, List<Double> first) {
		Map<String, List<Double>> uptimes = new LinkedHashMap<>();
		uptimes.put("without", without);
		uptimes.put("starter", starter);
		uptimes.put("starter+emulator", emulator);
		uptimes.put("jars", jars);
		uptimes.put("first", first);
		return uptimes;
	}

}
