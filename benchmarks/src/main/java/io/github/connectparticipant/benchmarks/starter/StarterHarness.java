package io.github.connectparticipant.benchmarks.starter;

import io.github.connectparticipant.autoconfigure.ConnectParticipantClientCustomizer;
import io.github.connectparticipant.benchmarks.RequestCounter;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application context the in-process benchmarks take the starter's beans from: Boot's
 * auto-configuration with the starter, Actuator and metrics on the class path, as an
 * application has them. The only addition is a request counter on the SDK client, the
 * same one the raw SDK baseline carries.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StarterHarness {

	@Bean
	ConnectParticipantClientCustomizer benchmarkRequestCounter(RequestCounter counter) {
		return (builder) -> builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().addExecutionInterceptor(counter).build());
	}

}
