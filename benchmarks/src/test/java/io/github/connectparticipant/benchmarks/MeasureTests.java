package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the statistics of {@link Measure}.
 */
class MeasureTests {

	@Test
	void medianIntervalTakesTheOrderStatisticsOfTheBinomialTable() {
		// the distribution-free 95 % interval of a median: ranks 10 and 22 of 31, 6 and
		// 16 of 21, 1 and 6 of 6
		assertThat(Measure.medianInterval(shuffled(31))).containsExactly(10.0, 22.0);
		assertThat(Measure.medianInterval(shuffled(21))).containsExactly(6.0, 16.0);
		assertThat(Measure.medianInterval(shuffled(6))).containsExactly(1.0, 6.0);
	}

	@Test
	void medianIntervalOfTooFewValuesIsUndefined() {
		assertThat(Measure.medianInterval(shuffled(5))).containsExactly(Double.NaN, Double.NaN);
	}

	@Test
	void medianIntervalCoversTheMedianAsOftenAsItClaims() {
		Random random = new Random(42);
		int covered = 0;
		int trials = 2000;
		for (int trial = 0; trial < trials; trial++) {
			List<Double> values = IntStream.range(0, 31).mapToObj((i) -> random.nextGaussian()).toList();
			double[] interval = Measure.medianInterval(values);
			if (interval[0] <= 0 && 0 <= interval[1]) {
				covered++;
			}
		}
		// ranks 10 and 22 of 31 cover the median with 97.1 % probability
		assertThat(covered / (double) trials).isBetween(0.955, 0.985);
	}

	@Test
	void roundsTakeEachRatioWithinItsRound() {
		Measure.Rounds rounds = new Measure.Rounds().addLines(List.of("starter 300 10 20 200", "raw 200 10 20 100",
				"starter 330 10 20 150", "raw 300 10 20 100", "starter 90 10 20 60", "raw 100 10 20 40"));
		// time: 1.5, 1.1, 0.9 by round; CPU: 2.0, 1.5, 1.5
		assertThat(rounds.timeRatios("starter", "raw")).containsExactly(1.5, 1.1, 0.9);
		assertThat(rounds.timeRatio("starter", "raw")).isEqualTo(1.1);
		assertThat(rounds.cpuRatio("starter", "raw")).isEqualTo(1.5);
		assertThat(Measure.Rounds.format(rounds.timeRatios("starter", "raw"))).isEqualTo("1.50 1.10 0.90");
		assertThat(rounds.timeRatioInterval("starter", "raw")).isEqualTo("too few rounds for a 95 % interval");
	}

	private static List<Double> shuffled(int n) {
		List<Double> values = new ArrayList<>(IntStream.rangeClosed(1, n).mapToObj((i) -> (double) i).toList());
		Collections.shuffle(values, new Random(n));
		return values;
	}

}
