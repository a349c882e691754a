package io.github.connectparticipant.benchmarks;

import java.util.List;

import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.StartupStatistics.coresUsed;
import static io.github.connectparticipant.benchmarks.StartupStatistics.interval;
import static io.github.connectparticipant.benchmarks.StartupStatistics.medianDifference;
import static io.github.connectparticipant.benchmarks.StartupStatistics.share;
import static io.github.connectparticipant.benchmarks.StartupStatistics.values;

/**
 * The start-up benchmark's rows and section: what the starter adds to the time to ready
 * and to the work of a start, with their intervals, and a table of every variant.
 */
final class StartupReport {

	private StartupReport() {
	}

	/**
	 * Write the rows and the section of a run.
	 * @param report where they go
	 * @param variants the variants started
	 * @param schedule which started in which round
	 * @param results what the starts measured
	 */
	static void write(Report report, StartupVariants variants, StartupSchedule schedule, StartupResults results) {
		addsRow(report, results, "start-up: the starter adds (emulator jar excluded)", "starter", true);
		addsRow(report, results, "start-up: the starter + embedded emulator add", "starter+emulator", true);
		addsRow(report, results, "start-up: of which the starter's jars alone (auto-configuration excluded)", "jars",
				false);
		workRow(report, "start-up work: the starter adds (emulator jar excluded)", results.works("starter"),
				results.works("without"));
		workRow(report, "start-up work: the starter + embedded emulator add", results.works("starter+emulator"),
				results.works("without"));
		if (variants.oneCore().isPresent()) {
			List<Double> oneCoreWithout = results.uptimes("without/1");
			List<Double> oneCoreStarter = results.uptimes("starter/1");
			report.row(Benchmark.START_UP, "start-up on one core (`taskset`): the starter adds (emulator jar excluded)",
					f("%+.0f ms (%s); %s; a start without the starter takes %s",
							medianDifference(oneCoreStarter, oneCoreWithout), interval(oneCoreStarter, oneCoreWithout),
							share(oneCoreStarter, oneCoreWithout), millis(Measure.median(oneCoreWithout))),
					"", Report.Verdict.INFO);
		}
		addsRow(report, results,
				"start-up: the starter declared before Boot's starters instead (its jars ahead of Spring's)", "first",
				false);
		report.section(Benchmark.START_UP, "Start-up", section(variants, schedule, results));
	}

	/**
	 * A row of what a variant adds to the time to ready: the median of the per-round
	 * differences and its interval, with {@code withShare} its share of the start too.
	 * The rows have no target: what the starter adds is reported, not judged.
	 */
	private static void addsRow(Report report, StartupResults results, String figure, String variant,
			boolean withShare) {
		List<Double> with = results.uptimes(variant);
		List<Double> without = results.uptimes("without");
		String adds = f("%+.0f ms (%s)", medianDifference(with, without), interval(with, without));
		report.row(Benchmark.START_UP, figure, withShare ? adds + "; " + share(with, without) : adds, "(reported)",
				Report.Verdict.INFO);
	}

	private static String section(StartupVariants variants, StartupSchedule schedule, StartupResults results) {
		StringBuilder table = new StringBuilder(f("Each start is a new JVM (`java -cp ... MinimalApp`, default JVM "
				+ "flags, `--server.port=0`); %d rounds after a warm-up round, the variants' order rotating: the three "
				+ "that the main rows compare in every round, the rows that explain the starter's "
				+ "figure (its jars alone, the starter declared first and, where `taskset` can pin a process to one "
				+ "core, the start without and with the starter on one core) in the first %d of them, and the sample app's "
				+ "rows in the first %d. \"Ready\" "
				+ "is the JVM's uptime in Boot's `Started ... (process running for N)` line; \"wall\" is the time from "
				+ "launching the process to that line. The application is a web application with Actuator (the "
				+ "sample app's stack) that does not use the starter's beans, so the same code starts with and "
				+ "without the starter; without it, %d jars are left out (those under %s), and with the "
				+ "starter but without the emulator, the emulator's jar is. With the starter, its jars come after "
				+ "the application's others, as Maven orders them when a pom declares the starter after Spring Boot's "
				+ "starters (as the sample app's does), and the emulator's after them; the row \"declared before Boot's "
				+ "starters\" declares it first instead (this module's own pom), which puts its jars ahead of most of "
				+ "Spring's. The differences are " + "medians of the per-round differences.%n%n", schedule.rounds(),
				schedule.explanatoryRounds(), schedule.sampleRounds(), variants.classpaths().starterJars(),
				String.join(", ", StartupClasspaths.STARTER_JARS.stream().map((group) -> "`" + group + "`").toList())));
		table.append("| application | ready (median) | wall (median) | added to \"without the starter\" (on one core: "
				+ "to its row) | CPU time, all threads (median) | cores used (median) | what started |\n"
				+ "| --- | --- | --- | --- | --- | --- | --- |\n");
		for (String name : variants.names()) {
			boolean work = StartupWork.complete(results.works(name));
			table.append(f("| %s | %s | %s | %s | %s | %s | %s |%n", label(name, variants.oneCore().orElse("")),
					millis(Measure.median(results.uptimes(name))), millis(Measure.median(results.walls(name))),
					name.startsWith("without") ? ""
							: f("%+.0f ms", medianDifference(results.uptimes(name), results.uptimes(baseline(name)))),
					work ? millis(Measure.median(values(results.works(name), StartupWork::cpuMillis))) : "",
					work ? f("%.2f", Measure.median(coresUsed(results.works(name), results.uptimes(name)))) : "",
					results.checks().getOrDefault(name, "")));
		}
		table.append("\n").append(StartupPool.differencesLine(results.uptimes()));
		if (variants.oneCore().isPresent()) {
			table.append(f("%nThe rows on one core start the same application pinned to one of the machine's %d "
					+ "cores, so that the JVM's threads (the main thread, the JIT compilers', the garbage collector's) "
					+ "take turns on it, as they do on a machine that gives the JVM less than its cores: what the "
					+ "starter adds then, in milliseconds and as a share of the start.%n",
					Runtime.getRuntime().availableProcessors()));
		}
		table.append(f("%nThe rows \"start-up work\" and the CPU column give what each start reported right after "
				+ "Boot's `Started` line: the CPU time of all the JVM's threads up to then (the JIT compilers' and the "
				+ "garbage collector's included), the main thread's, the classes loaded and the bytes the main thread "
				+ "allocated, as medians of the per-round differences. They count the work the starter adds whatever "
				+ "share of the machine the start was given; \"cores used\" (a start's CPU time over its time to "
				+ "ready) tells how much of the machine's %d cores the starts had. The JIT compilers' threads run "
				+ "beside the main thread, so a start at full speed keeps more than one core busy; when the machine "
				+ "gives the JVM less, their work and the main thread's take turns, and the time to ready grows by "
				+ "more than the main thread's own work.%n", Runtime.getRuntime().availableProcessors()));
		table.append(f("%nThe row with the starter's jars alone has them on the class path (the starter's own, Spring "
				+ "Retry, the AWS SDK's modules and its HTTP clients) with the starter's auto-configurations excluded "
				+ "(`spring.autoconfigure.exclude`), so none of its beans is created; Boot still runs the starter's "
				+ "background pre-initializer. What it adds is what the jars cost by being there: every class and "
				+ "resource the application looks up in a jar after them, and every lookup of one that is not there "
				+ "at all (Boot's class conditions), searches them too. The difference between that row and the "
				+ "starter's is what the auto-configuration's work adds. Where the jars are matters for the first "
				+ "kind of lookup: declared before Boot's starters, the starter's 36 jars come ahead of most of Spring "
				+ "Framework's and of Tomcat's, Jackson's and Micrometer's, and every class the application loads from "
				+ "those is searched for in the starter's jars first.%n"));
		table.append(f("%nOne start's time to ready varies by about a tenth from one start to the next on this "
				+ "machine (the JVM's own work varies, and so does the CPU time a shared machine gives it), which is "
				+ "more than the starter adds; the interval given with each median difference is its 95 %% "
				+ "confidence interval from the rounds (distribution-free, from the order statistics). The rows have no "
				+ "target: the figure and its interval are reported as measured.%n"));
		if (!variants.sampleApp()) {
			table.append("\nThe sample app's jar (`sample-app/target/connect-participant-sample-app-*.jar`) was not "
					+ "built when this ran, so only the minimal application was measured; build it first "
					+ "(`./mvnw -B -pl sample-app -am package -DskipTests`) to add its rows.\n");
		}
		else {
			table.append("\nThe sample app cannot start without the starter (its controllers use the starter's "
					+ "beans), so its rows are compared with the minimal application without the starter measured in "
					+ "the same rounds: the difference includes the sample's own controllers, page and Amazon Connect "
					+ "client, and `java -jar`'s nested-jar class loading.\n");
		}
		return table.toString();
	}

	/**
	 * What a variant starts, as its row in the section's table names it.
	 */
	private static String label(String name, String oneCore) {
		return switch (name) {
			case "without" -> "web + Actuator, without the starter";
			case "starter" -> "the same with the starter, emulator jar excluded (`region` set)";
			case "starter+emulator" -> "the same with the starter and the emulator (embedded emulator started)";
			case "jars" -> "the same with the starter's jars, its auto-configurations excluded (emulator jar excluded)";
			case "first" -> "the same with the starter declared before Boot's starters: its jars ahead of Spring's "
					+ "(emulator jar excluded, `region` set)";
			case "without/1" -> "web + Actuator without the starter, on one core (`taskset -c " + oneCore + "`)";
			case "starter/1" -> "the same with the starter, on one core (emulator jar excluded, `region` set)";
			case "sample+emulator" -> "sample app (`java -jar`), embedded emulator";
			case "sample" -> "sample app (`java -jar`), emulator off (`region` and the Connect instance set)";
			default -> throw new IllegalArgumentException("No start-up variant named " + name);
		};
	}

	/**
	 * The variant a variant's row is compared with: the start without the starter, on one
	 * core for the variants on one core.
	 */
	static String baseline(String name) {
		return name.endsWith("/1") ? "without/1" : "without";
	}

	/**
	 * A row of what a variant adds to the start's work, when the application reported it.
	 */
	private static void workRow(Report report, String figure, List<StartupWork> with, List<StartupWork> without) {
		if (!StartupWork.complete(with) || !StartupWork.complete(without)) {
			return;
		}
		List<Double> cpu = values(with, StartupWork::cpuMillis);
		List<Double> cpuWithout = values(without, StartupWork::cpuMillis);
		report.row(Benchmark.START_UP, figure,
				f("%+.0f ms of CPU time, all threads (%s), of which %+.0f ms on the main thread; %+.0f classes "
						+ "loaded; %s more allocated by the main thread", medianDifference(cpu, cpuWithout),
						interval(cpu, cpuWithout),
						medianDifference(values(with, StartupWork::mainCpuMillis),
								values(without, StartupWork::mainCpuMillis)),
						medianDifference(values(with, StartupWork::classes), values(without, StartupWork::classes)),
						Report.bytes(medianDifference(values(with, StartupWork::mainAllocatedBytes),
								values(without, StartupWork::mainAllocatedBytes)))),
				"", Report.Verdict.INFO);
	}

}
