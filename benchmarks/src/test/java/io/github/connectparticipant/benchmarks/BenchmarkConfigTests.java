package io.github.connectparticipant.benchmarks;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the run sizes of {@link BenchmarkConfig}.
 */
class BenchmarkConfigTests {

	@Test
	void startupRoundsCanBeChangedAndTheRestIsKept() {
		BenchmarkConfig config = BenchmarkConfig.full().only(Set.of(9)).withStartupRounds(21);
		assertThat(config.startupRounds()).isEqualTo(21);
		assertThat(config.items()).containsExactly(9);
		assertThat(config.forks()).isEqualTo(BenchmarkConfig.full().forks());
	}

	@Test
	void theFullRunStartsEnoughRoundsForAnIntervalOfTheStartUpDifference() {
		assertThat(BenchmarkConfig.full().startupRounds()).isGreaterThanOrEqualTo(61);
	}

	@Test
	void fewerThanOneStartupRoundIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkConfig.full().withStartupRounds(0))
			.withMessageContaining("--startup-rounds");
	}

}
