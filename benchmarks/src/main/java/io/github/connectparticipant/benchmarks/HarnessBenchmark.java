package io.github.connectparticipant.benchmarks;

/**
 * A benchmark that runs in this JVM on the one {@link Harness} the in-process benchmarks
 * share, sized by the run's configuration, its rows and sections written to the run's
 * report.
 */
abstract class HarnessBenchmark {

	protected final Harness harness;

	protected final BenchmarkConfig config;

	protected final Report report;

	HarnessBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		this.harness = harness;
		this.config = config;
		this.report = report;
	}

}
