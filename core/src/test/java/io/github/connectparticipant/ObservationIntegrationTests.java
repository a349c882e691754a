package io.github.connectparticipant;

import io.github.connectparticipant.retry.RequestPacer;
import java.util.List;
import java.util.Map;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.InvalidAttachmentException;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.TranscriptQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every logical operation and every attempt is observed, with operation, outcome and
 * error code as low-cardinality keys, when an ObservationRegistry is given.
 */
@Timeout(60)
class ObservationIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	@Test
	void uploadIsObservedAsOneOperationAndEachAttempt() {
		RecordedObservations observations = new RecordedObservations();
		ParticipantConnection connection = new ParticipantConnectionFactory(fixture.client(), this.settings,
				observations.registry(), java.time.Clock.systemUTC(), new RequestPacer(this.settings))
			.fromParticipantToken(fixture.startChat().participantToken());
		AttachmentService attachments = fixture.attachments(this.settings, observations.registry());
		fixture.emulator().setFaults(1, List.of(FaultRule.times("StartAttachmentUpload", "THROTTLE", 2)));
		attachments.upload(connection, AttachmentUpload.of(new ByteArrayResource(new byte[100])).withName("a.pdf"));

		assertThat(observations.tags(ParticipantObservationDocumentation.OPERATION.getName(), "attachment.upload"))
			.singleElement()
			.isEqualTo(Map.of("operation", "attachment.upload", "outcome", "success", "error.code", "none"));
		assertThat(observations.tags(ParticipantObservationDocumentation.OPERATION.getName(), "connection.create"))
			.hasSize(1);
		assertThat(observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), "StartAttachmentUpload"))
			.containsExactly(
					Map.of("operation", "StartAttachmentUpload", "outcome", "retry", "error.code",
							"ThrottlingException"),
					Map.of("operation", "StartAttachmentUpload", "outcome", "retry", "error.code",
							"ThrottlingException"),
					Map.of("operation", "StartAttachmentUpload", "outcome", "success", "error.code", "none"));
		assertThat(observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), "UploadObject")).hasSize(1);
		assertThat(observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), "CompleteAttachmentUpload"))
			.hasSize(1);
		assertThat(
				observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), "CreateParticipantConnection"))
			.hasSize(1);
		assertThat(observations.started()).hasSameSizeAs(observations.stopped());
	}

	@Test
	void failuresAreObservedWithTheirErrorCode() {
		RecordedObservations observations = new RecordedObservations();
		ParticipantConnection connection = fixture.connect(fixture.startChat(), this.settings);
		AttachmentService attachments = fixture.attachments(this.settings, observations.registry());
		assertThatExceptionOfType(InvalidAttachmentException.class).isThrownBy(() -> attachments.upload(connection,
				AttachmentUpload.of(new ByteArrayResource(new byte[0])).withName("a.pdf")));
		assertThat(observations.tags(ParticipantObservationDocumentation.OPERATION.getName(), "attachment.upload"))
			.singleElement()
			.isEqualTo(Map.of("operation", "attachment.upload", "outcome", "error", "error.code",
					"InvalidAttachmentException"));
		assertThat(observations.stopped()).hasSize(1);

		fixture.emulator().setFaults(1, List.of(FaultRule.always("GetTranscript", "SERVER_ERROR")));
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> fixture.transcripts(this.settings, observations.registry())
				.page(connection, TranscriptQuery.newestFirst()));
		assertThat(observations.tags(ParticipantObservationDocumentation.OPERATION.getName(), "transcript.page"))
			.singleElement()
			.isEqualTo(Map.of("operation", "transcript.page", "outcome", "error", "error.code",
					"InternalServerException"));
		assertThat(observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), "GetTranscript")).hasSize(4)
			.last()
			.isEqualTo(
					Map.of("operation", "GetTranscript", "outcome", "error", "error.code", "InternalServerException"));
	}

}
