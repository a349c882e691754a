package io.github.connectparticipant.autoconfigure.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.QuotaExceededException;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentRejectedException;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.InvalidAttachmentException;
import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.observation.AttemptObservationContext;
import io.github.connectparticipant.observation.OperationObservationContext;
import io.github.connectparticipant.observation.ParticipantObservationContext;
import io.github.connectparticipant.observation.ParticipantObservationContext.Outcome;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import io.github.connectparticipant.observation.ParticipantObservations;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectParticipantHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantEmulatorAutoConfiguration.class,
				ConnectParticipantAutoConfiguration.class, ConnectParticipantHealthContributorAutoConfiguration.class))
		.withPropertyValues("connect.participant.emulator.enabled=true", "connect.participant.health.cache-time=0s");

	/**
	 * The recorder's clock, which only the tests move.
	 */
	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

	private final ConnectParticipantCallRecorder recorder = new ConnectParticipantCallRecorder(Duration.ofMinutes(1),
			this.now::get);

	private final ObservationRegistry registry = ObservationRegistry.create();

	@BeforeEach
	void recordObservations() {
		this.registry.observationConfig().observationHandler(this.recorder);
	}

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
			assertThat(health.getDetails()).containsEntry("endpoint", endpoint)
				.containsEntry("reachable", true)
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
		observe("connect.participant.attempt",
				Map.of("operation", "StartAttachmentUpload", "outcome", "retry", "error.code", "ThrottlingException"),
				null);
		observe("connect.participant.operation",
				Map.of("operation", "attachment.upload", "outcome", "success", "error.code", "none"), null);
		observe("connect.participant.operation",
				Map.of("operation", "attachment.download", "outcome", "error", "error.code", "AccessDeniedException"),
				new ParticipantAccessDeniedException("access denied", "GetAttachment", "AccessDeniedException", null, 1,
						null));
		observe("connect.participant.operation",
				Map.of("operation", "attachment.upload", "outcome", "error", "error.code", "InternalServerException"),
				serviceFailure());
		observe("connect.participant.operation",
				Map.of("operation", "transcript.page", "outcome", "success", "error.code", "none"), null);
		ConnectParticipantCallRecorder.Snapshot attachments = this.recorder.attachments();
		assertThat(attachments.calls()).isEqualTo(3);
		assertThat(attachments.failures()).isEqualTo(2);
		assertThat(attachments.serviceFailures()).isEqualTo(1);
		assertThat(attachments.throttledAttempts()).isEqualTo(1);
		assertThat(attachments.lastErrorCode()).isEqualTo("InternalServerException");
		assertThat(attachments.serviceFailuresSinceSuccess()).isEqualTo(1);
		assertThat(this.recorder.transcripts().calls()).isEqualTo(1);
		assertThat(this.recorder.transcripts().failures()).isZero();
	}

	@Test
	void recorderTakesPartOnlyInTheObservationsOfThePathsItKeeps() {
		assertThat(this.recorder.supportsContext(new OperationObservationContext("transcript.page"))).isTrue();
		assertThat(this.recorder.supportsContext(new OperationObservationContext("attachment.upload"))).isTrue();
		assertThat(
				this.recorder.supportsContext(new AttemptObservationContext(ParticipantOperation.GET_TRANSCRIPT, 1, 3)))
			.isTrue();
		assertThat(
				this.recorder.supportsContext(new AttemptObservationContext(ParticipantOperation.UPLOAD_OBJECT, 1, 3)))
			.isTrue();
		assertThat(this.recorder.supportsContext(new OperationObservationContext("connection.create"))).isFalse();
		assertThat(this.recorder.supportsContext(new OperationObservationContext("chat.send"))).isFalse();
		assertThat(
				this.recorder.supportsContext(new AttemptObservationContext(ParticipantOperation.SEND_MESSAGE, 1, 3)))
			.isFalse();
		assertThat(this.recorder.supportsContext(new Observation.Context())).isFalse();
	}

	@Test
	void callersMistakesNeverTurnItDown() {
		this.runner.run((context) -> {
			ConnectParticipantHealthIndicator indicator = indicator(context, this.recorder::attachments);
			List<RuntimeException> mistakes = List.of(
					new InvalidAttachmentException(InvalidAttachmentException.Rule.TYPE_NOT_ALLOWED, "not allowed"),
					new InvalidRequestException("refused as invalid", "StartAttachmentUpload", "ValidationException",
							null, 1, null),
					new AttachmentRejectedException(
							new Attachment("a-1", "eicar.txt", "text/plain", 68, AttachmentStatus.REJECTED)),
					new ParticipantAccessDeniedException("the chat ended", "StartAttachmentUpload",
							"AccessDeniedException", null, 1, null),
					new RequestConflictException("conflict", "CompleteAttachmentUpload", "ConflictException", null, 1,
							null),
					new QuotaExceededException("quota", "StartAttachmentUpload", "ServiceQuotaExceededException", null,
							1, null),
					new IllegalArgumentException("upload is required"));
			for (int round = 0; round < 3; round++) {
				for (RuntimeException mistake : mistakes) {
					observe("connect.participant.operation",
							Map.of("operation", "attachment.upload", "outcome", "error", "error.code", "x"), mistake);
				}
			}
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("recentFailures", 21)
				.containsEntry("recentServiceFailures", 0);
		});
	}

	@Test
	void downAfterFiveServiceFailuresWithNoSuccessSince() {
		this.runner.run((context) -> {
			ConnectParticipantHealthIndicator indicator = indicator(context, this.recorder::transcripts);
			for (int i = 0; i < 4; i++) {
				observe("connect.participant.operation", TRANSCRIPT_ERROR, serviceFailure());
				// a caller's mistake in between neither counts nor clears the run
				observe("connect.participant.operation", TRANSCRIPT_ERROR, new InvalidRequestException(
						"refused as invalid", "GetTranscript", "ValidationException", null, 1, null));
			}
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			observe("connect.participant.operation", TRANSCRIPT_ERROR, new OperationTimeoutException(
					"did not finish within the call timeout", "GetTranscript", null, null, 2, null));
			Health down = indicator.health(true);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("recentServiceFailures", 5)
				.containsEntry("serviceFailuresSinceLastSuccess", 5);
			observe("connect.participant.operation",
					Map.of("operation", "transcript.page", "outcome", "success", "error.code", "none"), null);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void serviceFailuresOlderThanTheWindowNoLongerCount() {
		for (int i = 0; i < 5; i++) {
			observe("connect.participant.operation", TRANSCRIPT_ERROR, serviceFailure());
		}
		this.runner.run((context) -> {
			ConnectParticipantHealthIndicator indicator = indicator(context, this.recorder::transcripts);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
			this.now.set(this.now.get().plusSeconds(61));
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(this.recorder.transcripts().serviceFailures()).isZero();
		});
	}

	@Test
	void oneFailureSeenByNestedOperationsCountsOnce() {
		RetriesExhaustedException failure = serviceFailure();
		observe("connect.participant.operation",
				Map.of("operation", "attachment.awaitScan", "outcome", "error", "error.code", "x"), failure);
		observe("connect.participant.operation",
				Map.of("operation", "attachment.upload", "outcome", "error", "error.code", "x"), failure);
		assertThat(this.recorder.attachments().serviceFailures()).isEqualTo(1);
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

	private static final Map<String, String> TRANSCRIPT_ERROR = Map.of("operation", "transcript.page", "outcome",
			"error", "error.code", "InternalServerException");

	private static RetriesExhaustedException serviceFailure() {
		return new RetriesExhaustedException("failed after 4 attempts", "GetTranscript", "InternalServerException",
				null, 4, null);
	}

	private static ConnectParticipantHealthIndicator indicator(ApplicationContext context,
			Supplier<ConnectParticipantCallRecorder.Snapshot> calls) {
		EndpointProbe probe = new EndpointProbe(context.getBean(ConnectParticipantEmulator.class).baseUri(),
				Duration.ofSeconds(2), Duration.ZERO);
		return new ConnectParticipantHealthIndicator(probe, calls);
	}

	/**
	 * Observe an operation or an attempt as the library does, with the outcome and error
	 * code its key values name.
	 */
	private void observe(String name, Map<String, String> keyValues, @Nullable Throwable error) {
		String operation = keyValues.get("operation");
		ParticipantObservationContext context = name.equals(ParticipantObservationDocumentation.ATTEMPT.getName())
				? new AttemptObservationContext(ParticipantOperation.fromName(operation).orElseThrow(), 1, 4)
				: new OperationObservationContext(operation);
		String outcome = keyValues.get("outcome");
		if ("success".equals(outcome)) {
			context.succeeded();
		}
		else {
			context.failed(Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)), keyValues.get("error.code"));
		}
		ParticipantObservations observations = new ParticipantObservations(this.registry);
		Observation observation = (context instanceof AttemptObservationContext attempt) ? observations.start(attempt)
				: observations.start((OperationObservationContext) context);
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

}
