package io.github.connectparticipant.benchmarks;

import java.util.List;

import io.github.connectparticipant.benchmarks.app.MinimalApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The start-up benchmark's parts: the class paths it starts the application with, which
 * variants start in which round, the work a start reports and the figures of the rounds.
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
		assertThat(StartupClasspaths.declaredLast(declaredFirst,
				(entry) -> entry.contains("/io/github/") || entry.contains("/software/amazon/")))
			.containsExactly(APP, BOOT, CONTEXT, STARTER, AUTOCONFIGURE, SDK);
	}

	@Test
	void everyRoundStartsTheComparedVariantsAndOnlyTheFirstRoundsTheOthers() {
		List<String> sample = List.of("sample+emulator", "sample");
		List<String> explanatory = List.of("jars", "first");
		StartupSchedule schedule = new StartupSchedule(5, 2, 1, explanatory, sample);
		assertThat(schedule.startsInRound(-1)).containsExactly("without", "starter", "starter+emulator", "jars",
				"first", "sample+emulator", "sample");
		assertThat(schedule.startsInRound(0)).containsExactly("without", "starter", "starter+emulator", "jars", "first",
				"sample+emulator", "sample");
		assertThat(schedule.startsInRound(1)).containsExactly("starter", "starter+emulator", "jars", "first",
				"without");
		assertThat(schedule.startsInRound(2)).containsExactly("starter+emulator", "without", "starter");
		assertThat(schedule.startsInRound(3)).containsExactly("without", "starter", "starter+emulator");
		assertThat(new StartupSchedule(5, 2, 1, explanatory, List.of()).startsInRound(4)).containsExactly("starter",
				"starter+emulator", "without");
	}

	@Test
	void aScheduleStartsTheExplanatoryAndTheSampleAppsVariantsInItsFirstRoundsOnly() {
		StartupSchedule schedule = StartupSchedule.of(181, true, true);
		assertThat(schedule.explanatoryRounds()).isEqualTo(41);
		assertThat(schedule.sampleRounds()).isEqualTo(7);
		assertThat(schedule.explanatory()).containsExactly("jars", "first", "without/1", "starter/1");
		assertThat(schedule.sample()).containsExactly("sample+emulator", "sample");
		StartupSchedule twoRounds = StartupSchedule.of(2, false, false);
		assertThat(twoRounds.explanatoryRounds()).isEqualTo(2);
		assertThat(twoRounds.sampleRounds()).isEqualTo(2);
		assertThat(twoRounds.explanatory()).containsExactly("jars", "first");
		assertThat(twoRounds.sample()).isEmpty();
	}

	@Test
	void theVariantsOnOneCoreAreComparedWithTheStartWithoutTheStarterOnOneCore() {
		assertThat(StartupReport.baseline("starter/1")).isEqualTo("without/1");
		assertThat(StartupReport.baseline("starter")).isEqualTo("without");
		assertThat(StartupReport.baseline("sample+emulator")).isEqualTo("without");
	}

	@Test
	void theShareIsTheMedianOfEachRoundsDifferenceOverTheStartWithout() {
		List<Double> without = List.of(2000.0, 4000.0, 2000.0, 2000.0, 4000.0, 2000.0, 4000.0);
		List<Double> starter = List.of(2080.0, 4160.0, 2100.0, 2060.0, 4200.0, 2040.0, 4120.0);
		// per round: +4.0 +4.0 +5.0 +3.0 +5.0 +2.0 +3.0 %: median +4.0, ranks 1 and 7 of
		// 7
		assertThat(StartupStatistics.share(starter, without))
			.isEqualTo("+4.0 % of the start without the starter (+2.0 to +5.0 %)");
		assertThat(StartupStatistics.share(starter.subList(0, 3), without.subList(0, 3)))
			.isEqualTo("+4.0 % of the start without the starter");
	}

	@Test
	void theFirstCoreOfACpuListIsTheOneAStartIsPinnedTo() {
		assertThat(StartupVariants.firstCpu("\t0-1")).isEqualTo("0");
		assertThat(StartupVariants.firstCpu("2,4-5")).isEqualTo("2");
		assertThat(StartupVariants.firstCpu("7")).isEqualTo("7");
		assertThatIllegalArgumentException().isThrownBy(() -> StartupVariants.firstCpu(""))
			.withMessageContaining("not a CPU list");
	}

	@Test
	void theWorkLineTheApplicationPrintsIsReadBack() {
		StartupWork work = StartupWork.parse(MinimalApp.work());
		assertThat(work.cpuMillis()).isPositive();
		assertThat(work.mainCpuMillis()).isPositive();
		assertThat(work.classes()).isGreaterThan(100);
		assertThat(work.mainAllocatedBytes()).isPositive();
		assertThat(StartupWork.complete(List.of(work))).isTrue();
	}

	@Test
	void aWorkLineGivesMillisecondsAndWhatTheJvmDoesNotReportAsNaN() {
		StartupWork work = StartupWork
			.parse("BENCHMARK-WORK cpuNanos=3600000000 mainCpuNanos=-1 classes=7560 mainAllocated=120000000");
		assertThat(work.cpuMillis()).isEqualTo(3600.0);
		assertThat(work.mainCpuMillis()).isNaN();
		assertThat(work.classes()).isEqualTo(7560.0);
		assertThat(work.coresUsed(2000)).isEqualTo(1.8);
		assertThat(StartupWork.complete(List.of(work))).isFalse();
		assertThat(StartupWork.complete(List.of())).isFalse();
		assertThat(StartupWork.complete(List.of(StartupWork.NOT_REPORTED))).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StartupWork.parse("BENCHMARK-WORK cpuNanos=1 classes=2 mainAllocated=3"))
			.withMessageContaining("no mainCpuNanos");
	}

	@Test
	void coresUsedIsEachStartsCpuTimeOverItsTimeToReady() {
		List<StartupWork> works = List.of(new StartupWork(3600, 1500, 7000, 1e8),
				new StartupWork(4000, 1800, 7000, 1e8));
		assertThat(StartupStatistics.coresUsed(works, List.of(2000.0, 4000.0))).containsExactly(1.8, 1.0);
	}

	@Test
	void aClassPathWithTheStarterAheadOfSpringContextIsAccepted() {
		StartupClasspaths.requireAheadOfSpring(List.of(APP, BOOT, STARTER, SDK, CONTEXT));
	}

	@Test
	void aClassPathWithTheStarterBehindSpringContextIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> StartupClasspaths.requireAheadOfSpring(List.of(APP, BOOT, CONTEXT, STARTER, SDK)))
			.withMessageContaining("must declare the starter before Spring Boot's starters");
	}

}
