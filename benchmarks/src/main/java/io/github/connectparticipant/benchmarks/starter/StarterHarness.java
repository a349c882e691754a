package io.github.connectparticipant.benchmarks.starter;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.connectparticipant.autoconfigure.ConnectParticipantClientCustomizer;
import io.github.connectparticipant.benchmarks.RequestCounter;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application context the in-process benchmarks and the quota benchmark's replicas
 * take the starter's beans from: Boot's auto-configuration with the starter, Actuator and
 * metrics on the class path, as an application has them. The only addition is a request
 * counter on the SDK client, the same one the raw SDK baseline carries.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StarterHarness {

	/**
	 * Start a context with the starter pointed at an emulator (the embedded one off), no
	 * web server, and quiet logging.
	 * @param endpoint the emulator's address
	 * @param extraProperties properties added to (or replacing) those
	 * @param counter the counter of the SDK client's requests
	 * @return the started context
	 */
	public static ConfigurableApplicationContext start(URI endpoint, Map<String, String> extraProperties,
			RequestCounter counter) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("connect.participant.endpoint", endpoint.toString());
		properties.put("connect.participant.region", "us-east-1");
		properties.put("connect.participant.emulator.enabled", "false");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.putAll(extraProperties);
		return new SpringApplicationBuilder(StarterHarness.class).web(WebApplicationType.NONE)
			.properties(properties)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("benchmarkRequests", counter))
			.run();
	}

	@Bean
	ConnectParticipantClientCustomizer benchmarkRequestCounter(RequestCounter counter) {
		return (builder) -> builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().addExecutionInterceptor(counter).build());
	}

}
