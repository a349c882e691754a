package io.github.connectparticipant.benchmarks;

import java.util.EnumSet;

import io.github.connectparticipant.benchmarks.Report.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the verdicts of {@link Report}.
 */
class ReportTests {

	/**
	 * A figure just under, at and just over its limit: the limit itself meets a target
	 * written "at most" or "at least" and misses one written "below".
	 */
	@ParameterizedTest(name = "{0} against {1}: at most {2}, below {3}, at least {4}")
	@CsvSource({ "1.09, 1.10, MET, MET, MISSED", "1.10, 1.10, MET, MISSED, MET", "1.11, 1.10, MISSED, MISSED, MET",
			"149, 150, MET, MET, MISSED", "150, 150, MET, MISSED, MET", "1.29, 1.3, MET, MET, MISSED",
			"1.3, 1.3, MET, MISSED, MET" })
	void verdictsAgainstALimit(double value, double limit, Verdict atMost, Verdict below, Verdict atLeast) {
		assertThat(Report.atMost(value, limit)).isEqualTo(atMost);
		assertThat(Report.below(value, limit)).isEqualTo(below);
		assertThat(Report.atLeast(value, limit)).isEqualTo(atLeast);
	}

	@Test
	void aMedianWithAnIntervalMeetsATargetWrittenBelowOnlyWhenTheWholeIntervalIsBelowIt() {
		assertThat(Report.below(82, new double[] { 58, 104 }, 150)).isEqualTo(Report.Verdict.MET);
		assertThat(Report.below(132, new double[] { -14, 260 }, 150)).isEqualTo(Report.Verdict.UNSETTLED);
		assertThat(Report.below(140, new double[] { 100, 150 }, 150)).isEqualTo(Report.Verdict.UNSETTLED);
		assertThat(Report.below(190, new double[] { 150, 314 }, 150)).isEqualTo(Report.Verdict.MISSED);
	}

	@Test
	void withoutAnIntervalTheMedianAloneDecides() {
		assertThat(Report.below(149, new double[] { Double.NaN, Double.NaN }, 150)).isEqualTo(Report.Verdict.MET);
		assertThat(Report.below(150, new double[] { Double.NaN, Double.NaN }, 150)).isEqualTo(Report.Verdict.MISSED);
	}

	@Test
	void stealIsItsShareOfTheTicksBetweenTwoReadings() {
		String before = "cpu  1000 10 200 5000 40 0 10 40 0 0";
		// 100 user, 0 nice, 20 system, 260 idle, 0 iowait, 0 irq, 0 softirq, 20 steal:
		// 400 ticks
		String after = "cpu  1100 10 220 5260 40 0 10 60 7 0";
		assertThat(Report.stealShare(before, after)).isEqualTo(0.05);
		assertThat(Report.stealShare(before, before)).isZero();
	}

	@Test
	void aLineThatIsNotTheMachinesCpuLineIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Report.stealShare("cpu0 1 2 3 4 5 6 7 8", "cpu0 1 2 3 4 5 6 7 8"))
			.withMessageContaining("not the cpu line of /proc/stat");
	}

	@Test
	void aTableWrittenBeforeTheRunEndsSaysSoAndNamesWhatIsNotYetRun() {
		Report report = new Report("full", EnumSet.of(Benchmark.UPLOAD, Benchmark.START_UP, Benchmark.SCAN_VERDICT));
		report.row(Benchmark.UPLOAD, "upload: time starter / baseline", "1.01", "<= 1.10", Verdict.MET);
		assertThat(report.markdown()).contains("| complete | **no**: written while the run went on; not yet run: "
				+ Benchmark.START_UP + ", " + Benchmark.SCAN_VERDICT + " |");
		report.finished();
		assertThat(report.markdown()).doesNotContain("| complete |")
			.contains("| upload-20mb | upload: time starter / baseline | 1.01 | <= 1.10 | met |");
	}

}
