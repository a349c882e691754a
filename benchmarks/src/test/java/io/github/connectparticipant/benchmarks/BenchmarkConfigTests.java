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
		BenchmarkConfig config = BenchmarkConfig.full().only(Set.of(Benchmark.START_UP)).withStartupRounds(21);
		assertThat(config.startupRounds()).isEqualTo(21);
		assertThat(config.benchmarks()).containsExactly(Benchmark.START_UP);
		assertThat(config.forks()).isEqualTo(BenchmarkConfig.full().forks());
	}

	@Test
	void benchmarksAreChosenByName() {
		assertThat(Benchmark.named("chat-delivery")).isEqualTo(Benchmark.CHAT_DELIVERY);
		assertThat(Benchmark.named("upload-20mb")).isEqualTo(Benchmark.UPLOAD);
		assertThatIllegalArgumentException().isThrownBy(() -> Benchmark.named("1"))
			.withMessageContaining("No benchmark named '1'")
			.withMessageContaining("start-up");
	}

	@Test
	void theSmokeRunLeavesOutOnlyTheStartUpBenchmark() {
		assertThat(BenchmarkConfig.smoke().benchmarks()).hasSize(Benchmark.values().length - 1)
			.doesNotContain(Benchmark.START_UP);
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
