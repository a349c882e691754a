package io.github.connectparticipant.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectParticipantHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantEmulatorAutoConfiguration.class,
				ConnectParticipantAutoConfiguration.class, ConnectParticipantHealthContributorAutoConfiguration.class))
		.withPropertyValues("connect.participant.emulator.enabled=true", "connect.participant.health.cache-time=0s");

	@Test
	void contributesAttachmentsAndTranscriptsComponents() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("connectParticipantHealthContributor")
				.hasSingleBean(ConnectParticipantCallRecorder.class);
			CompositeHealthContributor composite = (CompositeHealthContributor) context
				.getBean("connectParticipantHealthContributor");
			assertThat(composite.getContributor("attachments")).isInstanceOf(HealthIndicator.class);
			assertThat(composite.getContributor("transcripts")).isInstanceOf(HealthIndicator.class);
			Health health = ((HealthIndicator) composite.getContributor("attachments")).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			String endpoint = context.getBean(ConnectParticipantEmulator.class).baseUri() + "/";
			assertThat(health.getDetails()).containsEntry("endpoint", endpoint).containsEntry("reachable", true)
				.containsEntry("recentCalls", 0);
		});
	}

	@Test
	void downWhenTheEndpointDoesNotAnswer() {
		this.runner.run((context) -> {
			CompositeHealthContributor composite = (CompositeHealthContributor) context
				.getBean("connectParticipantHealthContributor");
			context.getBean(ConnectParticipantEmulator.class).close();
			Health health = ((HealthIndicator) composite.getContributor("transcripts")).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reachable", false).containsKey("probeError");
		});
	}

	@Test
	void switchedOffWithTheManagementProperty() {
		this.runner.withPropertyValues("management.health.connectparticipant.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("connectParticipantHealthContributor"));
	}

	@Test
	void absentWithoutActuatorHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("connectParticipantHealthContributor"));
	}

	@Test
	void recorderCountsOperationsAndThrottlingPerPath() {
		ConnectParticipantCallRecorder recorder = new ConnectParticipantCallRecorder(Duration.ofMinutes(5));
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		observe(registry, "connect.participant.attempt", Map.of("operation", "StartAttachmentUpload", "outcome", "retry",
				"error.code", "ThrottlingException"));
		observe(registry, "connect.participant.operation",
				Map.of("operation", "attachment.upload", "outcome", "success", "error.code", "none"));
		observe(registry, "connect.participant.operation",
				Map.of("operation", "attachment.download", "outcome", "error", "error.code", "AccessDeniedException"));
		observe(registry, "connect.participant.operation",
				Map.of("operation", "transcript.page", "outcome", "success", "error.code", "none"));
		ConnectParticipantCallRecorder.Snapshot attachments = recorder.attachments();
		assertThat(attachments.calls()).isEqualTo(2);
		assertThat(attachments.failures()).isEqualTo(1);
		assertThat(attachments.errorRate()).isEqualTo(0.5);
		assertThat(attachments.throttledAttempts()).isEqualTo(1);
		assertThat(attachments.lastErrorCode()).isEqualTo("AccessDeniedException");
		assertThat(attachments.consecutiveFailures()).isEqualTo(1);
		assertThat(recorder.transcripts().calls()).isEqualTo(1);
		assertThat(recorder.transcripts().failures()).isZero();
	}

	@Test
	void downAfterFiveFailuresInARow() {
		ConnectParticipantCallRecorder recorder = new ConnectParticipantCallRecorder(Duration.ofMinutes(5));
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		this.runner.run((context) -> {
			EndpointProbe probe = new EndpointProbe(context.getBean(ConnectParticipantEmulator.class).baseUri(),
					Duration.ofSeconds(2), Duration.ZERO);
			ConnectParticipantHealthIndicator indicator = new ConnectParticipantHealthIndicator(probe, recorder::transcripts);
			for (int i = 0; i < 4; i++) {
				observe(registry, "connect.participant.operation",
						Map.of("operation", "transcript.page", "outcome", "error", "error.code", "InternalServerException"));
			}
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			observe(registry, "connect.participant.operation",
					Map.of("operation", "transcript.page", "outcome", "error", "error.code", "InternalServerException"));
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
			observe(registry, "connect.participant.operation",
					Map.of("operation", "transcript.page", "outcome", "success", "error.code", "none"));
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void probeResultIsCachedSoHealthChecksCannotFloodTheEndpoint() {
		try (ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start()) {
			EndpointProbe probe = new EndpointProbe(emulator.baseUri(), Duration.ofSeconds(2), Duration.ofMinutes(1));
			EndpointProbe.Result first = probe.probe();
			for (int i = 0; i < 50; i++) {
				assertThat(probe.probe()).isSameAs(first);
			}
			assertThat(first.reachable()).isTrue();
			assertThat(first.status()).isEqualTo(404);
		}
	}

	private static void observe(ObservationRegistry registry, String name, Map<String, String> keyValues) {
		Observation observation = Observation.createNotStarted(name, registry);
		keyValues.forEach(observation::lowCardinalityKeyValue);
		observation.start().stop();
	}

}
