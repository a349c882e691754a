package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.github.connectparticipant.benchmarks.Report.f;

/**
 * The start-up benchmark's rounds from several results files taken together: every run of
 * the start-up benchmark writes each round's difference to the start without the starter,
 * so runs taken at different times (and in different phases of a shared machine's speed)
 * can be taken as one longer run. The main rows' medians and intervals are computed from
 * the rounds of all the files, as {@link StartupBenchmark} computes them from one run's.
 * <pre>
 * java -jar benchmarks/target/connect-participant-benchmarks.jar --pool-startup RESULTS.md,runs/2026-12-05T1112-start-up.md [--out FILE]
 * </pre>
 */
final class StartupPool {

	/**
	 * How a results file's line of per-round differences begins.
	 */
	static final String DIFFERENCES = "Per-round differences to \"without the starter\", ms: ";

	/**
	 * The variants of the main rows, as the differences line names them.
	 */
	static final List<String> POOLED = List.of("with the starter", "with the starter and the emulator");

	private static final Pattern NUMBER = Pattern.compile("[+-]\\d+(\\.\\d+)?");

	private StartupPool() {
	}

	/**
	 * Every round's difference to the start without the starter, each variant's in turn:
	 * the line {@link #parse(String)} reads back.
	 * @param uptimes the times to ready of each variant of the start-up benchmark, a
	 * round each
	 * @return the line, ending with a line break
	 */
	static String differencesLine(Map<String, List<Double>> uptimes) {
		List<Double> without = uptimes.get("without");
		return f(
				DIFFERENCES + "with the starter %s; with the starter and the emulator %s; with the "
						+ "starter's jars alone %s; with the starter declared first %s.%n",
				differences(uptimes.get("starter"), without), differences(uptimes.get("starter+emulator"), without),
				differences(uptimes.get("jars"), without), differences(uptimes.get("first"), without));
	}

	private static String differences(List<Double> a, List<Double> b) {
		return String.join(" ",
				StartupStatistics.pairedDifferences(a, b)
					.stream()
					.map((difference) -> f("%+.0f", difference))
					.toList());
	}

	/**
	 * The per-round differences of each variant in one results file.
	 * @param markdown the results file's text
	 * @return the differences in ms, by variant as the file names it, in its order
	 * @throws IllegalArgumentException when the text has no start-up differences or they
	 * cannot be read
	 */
	static Map<String, List<Double>> parse(String markdown) {
		String line = markdown.lines()
			.filter((candidate) -> candidate.startsWith(DIFFERENCES))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"no line starting '" + DIFFERENCES.strip() + "' (the start-up benchmark's per-round differences)"));
		String body = line.substring(DIFFERENCES.length()).strip();
		if (body.endsWith(".")) {
			body = body.substring(0, body.length() - 1);
		}
		Map<String, List<Double>> variants = new LinkedHashMap<>();
		for (String segment : body.split(";")) {
			List<String> name = new ArrayList<>();
			List<Double> differences = new ArrayList<>();
			for (String token : segment.strip().split("\\s+")) {
				if (NUMBER.matcher(token).matches()) {
					differences.add(Double.parseDouble(token));
				}
				else if (!differences.isEmpty()) {
					throw new IllegalArgumentException(
							"'" + token + "' among the differences of '" + String.join(" ", name) + "'");
				}
				else {
					name.add(token);
				}
			}
			if (name.isEmpty()) {
				throw new IllegalArgumentException("differences without a variant's name: '" + segment.strip() + "'");
			}
			variants.put(String.join(" ", name), differences);
		}
		for (String target : POOLED) {
			if (!variants.containsKey(target)) {
				throw new IllegalArgumentException(
						"no differences for '" + target + "' (found " + variants.keySet() + ")");
			}
		}
		return variants;
	}

	/**
	 * The main rows of each file and of all of them together, as Markdown.
	 * @param files results files written by the start-up benchmark
	 * @return a table: one row per file and a last row with the rounds pooled
	 */
	static String pool(List<Path> files) {
		if (files.isEmpty()) {
			throw new IllegalArgumentException("no results files to pool");
		}
		Map<String, List<Double>> pooled = new LinkedHashMap<>();
		StringBuilder table = new StringBuilder("| results | rounds | " + String.join(" | ", POOLED)
				+ " |\n| --- | --- |" + " --- |".repeat(POOLED.size()) + "\n");
		for (Path file : files) {
			Map<String, List<Double>> variants;
			try {
				variants = parse(Files.readString(file, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + file, ex);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
			}
			table.append(row(file.toString(), variants));
			for (String target : POOLED) {
				pooled.computeIfAbsent(target, (key) -> new ArrayList<>()).addAll(variants.get(target));
			}
		}
		table.append(row("all " + files.size() + " together", pooled));
		return table.toString();
	}

	private static String row(String label, Map<String, List<Double>> variants) {
		List<String> cells = new ArrayList<>();
		for (String target : POOLED) {
			cells.add(figure(variants.get(target)));
		}
		int rounds = variants.get(POOLED.get(0)).size();
		String roundsCell = POOLED.stream().allMatch((target) -> variants.get(target).size() == rounds)
				? Integer.toString(rounds) : String.join(", ",
						POOLED.stream().map((target) -> Integer.toString(variants.get(target).size())).toList());
		return f("| %s | %s | %s |%n", label, roundsCell, String.join(" | ", cells));
	}

	/**
	 * The median difference with its 95 % interval.
	 */
	static String figure(List<Double> differences) {
		double median = Measure.median(differences);
		double[] interval = Measure.medianInterval(differences);
		return Double.isNaN(interval[0]) ? f("%+.0f ms (too few rounds for a 95 %% interval)", median)
				: f("%+.0f ms (%+.0f to %+.0f ms)", median, interval[0], interval[1]);
	}

}
