package io.github.connectparticipant.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the verdicts of {@link Report}.
 */
class ReportTests {

	@Test
	void aTargetWrittenAtMostIsMetByTheLimitItself() {
		assertThat(Report.atMost(1.10, 1.10)).isEqualTo(Report.Verdict.MET);
		assertThat(Report.atMost(1.11, 1.10)).isEqualTo(Report.Verdict.MISSED);
	}

	@Test
	void aTargetWrittenBelowIsMissedByTheLimitItself() {
		assertThat(Report.below(149, 150)).isEqualTo(Report.Verdict.MET);
		assertThat(Report.below(150, 150)).isEqualTo(Report.Verdict.MISSED);
	}

	@Test
	void aTargetWrittenAtLeastIsMetByTheLimitItself() {
		assertThat(Report.atLeast(1.3, 1.3)).isEqualTo(Report.Verdict.MET);
		assertThat(Report.atLeast(1.29, 1.3)).isEqualTo(Report.Verdict.MISSED);
	}

}
