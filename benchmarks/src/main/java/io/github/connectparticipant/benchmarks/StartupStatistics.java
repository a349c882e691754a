package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.github.connectparticipant.benchmarks.Report.f;

/**
 * The start-up benchmark's figures from the rounds: the median of the per-round
 * differences between two variants with its 95 % interval, the share of the start without
 * the starter, and the cores a start used.
 */
final class StartupStatistics {

	private StartupStatistics() {
	}

	static double medianDifference(List<Double> a, List<Double> b) {
		return Measure.median(pairedDifferences(a, b));
	}

	/**
	 * The 95 % confidence interval of the median difference.
	 */
	static double[] medianInterval(List<Double> a, List<Double> b) {
		return Measure.medianInterval(pairedDifferences(a, b));
	}

	/**
	 * The 95 % confidence interval of the median difference, as text.
	 */
	static String interval(List<Double> a, List<Double> b) {
		double[] interval = medianInterval(a, b);
		return Double.isNaN(interval[0]) ? "too few rounds for a 95 % interval"
				: f("95 %% interval %+.0f to %+.0f ms", interval[0], interval[1]);
	}

	/**
	 * What {@code a} adds to {@code b} as a share of {@code b}, round by round: the
	 * median and its 95 % interval, as text. The machine's speed changes over time, and
	 * the starter's work, which is CPU work, takes longer in milliseconds when it is
	 * slower, as the whole start does; its share of the start changes less.
	 */
	static String share(List<Double> a, List<Double> b) {
		List<Double> shares = new ArrayList<>();
		for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
			shares.add((a.get(i) - b.get(i)) / b.get(i) * 100);
		}
		double[] interval = Measure.medianInterval(shares);
		return Double.isNaN(interval[0]) ? f("%+.1f %% of the start without the starter", Measure.median(shares))
				: f("%+.1f %% of the start without the starter (%+.1f to %+.1f %%)", Measure.median(shares),
						interval[0], interval[1]);
	}

	/**
	 * Each round's difference of {@code a} to {@code b}.
	 */
	static List<Double> pairedDifferences(List<Double> a, List<Double> b) {
		List<Double> differences = new ArrayList<>();
		for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
			differences.add(a.get(i) - b.get(i));
		}
		return differences;
	}

	/**
	 * Each start's cores used ({@link StartupWork#coresUsed(double)}), where the start
	 * reported its work.
	 */
	static List<Double> coresUsed(List<StartupWork> works, List<Double> uptimes) {
		List<Double> cores = new ArrayList<>();
		for (int i = 0; i < Math.min(works.size(), uptimes.size()); i++) {
			cores.add(works.get(i).coresUsed(uptimes.get(i)));
		}
		return cores;
	}

	/**
	 * One figure of every start's work.
	 */
	static List<Double> values(List<StartupWork> works, Function<StartupWork, Double> value) {
		return works.stream().map(value).toList();
	}

}
