package io.github.connectparticipant.benchmarks;

import java.util.Map;

import io.github.connectparticipant.benchmarks.app.MinimalApp;

/**
 * The start-up benchmark: time to ready of an application with and without the starter,
 * each start a new JVM, the variants interleaved round by round.
 * <p>
 * The application is {@link MinimalApp} (web + Actuator, the sample app's stack) started
 * with three class paths: without the starter's jars, with the starter but without the
 * emulator's jar, and with both (the embedded emulator then starts), the starter's jars
 * after the others as Maven orders them when a pom declares the starter after Spring
 * Boot's starters, as the sample app's does; once more with the starter's jars but its
 * auto-configurations excluded, which tells what its jars cost by being on the class path
 * from what its beans cost; and once with the starter declared first, as this module's
 * pom declares it, which puts its jars ahead of most of Spring's. When the sample app's
 * jar has been built, it is started too, with its embedded emulator and without. "Ready"
 * is Boot's {@code Started ... (process running for N seconds)} line: the JVM's uptime
 * when the application has started.
 * <p>
 * The variants and their launches are {@link StartupVariants}, the order of the starts
 * {@link StartupSchedule}, the figures {@link StartupStatistics} and the rows and the
 * section {@link StartupReport}.
 */
final class StartupBenchmark {

	private final int rounds;

	private final Report report;

	StartupBenchmark(BenchmarkConfig config, Report report) {
		this.rounds = config.startupRounds();
		this.report = report;
	}

	void run() throws Exception {
		try (StartupVariants variants = StartupVariants.create()) {
			StartupSchedule schedule = StartupSchedule.of(this.rounds, variants.oneCore().isPresent(),
					variants.sampleApp());
			StartupResults results = new StartupResults(variants.names());
			for (int round = -1; round < schedule.rounds(); round++) {
				for (String name : schedule.startsInRound(round)) {
					results.add(name, variants.launch(name).start(), round >= 0);
				}
			}
			verify(results.checks(), variants.oneCore().isPresent());
			StartupReport.write(this.report, variants, schedule, results);
		}
	}

	/**
	 * Check that each variant started what it stands for: the starter's beans or none,
	 * the embedded emulator or not, as each start said it did.
	 */
	private static void verify(Map<String, String> checks, boolean oneCore) {
		String without = checks.get("without");
		String starter = checks.get("starter");
		String emulator = checks.get("starter+emulator");
		String jars = checks.get("jars");
		String first = checks.get("first");
		if (first == null || first.contains("starterBeans=0") || !first.contains("emulator=false") || without == null
				|| !without.contains("starterBeans=0") || starter == null || starter.contains("starterBeans=0")
				|| !starter.contains("emulator=false") || emulator == null || !emulator.contains("emulator=true")
				|| jars == null || !jars.contains("starterBeans=0") || !jars.contains("emulator=false")) {
			throw new IllegalStateException("the start-up variants did not start what they should: " + checks);
		}
		if (oneCore && (checks.get("without/1") == null || !checks.get("without/1").contains("starterBeans=0")
				|| checks.get("starter/1") == null || checks.get("starter/1").contains("starterBeans=0"))) {
			throw new IllegalStateException(
					"the start-up variants on one core did not start what they should: " + checks);
		}
	}

}
