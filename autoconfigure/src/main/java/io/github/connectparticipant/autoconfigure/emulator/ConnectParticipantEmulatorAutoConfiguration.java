package io.github.connectparticipant.autoconfigure.emulator;

import java.net.URI;

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
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * The embedded default: with {@code connect-participant-emulator} on the classpath and
 * neither {@code connect.participant.endpoint} nor {@code connect.participant.region} set
 * (or with {@code connect.participant.emulator.enabled=true}), starts the emulator on a
 * free loopback port, points the beans at it and stops it with the context.
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
	ConnectParticipantEmulator connectParticipantEmulator() {
		ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start();
		logger.warn("Amazon Connect Participant: talking to an embedded emulator at " + emulator.baseUri()
				+ ", not to Amazon Connect. To use AWS, set connect.participant.region (or connect.participant.endpoint), "
				+ "or connect.participant.emulator.enabled=false.");
		return emulator;
	}

	@Bean
	ConnectParticipantConnectionDetails connectParticipantEmulatorConnectionDetails(ConnectParticipantEmulator emulator) {
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
	 * never, {@code auto} (default) when no endpoint or region is configured.
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
			return ConditionOutcome.match("no connect.participant.endpoint or region is set");
		}

		private static @Nullable String property(Environment environment, String name) {
			String value = environment.getProperty(name);
			return (value == null || value.isBlank()) ? null : value;
		}

	}

}
