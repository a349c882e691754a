package io.github.connectparticipant.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
		assertThat(StartupBenchmark.declaredLast(declaredFirst, (entry) -> entry.contains("/io/github/")
				|| entry.contains("/software/amazon/")))
			.containsExactly(APP, BOOT, CONTEXT, STARTER, AUTOCONFIGURE, SDK);
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
