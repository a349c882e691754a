package io.github.connectparticipant.benchmarks;

import java.util.List;

import io.github.connectparticipant.benchmarks.app.MinimalApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The class paths the start-up benchmark starts the application with.
 */
class StartupBenchmarkTests {

	private static final String REPOSITORY = "/home/user/.m2/repository";

	private static final String APP = "/tmp/app";

	private static final String STARTER = REPOSITORY
			+ "/io/github/connectparticipant/connect-participant-spring-boot-starter/1.0/starter.jar";

	private static final String AUTOCONFIGURE = REPOSITORY
			+ "/io/github/connectparticipant/connect-participant-spring-boot-autoconfigure/1.0/autoconfigure.jar";

	private static final String SDK = REPOSITORY + "/software/amazon/awssdk/sdk-core/2.40.2/sdk-core-2.40.2.jar";

	private static final String BOOT = REPOSITORY + "/org/springframework/boot/spring-boot/4.0.7/spring-boot-4.0.7.jar";

	private static final String CONTEXT = REPOSITORY
			+ "/org/springframework/spring-context/7.0.8/spring-context-7.0.8.jar";

	@Test
	void declaredLastMovesTheStartersJarsBehindTheOthersKeepingEachGroupsOrder() {
		List<String> declaredFirst = List.of(APP, STARTER, AUTOCONFIGURE, SDK, BOOT, CONTEXT);
		assertThat(StartupBenchmark.declaredLast(declaredFirst,
				(entry) -> entry.contains("/io/github/") || entry.contains("/software/amazon/")))
			.containsExactly(APP, BOOT, CONTEXT, STARTER, AUTOCONFIGURE, SDK);
	}

	@Test
	void everyRoundStartsTheComparedVariantsAndOnlyTheFirstRoundsTheOthers() {
		List<String> sample = List.of("sample+emulator", "sample");
		List<String> explanatory = List.of("jars", "first");
		assertThat(StartupBenchmark.startsInRound(-1, 2, 1, explanatory, sample)).containsExactly("without", "starter",
				"starter+emulator", "jars", "first", "sample+emulator", "sample");
		assertThat(StartupBenchmark.startsInRound(0, 2, 1, explanatory, sample)).containsExactly("without", "starter",
				"starter+emulator", "jars", "first", "sample+emulator", "sample");
		assertThat(StartupBenchmark.startsInRound(1, 2, 1, explanatory, sample)).containsExactly("starter",
				"starter+emulator", "jars", "first", "without");
		assertThat(StartupBenchmark.startsInRound(2, 2, 1, explanatory, sample)).containsExactly("starter+emulator",
				"without", "starter");
		assertThat(StartupBenchmark.startsInRound(3, 2, 1, explanatory, sample)).containsExactly("without", "starter",
				"starter+emulator");
		assertThat(StartupBenchmark.startsInRound(4, 2, 1, explanatory, List.of())).containsExactly("starter",
				"starter+emulator", "without");
	}

	@Test
	void theVariantsOnOneCoreAreComparedWithTheStartWithoutTheStarterOnOneCore() {
		assertThat(StartupBenchmark.baseline("starter/1")).isEqualTo("without/1");
		assertThat(StartupBenchmark.baseline("starter")).isEqualTo("without");
		assertThat(StartupBenchmark.baseline("sample+emulator")).isEqualTo("without");
	}

	@Test
	void theShareIsTheMedianOfEachRoundsDifferenceOverTheStartWithout() {
		List<Double> without = List.of(2000.0, 4000.0, 2000.0, 2000.0, 4000.0, 2000.0, 4000.0);
		List<Double> starter = List.of(2080.0, 4160.0, 2100.0, 2060.0, 4200.0, 2040.0, 4120.0);
		// per round: +4.0 +4.0 +5.0 +3.0 +5.0 +2.0 +3.0 %: median +4.0, ranks 1 and 7 of
		// 7
		assertThat(StartupBenchmark.share(starter, without))
			.isEqualTo("+4.0 % of the start without the starter (+2.0 to +5.0 %)");
		assertThat(StartupBenchmark.share(starter.subList(0, 3), without.subList(0, 3)))
			.isEqualTo("+4.0 % of the start without the starter");
	}

	@Test
	void theFirstCoreOfACpuListIsTheOneAStartIsPinnedTo() {
		assertThat(StartupBenchmark.firstCpu("\t0-1")).isEqualTo("0");
		assertThat(StartupBenchmark.firstCpu("2,4-5")).isEqualTo("2");
		assertThat(StartupBenchmark.firstCpu("7")).isEqualTo("7");
		assertThatIllegalArgumentException().isThrownBy(() -> StartupBenchmark.firstCpu(""))
			.withMessageContaining("not a CPU list");
	}

	@Test
	void theWorkLineTheApplicationPrintsIsReadBack() {
		StartupBenchmark.Work work = StartupBenchmark.Work.parse(MinimalApp.work());
		assertThat(work.cpuMillis()).isPositive();
		assertThat(work.mainCpuMillis()).isPositive();
		assertThat(work.classes()).isGreaterThan(100);
		assertThat(work.mainAllocatedBytes()).isPositive();
		assertThat(StartupBenchmark.complete(List.of(work))).isTrue();
	}

	@Test
	void aWorkLineGivesMillisecondsAndWhatTheJvmDoesNotReportAsNaN() {
		StartupBenchmark.Work work = StartupBenchmark.Work
			.parse("BENCHMARK-WORK cpuNanos=3600000000 mainCpuNanos=-1 classes=7560 mainAllocated=120000000");
		assertThat(work.cpuMillis()).isEqualTo(3600.0);
		assertThat(work.mainCpuMillis()).isNaN();
		assertThat(work.classes()).isEqualTo(7560.0);
		assertThat(work.coresUsed(2000)).isEqualTo(1.8);
		assertThat(StartupBenchmark.complete(List.of(work))).isFalse();
		assertThat(StartupBenchmark.complete(List.of())).isFalse();
		assertThat(StartupBenchmark.complete(List.of(StartupBenchmark.Work.NOT_REPORTED))).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StartupBenchmark.Work.parse("BENCHMARK-WORK cpuNanos=1 classes=2 mainAllocated=3"))
			.withMessageContaining("no mainCpuNanos");
	}

	@Test
	void coresUsedIsEachStartsCpuTimeOverItsTimeToReady() {
		List<StartupBenchmark.Work> works = List.of(new StartupBenchmark.Work(3600, 1500, 7000, 1e8),
				new StartupBenchmark.Work(4000, 1800, 7000, 1e8));
		assertThat(StartupBenchmark.coresUsed(works, List.of(2000.0, 4000.0))).containsExactly(1.8, 1.0);
	}

	@Test
	void aClassPathWithTheStarterAheadOfSpringContextIsAccepted() {
		StartupBenchmark.requireAheadOfSpring(List.of(APP, BOOT, STARTER, SDK, CONTEXT));
	}

	@Test
	void aClassPathWithTheStarterBehindSpringContextIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> StartupBenchmark.requireAheadOfSpring(List.of(APP, BOOT, CONTEXT, STARTER, SDK)))
			.withMessageContaining("must declare the starter before Spring Boot's starters");
	}

}
