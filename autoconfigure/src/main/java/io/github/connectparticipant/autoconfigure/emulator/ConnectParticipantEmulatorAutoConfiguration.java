package io.github.connectparticipant.autoconfigure.emulator;

import java.net.URI;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.ConnectParticipantConnectionDetails;
import io.github.connectparticipant.autoconfigure.emulator.AwsRegionLookup.FoundRegion;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * The embedded default: with {@code connect-participant-emulator} on the classpath and no
 * AWS region anywhere (neither {@code connect.participant.endpoint} nor
 * {@code connect.participant.region} set, and none found where the AWS SDK looks, short
 * of instance metadata: {@link AwsRegionLookup}), or with
 * {@code connect.participant.emulator.enabled=true}, starts the emulator on a free
 * loopback port, points the beans at it and stops it with the context. A region found
 * anywhere keeps it off: it must never stand in for Amazon Connect where the application
 * is set up for AWS.
 */
@AutoConfiguration(before = ConnectParticipantAutoConfiguration.class)
@ConditionalOnClass({ ConnectParticipantEmulator.class, ConnectParticipantClient.class })
@ConditionalOnMissingBean({ ConnectParticipantConnectionDetails.class, ConnectParticipantClient.class })
@Conditional(ConnectParticipantEmulatorAutoConfiguration.EmbeddedEmulatorCondition.class)
public final class ConnectParticipantEmulatorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ConnectParticipantEmulatorAutoConfiguration.class);

	/**
	 * Region the embedded emulator is addressed with (any would do).
	 */
	static final String EMULATOR_REGION = "us-east-1";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ConnectParticipantEmulator connectParticipantEmulator(Environment environment) {
		ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start();
		// started in spite of a region only when switched on: auto found none
		boolean forced = "true".equalsIgnoreCase(property(environment, "connect.participant.emulator.enabled"));
		String region = property(environment, "connect.participant.region");
		Optional<FoundRegion> found = (!forced) ? Optional.empty()
				: (region != null) ? Optional.of(new FoundRegion(region, "connect.participant.region"))
						: AwsRegionLookup.find(environment);
		String why = found
			.map((elsewhere) -> " (connect.participant.emulator.enabled=true although AWS region " + elsewhere.region()
					+ " is set by " + elsewhere.source() + ")")
			.orElse("");
		logger.warn("Amazon Connect Participant: talking to an embedded emulator at " + emulator.baseUri()
				+ ", not to Amazon Connect" + why + ". To use AWS, set connect.participant.region (or "
				+ "connect.participant.endpoint), and connect.participant.emulator.enabled=auto or false.");
		return emulator;
	}

	@Bean
	ConnectParticipantConnectionDetails connectParticipantEmulatorConnectionDetails(
			ConnectParticipantEmulator emulator) {
		return new EmulatorConnectionDetails(emulator.baseUri());
	}

	private record EmulatorConnectionDetails(URI endpoint) implements ConnectParticipantConnectionDetails {

		@Override
		public URI getEndpoint() {
			return this.endpoint;
		}

		@Override
		public String getRegion() {
			return EMULATOR_REGION;
		}

	}

	/**
	 * {@code connect.participant.emulator.enabled}: {@code true} starts it, {@code false}
	 * never, {@code auto} (default) when no endpoint is configured and no region is
	 * found.
	 */
	static final class EmbeddedEmulatorCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			String mode = environment.getProperty("connect.participant.emulator.enabled", "auto").trim();
			if ("true".equalsIgnoreCase(mode)) {
				return ConditionOutcome.match("connect.participant.emulator.enabled is true");
			}
			if ("false".equalsIgnoreCase(mode)) {
				return ConditionOutcome.noMatch("connect.participant.emulator.enabled is false");
			}
			String endpoint = property(environment, "connect.participant.endpoint");
			String region = property(environment, "connect.participant.region");
			if (endpoint != null || region != null) {
				return ConditionOutcome.noMatch("connect.participant." + ((endpoint != null) ? "endpoint" : "region")
						+ " is set, so the application talks to that service");
			}
			Optional<FoundRegion> found = AwsRegionLookup.find(environment);
			if (found.isPresent()) {
				return ConditionOutcome.noMatch("AWS region " + found.get().region() + " is set by "
						+ found.get().source() + ", so the application talks to Amazon Connect");
			}
			return ConditionOutcome.match("no connect.participant.endpoint is set and no AWS region is found");
		}

	}

	private static @Nullable String property(Environment environment, String name) {
		String value = environment.getProperty(name);
		return (value == null || value.isBlank()) ? null : value;
	}

}
