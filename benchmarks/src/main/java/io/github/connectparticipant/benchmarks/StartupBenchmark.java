package io.github.connectparticipant.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.connectparticipant.benchmarks.Report.Verdict;
import io.github.connectparticipant.benchmarks.app.MinimalApp;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;

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
 */
final class StartupBenchmark {

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");

	/**
	 * Path parts (repository layout) of the jars that come with the starter and the
	 * emulator.
	 */
	private static final List<String> STARTER_JARS = List.of("/io/github/connectparticipant/", "/software/amazon/",
			"/org/springframework/retry/", "/org/apache/httpcomponents/", "/commons-codec/", "/org/reactivestreams/");

	/**
	 * Path parts of the jars only the quota benchmark's shared bucket needs (Spring Data
	 * Redis, Lettuce and Bucket4j): left out of every start, whose applications use none.
	 */
	private static final List<String> SHARED_BUCKET_JARS = List.of("/org/springframework/data/", "/io/lettuce/",
			"/com/bucket4j/", "/io/netty/", "/io/projectreactor/", "/redis/clients/",
			"/org/springframework/boot/spring-boot-data-", "/org/springframework/boot/spring-boot-starter-data-redis/",
			"/org/springframework/boot/spring-boot-netty/");

	private static final String EMULATOR_JAR = "/io/github/connectparticipant/connect-participant-emulator/";

	/**
	 * Path part of Spring Framework's context jar, which holds much of what a Boot
	 * application loads.
	 */
	private static final String SPRING_CONTEXT_JAR = "/org/springframework/spring-context/";

	private static final String TASKSET = "/usr/bin/taskset";

	/** Rounds in which the sample app is started too (its rows have no target). */
	private static final int SAMPLE_APP_ROUNDS = 7;

	/**
	 * Rounds in which the variants without a target (the starter's jars alone, the
	 * starter declared first) are started too: enough for their intervals, and the rounds
	 * after them start only the three variants the targets compare, so that more of those
	 * fit in a run of the same length.
	 */
	private static final int EXPLANATORY_ROUNDS = 41;

	/** The variants the targets compare, started in every round. */
	private static final List<String> COMPARED = List.of("without", "starter", "starter+emulator");

	/** The variants without a target that explain the starter's figure. */
	private static final List<String> EXPLANATORY = List.of("jars", "first");

	/**
	 * The variants started pinned to one core, in the explanatory rounds, where
	 * {@code taskset} can pin a process: the start without the starter and with it.
	 */
	private static final List<String> ONE_CORE = List.of("without/1", "starter/1");

	/** The sample app's variants. */
	private static final List<String> SAMPLE = List.of("sample+emulator", "sample");

	private final BenchmarkConfig config;

	private final Report report;

	StartupBenchmark(BenchmarkConfig config, Report report) {
		this.config = config;
		this.report = report;
	}

	void run() throws Exception {
		// The application's classes on their own: this module's jar names every library
		// in its manifest.
		Path app = applicationClasses();
		try {
			run(app);
		}
		finally {
			try (Stream<Path> files = Files.walk(app)) {
				for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private void run(Path app) throws Exception {
		List<String> classpath = new ArrayList<>(List.of(app.toString()));
		classpath.addAll(classpath().stream()
			.filter((entry) -> !isThisModule(entry))
			.filter((entry) -> SHARED_BUCKET_JARS.stream().noneMatch(entry.replace('\\', '/')::contains))
			.toList());
		List<String> without = classpath.stream().filter((entry) -> !isStarterJar(entry)).toList();
		List<String> emulatorJar = classpath.stream().filter(StartupBenchmark::isEmulatorJar).toList();
		if (without.size() == classpath.size() || emulatorJar.isEmpty()) {
			throw new IllegalStateException("the starter's jars were not found on the class path: " + classpath);
		}
		// The starter declared after Boot's starters, as the sample app declares it:
		// Maven puts its jars after
		// Spring's, and the emulator's after the starter's.
		List<String> noEmulator = classpath.stream().filter((entry) -> !isEmulatorJar(entry)).toList();
		List<String> starter = declaredLast(noEmulator, StartupBenchmark::isStarterJar);
		List<String> starterAndEmulator = new ArrayList<>(starter);
		starterAndEmulator.addAll(emulatorJar);
		// The starter declared before Boot's starters, as this module declares it: Maven
		// puts its jars ahead of most
		// of Spring's, and every lookup of a Spring class in a jar after them searches
		// them first.
		List<String> declaredFirst = noEmulator;
		requireAheadOfSpring(declaredFirst);
		Map<String, Launch> variants = new LinkedHashMap<>();
		variants.put("without", new Launch(javaCommand(without, MinimalApp.class.getName()), List.of()));
		variants.put("starter", new Launch(javaCommand(starter, MinimalApp.class.getName()),
				List.of("--connect.participant.region=us-east-1")));
		variants.put("starter+emulator",
				new Launch(javaCommand(starterAndEmulator, MinimalApp.class.getName()), List.of()));
		// the starter's jars on the class path doing nothing: what part of the start-up
		// the starter adds is its
		// jars' (the AWS SDK's modules) being on the class path at all, and what part its
		// auto-configuration's work
		variants.put("jars", new Launch(javaCommand(starter, MinimalApp.class.getName()),
				List.of("--spring.autoconfigure.exclude=" + String.join(",", starterAutoConfigurations()))));
		variants.put("first", new Launch(javaCommand(declaredFirst, MinimalApp.class.getName()),
				List.of("--connect.participant.region=us-east-1")));
		Optional<String> core = oneCore();
		core.ifPresent((cpu) -> {
			variants.put("without/1",
					new Launch(pinned(cpu, javaCommand(without, MinimalApp.class.getName())), List.of()));
			variants.put("starter/1", new Launch(pinned(cpu, javaCommand(starter, MinimalApp.class.getName())),
					List.of("--connect.participant.region=us-east-1")));
		});
		Optional<Path> sampleApp = sampleAppJar();
		sampleApp.ifPresent((jar) -> {
			List<String> command = List.of(ForkedJvm.java(), "-jar", jar.toString());
			variants.put("sample+emulator", new Launch(command, List.of()));
			variants.put("sample",
					new Launch(command,
							List.of("--connect.participant.emulator.enabled=false",
									"--connect.participant.region=us-east-1", "--sample.connect.instance-id=benchmark",
									"--sample.connect.contact-flow-id=benchmark")));
		});
		Map<String, List<Double>> uptimes = new LinkedHashMap<>();
		Map<String, List<Double>> walls = new LinkedHashMap<>();
		Map<String, List<Work>> works = new LinkedHashMap<>();
		Map<String, String> checks = new LinkedHashMap<>();
		variants.keySet().forEach((name) -> {
			uptimes.put(name, new ArrayList<>());
			walls.put(name, new ArrayList<>());
			works.put(name, new ArrayList<>());
		});
		List<String> names = new ArrayList<>(variants.keySet());
		int sampleRounds = Math.min(SAMPLE_APP_ROUNDS, this.config.startupRounds());
		int explanatoryRounds = Math.min(EXPLANATORY_ROUNDS, this.config.startupRounds());
		List<String> sample = sampleApp.isPresent() ? SAMPLE : List.of();
		List<String> explanatory = new ArrayList<>(EXPLANATORY);
		if (core.isPresent()) {
			explanatory.addAll(ONE_CORE);
		}
		for (int round = -1; round < this.config.startupRounds(); round++) {
			for (String name : startsInRound(round, explanatoryRounds, sampleRounds, explanatory, sample)) {
				Started started = start(variants.get(name));
				if (round >= 0) {
					uptimes.get(name).add(started.uptimeMillis());
					walls.get(name).add(started.wallMillis());
					// a start that reported no work keeps its place in the rounds, as NaN
					works.get(name).add((started.work() != null) ? started.work() : Work.NOT_REPORTED);
				}
				if (started.check() != null) {
					checks.put(name, started.check());
				}
			}
		}
		verify(checks);
		if (core.isPresent() && (checks.get("without/1") == null || !checks.get("without/1").contains("starterBeans=0")
				|| checks.get("starter/1") == null || checks.get("starter/1").contains("starterBeans=0"))) {
			throw new IllegalStateException(
					"the start-up variants on one core did not start what they should: " + checks);
		}
		double starterAdds = medianDifference(uptimes.get("starter"), uptimes.get("without"));
		double emulatorAdds = medianDifference(uptimes.get("starter+emulator"), uptimes.get("without"));
		double jarsAdd = medianDifference(uptimes.get("jars"), uptimes.get("without"));
		this.report.row(Benchmark.START_UP, "start-up: the starter adds (emulator jar excluded)",
				f("%+.0f ms (%s); %s", starterAdds, interval(uptimes.get("starter"), uptimes.get("without")),
						share(uptimes.get("starter"), uptimes.get("without"))),
				"< 150 ms",
				Report.below(starterAdds, medianInterval(uptimes.get("starter"), uptimes.get("without")), 150));
		this.report.row(Benchmark.START_UP, "start-up: the starter + embedded emulator add",
				f("%+.0f ms (%s); %s", emulatorAdds, interval(uptimes.get("starter+emulator"), uptimes.get("without")),
						share(uptimes.get("starter+emulator"), uptimes.get("without"))),
				"< 150 ms", Report.below(emulatorAdds,
						medianInterval(uptimes.get("starter+emulator"), uptimes.get("without")), 150));
		this.report.row(Benchmark.START_UP, "start-up: of which the starter's jars alone (auto-configuration excluded)",
				f("%+.0f ms (%s)", jarsAdd, interval(uptimes.get("jars"), uptimes.get("without"))), "",
				Report.Verdict.INFO);
		workRow("start-up work: the starter adds (emulator jar excluded)", works.get("starter"), works.get("without"));
		workRow("start-up work: the starter + embedded emulator add", works.get("starter+emulator"),
				works.get("without"));
		if (core.isPresent()) {
			List<Double> oneCoreWithout = uptimes.get("without/1");
			List<Double> oneCoreStarter = uptimes.get("starter/1");
			this.report.row(Benchmark.START_UP,
					"start-up on one core (`taskset`): the starter adds (emulator jar excluded)",
					f("%+.0f ms (%s); %s; a start without the starter takes %s",
							medianDifference(oneCoreStarter, oneCoreWithout), interval(oneCoreStarter, oneCoreWithout),
							share(oneCoreStarter, oneCoreWithout), millis(Measure.median(oneCoreWithout))),
					"", Report.Verdict.INFO);
		}
		double firstAdds = medianDifference(uptimes.get("first"), uptimes.get("without"));
		this.report.row(Benchmark.START_UP,
				"start-up: the starter declared before Boot's starters instead (its jars ahead of Spring's)",
				f("%+.0f ms (%s)", firstAdds, interval(uptimes.get("first"), uptimes.get("without"))), "",
				Report.Verdict.INFO);
		StringBuilder table = new StringBuilder(f("Each start is a new JVM (`java -cp ... MinimalApp`, default JVM "
				+ "flags, `--server.port=0`); %d rounds after a warm-up round, the variants' order rotating: the three "
				+ "that the targets compare in every round, the rows without a target that explain the starter's "
				+ "figure (its jars alone, the starter declared first and, where `taskset` can pin a process to one "
				+ "core, the start without and with the starter on one core) in the first %d of them, and the sample app's "
				+ "rows, which have no target either, in the first %d. \"Ready\" "
				+ "is the JVM's uptime in Boot's `Started ... (process running for N)` line; \"wall\" is the time from "
				+ "launching the process to that line. The application is a web application with Actuator (the "
				+ "sample app's stack) that does not use the starter's beans, so the same code starts with and "
				+ "without the starter; without it, %d jars are left out (those under %s), and with the "
				+ "starter but without the emulator, the emulator's jar is. With the starter, its jars come after "
				+ "the application's others, as Maven orders them when a pom declares the starter after Spring Boot's "
				+ "starters (as the sample app's does), and the emulator's after them; the row \"declared before Boot's "
				+ "starters\" declares it first instead (this module's own pom), which puts its jars ahead of most of "
				+ "Spring's. The differences are " + "medians of the per-round differences.%n%n",
				this.config.startupRounds(), explanatoryRounds, sampleRounds, classpath.size() - without.size(),
				String.join(", ", STARTER_JARS.stream().map((group) -> "`" + group + "`").toList())));
		table.append("| application | ready (median) | wall (median) | added to \"without the starter\" (on one core: "
				+ "to its row) | CPU time, all threads (median) | cores used (median) | what started |\n"
				+ "| --- | --- | --- | --- | --- | --- | --- |\n");
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("without", "web + Actuator, without the starter");
		labels.put("starter", "the same with the starter, emulator jar excluded (`region` set)");
		labels.put("starter+emulator", "the same with the starter and the emulator (embedded emulator started)");
		labels.put("jars",
				"the same with the starter's jars, its auto-configurations excluded (emulator jar excluded)");
		labels.put("first", "the same with the starter declared before Boot's starters: its jars ahead of Spring's "
				+ "(emulator jar excluded, `region` set)");
		labels.put("without/1",
				"web + Actuator without the starter, on one core (`taskset -c " + core.orElse("") + "`)");
		labels.put("starter/1", "the same with the starter, on one core (emulator jar excluded, `region` set)");
		labels.put("sample+emulator", "sample app (`java -jar`), embedded emulator");
		labels.put("sample", "sample app (`java -jar`), emulator off (`region` and the Connect instance set)");
		for (String name : names) {
			boolean work = complete(works.get(name));
			table.append(f("| %s | %s | %s | %s | %s | %s | %s |%n", labels.get(name),
					millis(Measure.median(uptimes.get(name))), millis(Measure.median(walls.get(name))),
					name.startsWith("without") ? ""
							: f("%+.0f ms", medianDifference(uptimes.get(name), uptimes.get(baseline(name)))),
					work ? millis(Measure.median(values(works.get(name), Work::cpuMillis))) : "",
					work ? f("%.2f", Measure.median(coresUsed(works.get(name), uptimes.get(name)))) : "",
					checks.getOrDefault(name, "")));
		}
		table.append("\n").append(differencesLine(uptimes));
		if (core.isPresent()) {
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
				+ "confidence interval from the rounds (distribution-free, from the order statistics). A target row is "
				+ "met when its whole interval is below 150 ms and missed when none of it is; when the interval "
				+ "contains 150 ms it is not settled, since another run of this length could go either way.%n"));
		if (sampleApp.isEmpty()) {
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
		this.report.section(Benchmark.START_UP, "Start-up", table.toString());
	}

	private static void verify(Map<String, String> checks) {
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
	}

	/**
	 * The starter's auto-configurations, as Boot finds them on this class path.
	 */
	private static List<String> starterAutoConfigurations() {
		List<String> names = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, StartupBenchmark.class.getClassLoader()).forEach((name) -> {
			if (name.startsWith("io.github.connectparticipant.")) {
				names.add(name);
			}
		});
		if (names.isEmpty()) {
			throw new IllegalStateException("the starter's auto-configurations were not found on the class path");
		}
		return names;
	}

	/**
	 * Copy {@link MinimalApp}'s class files to a directory of their own.
	 */
	private static Path applicationClasses() throws IOException {
		Path directory = Files.createTempDirectory("connect-participant-bench-app-");
		String name = MinimalApp.class.getName().replace('.', '/');
		for (String resource : List.of(name + ".class", name + "$Hello.class")) {
			Path file = directory.resolve(resource);
			Files.createDirectories(file.getParent());
			try (var in = StartupBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("No class file " + resource);
				}
				Files.copy(in, file);
			}
		}
		return directory;
	}

	private static boolean isThisModule(String entry) {
		try {
			Path here = Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return Path.of(entry).toAbsolutePath().equals(here.toAbsolutePath());
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * Every round's difference to the start without the starter, each variant's in turn:
	 * the line {@link StartupPool} reads back to pool runs.
	 */
	static String differencesLine(Map<String, List<Double>> uptimes) {
		List<Double> without = uptimes.get("without");
		return f(
				StartupPool.DIFFERENCES + "with the starter %s; with the starter and the emulator %s; with the "
						+ "starter's jars alone %s; with the starter declared first %s.%n",
				differences(uptimes.get("starter"), without), differences(uptimes.get("starter+emulator"), without),
				differences(uptimes.get("jars"), without), differences(uptimes.get("first"), without));
	}

	private static String differences(List<Double> a, List<Double> b) {
		return String.join(" ", pairedDifferences(a, b).stream().map((difference) -> f("%+.0f", difference)).toList());
	}

	/**
	 * A row of what a variant adds to the start's work, when the application reported it.
	 */
	private void workRow(String figure, List<Work> with, List<Work> without) {
		if (!complete(with) || !complete(without)) {
			return;
		}
		List<Double> cpu = values(with, Work::cpuMillis);
		List<Double> cpuWithout = values(without, Work::cpuMillis);
		this.report.row(Benchmark.START_UP, figure,
				f("%+.0f ms of CPU time, all threads (%s), of which %+.0f ms on the main thread; %+.0f classes "
						+ "loaded; %s more allocated by the main thread", medianDifference(cpu, cpuWithout),
						interval(cpu, cpuWithout),
						medianDifference(values(with, Work::mainCpuMillis), values(without, Work::mainCpuMillis)),
						medianDifference(values(with, Work::classes), values(without, Work::classes)),
						Report.bytes(medianDifference(values(with, Work::mainAllocatedBytes),
								values(without, Work::mainAllocatedBytes)))),
				"", Report.Verdict.INFO);
	}

	/**
	 * Whether every start reported all of its work, so that the works line up with the
	 * rounds.
	 */
	static boolean complete(List<Work> works) {
		return !works.isEmpty() && works.stream()
			.allMatch((work) -> Double.isFinite(work.cpuMillis()) && Double.isFinite(work.mainCpuMillis())
					&& Double.isFinite(work.classes()) && Double.isFinite(work.mainAllocatedBytes()));
	}

	private static List<Double> values(List<Work> works, Function<Work, Double> value) {
		return works.stream().map(value).toList();
	}

	/**
	 * Each start's cores used ({@link Work#coresUsed(double)}), where the start reported
	 * its work.
	 */
	static List<Double> coresUsed(List<Work> works, List<Double> uptimes) {
		List<Double> cores = new ArrayList<>();
		for (int i = 0; i < Math.min(works.size(), uptimes.size()); i++) {
			cores.add(works.get(i).coresUsed(uptimes.get(i)));
		}
		return cores;
	}

	/**
	 * The variant a variant's row is compared with: the start without the starter, on one
	 * core for the variants on one core.
	 */
	static String baseline(String name) {
		return name.endsWith("/1") ? "without/1" : "without";
	}

	private static double medianDifference(List<Double> a, List<Double> b) {
		return Measure.median(pairedDifferences(a, b));
	}

	/**
	 * The 95 % confidence interval of the median difference.
	 */
	private static double[] medianInterval(List<Double> a, List<Double> b) {
		return Measure.medianInterval(pairedDifferences(a, b));
	}

	/**
	 * The 95 % confidence interval of the median difference, as text.
	 */
	private static String interval(List<Double> a, List<Double> b) {
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
	 * The variants a round starts, in its order: the three the targets compare in every
	 * round, the explanatory ones in the first {@code explanatoryRounds}, the sample
	 * app's in the first {@code sampleRounds}, the order rotating by one from round to
	 * round (the warm-up round, -1, in round 0's order).
	 */
	static List<String> startsInRound(int round, int explanatoryRounds, int sampleRounds, List<String> explanatory,
			List<String> sample) {
		List<String> names = new ArrayList<>(COMPARED);
		if (round < explanatoryRounds) {
			names.addAll(explanatory);
		}
		if (round < sampleRounds) {
			names.addAll(sample);
		}
		int shift = Math.max(0, round) % names.size();
		List<String> rotated = new ArrayList<>(names.subList(shift, names.size()));
		rotated.addAll(names.subList(0, shift));
		return rotated;
	}

	private static List<Double> pairedDifferences(List<Double> a, List<Double> b) {
		List<Double> differences = new ArrayList<>();
		for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
			differences.add(a.get(i) - b.get(i));
		}
		return differences;
	}

	private record Launch(List<String> command, List<String> arguments) {
	}

	private record Started(double uptimeMillis, double wallMillis, @Nullable String check, @Nullable Work work) {
	}

	/**
	 * The work one start took up to Boot's {@code Started} line, as {@link MinimalApp}
	 * reports it: CPU time of all the JVM's threads (the JIT compilers' and the garbage
	 * collector's included) and of the main thread, classes loaded, bytes the main thread
	 * allocated. Unlike the time to ready, these hardly change when the machine gives the
	 * JVM less of its cores; a figure the JVM does not report is NaN.
	 */
	record Work(double cpuMillis, double mainCpuMillis, double classes, double mainAllocatedBytes) {

		/** A start that printed no work line (the sample app's). */
		static final Work NOT_REPORTED = new Work(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

		static Work parse(String line) {
			if (!line.startsWith(MinimalApp.WORK)) {
				throw new IllegalArgumentException("not a work line: " + line);
			}
			Map<String, Double> values = new LinkedHashMap<>();
			for (String field : line.substring(MinimalApp.WORK.length()).trim().split("\\s+")) {
				int equals = field.indexOf('=');
				if (equals > 0) {
					double value = Double.parseDouble(field.substring(equals + 1));
					values.put(field.substring(0, equals), (value < 0) ? Double.NaN : value);
				}
			}
			for (String key : List.of("cpuNanos", "mainCpuNanos", "classes", "mainAllocated")) {
				if (!values.containsKey(key)) {
					throw new IllegalArgumentException("no " + key + " in the work line: " + line);
				}
			}
			return new Work(values.get("cpuNanos") / 1e6, values.get("mainCpuNanos") / 1e6, values.get("classes"),
					values.get("mainAllocated"));
		}

		/**
		 * CPU time of all threads over the time to ready: how many of the machine's cores
		 * the start kept busy on average.
		 */
		double coresUsed(double uptimeMillis) {
			return this.cpuMillis / uptimeMillis;
		}

	}

	private static Started start(Launch launch) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(launch.command());
		command.add("--server.port=0");
		command.addAll(launch.arguments());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		long start = System.nanoTime();
		Process process = builder.start();
		Double uptime = null;
		double wall = 0;
		String check = null;
		Work work = null;
		List<String> output = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			String line;
			while ((line = lines.readLine()) != null && System.nanoTime() < deadline) {
				output.add(line);
				Matcher matcher = STARTED.matcher(line);
				if (matcher.find() && uptime == null) {
					wall = (System.nanoTime() - start) / 1e6;
					uptime = Double.parseDouble(matcher.group(1)) * 1000;
					if (command.contains("-jar")) {
						break;
					}
				}
				if (line.startsWith(MinimalApp.WORK)) {
					work = Work.parse(line);
				}
				if (line.startsWith("BENCHMARK-READY")) {
					check = line.substring("BENCHMARK-READY".length()).trim();
					break;
				}
			}
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		if (uptime == null) {
			throw new IllegalStateException("the application did not start: " + String.join("\n", output));
		}
		return new Started(uptime, wall, check, work);
	}

	/**
	 * The first core this process may run on, when {@code taskset} is there to pin a
	 * process to it and the machine has more than one.
	 */
	private static Optional<String> oneCore() {
		if (Runtime.getRuntime().availableProcessors() < 2 || !Files.isExecutable(Path.of(TASKSET))) {
			return Optional.empty();
		}
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("Cpus_allowed_list:"))
				.findFirst()
				.map((line) -> firstCpu(line.substring(line.indexOf(':') + 1)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The first core of a Linux CPU list such as {@code 0-1} or {@code 2,4-5}.
	 */
	static String firstCpu(String cpuList) {
		String first = cpuList.trim().split("[,-]")[0];
		if (!first.matches("[0-9]+")) {
			throw new IllegalArgumentException("not a CPU list: " + cpuList);
		}
		return first;
	}

	private static List<String> pinned(String cpu, List<String> command) {
		List<String> pinned = new ArrayList<>(List.of(TASKSET, "-c", cpu));
		pinned.addAll(command);
		return pinned;
	}

	private static List<String> javaCommand(List<String> classpath, String mainClass) {
		return List.of(ForkedJvm.java(), "-cp", String.join(File.pathSeparator, classpath), mainClass);
	}

	/**
	 * The class path Maven makes when the starter is declared after the application's
	 * other dependencies: the same entries, the starter's (those {@code starter} names)
	 * moved behind the others, each group in its own order.
	 */
	static List<String> declaredLast(List<String> classpath, Predicate<String> starter) {
		List<String> ordered = new ArrayList<>(classpath.stream().filter(starter.negate()).toList());
		ordered.addAll(classpath.stream().filter(starter).toList());
		return ordered;
	}

	/**
	 * Check that this module's own class path, which declares the starter first, has the
	 * starter's jars ahead of Spring's, as the variant that stands for that order
	 * assumes.
	 */
	static void requireAheadOfSpring(List<String> classpath) {
		int starter = indexOf(classpath, StartupBenchmark::isStarterJar);
		int spring = indexOf(classpath, (entry) -> entry.replace('\\', '/').contains(SPRING_CONTEXT_JAR));
		if (starter < 0 || spring < 0 || starter > spring) {
			throw new IllegalStateException(
					"benchmarks/pom.xml must declare the starter before Spring Boot's starters, "
							+ "so that its jars come ahead of Spring's on this module's class path: " + classpath);
		}
	}

	private static int indexOf(List<String> classpath, Predicate<String> predicate) {
		for (int i = 0; i < classpath.size(); i++) {
			if (predicate.test(classpath.get(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isEmulatorJar(String entry) {
		return entry.replace('\\', '/').contains(EMULATOR_JAR);
	}

	private static boolean isStarterJar(String entry) {
		String path = entry.replace('\\', '/');
		return STARTER_JARS.stream().anyMatch(path::contains);
	}

	/**
	 * This JVM's class path, with a single manifest-only jar (as {@code java -jar} and
	 * Surefire use) expanded into its {@code Class-Path}.
	 */
	static List<String> classpath() throws IOException {
		List<String> entries = new ArrayList<>(
				List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
		List<String> expanded = new ArrayList<>();
		for (String entry : entries) {
			expanded.add(entry);
			if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
				try (JarFile jar = new JarFile(entry)) {
					String manifestPath = (jar.getManifest() != null)
							? jar.getManifest().getMainAttributes().getValue("Class-Path") : null;
					if (manifestPath != null) {
						URI base = Path.of(entry).toAbsolutePath().getParent().toUri();
						for (String item : manifestPath.trim().split("\\s+")) {
							try {
								URI uri = item.startsWith("file:") ? new URI(item) : base.resolve(item);
								expanded.add(Path.of(uri).toString());
							}
							catch (URISyntaxException | IllegalArgumentException ex) {
								throw new IllegalStateException("Class-Path entry " + item, ex);
							}
						}
					}
				}
			}
		}
		return expanded.stream().distinct().toList();
	}

	/**
	 * The sample app's jar, when it has been built beside this module.
	 */
	private static Optional<Path> sampleAppJar() {
		try {
			Path here = Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path target = here.getParent().getParent().resolve("sample-app").resolve("target");
			if (!Files.isDirectory(target)) {
				target = here.getParent().getParent().getParent().resolve("sample-app").resolve("target");
			}
			if (!Files.isDirectory(target)) {
				return Optional.empty();
			}
			try (Stream<Path> files = Files.list(target)) {
				return files
					.filter((file) -> file.getFileName().toString().matches("connect-participant-sample-app-.*\\.jar"))
					.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
					.findFirst();
			}
		}
		catch (URISyntaxException | IOException ex) {
			throw new UncheckedIOException(new IOException(ex));
		}
	}

}
