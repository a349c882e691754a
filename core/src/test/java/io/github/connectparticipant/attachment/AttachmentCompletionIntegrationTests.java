package io.github.connectparticipant.attachment;

import java.time.Duration;
import java.util.List;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When CompleteAttachmentUpload runs out of attempts, an attempt whose answer was lost
 * may still have completed the upload: the library looks at the transcript before
 * reporting a failure, so a completed attachment is never reported as failed (which would
 * invite a duplicate), and a failure is reported only for what is not there.
 */
class AttachmentCompletionIntegrationTests {

	private static final String COMPLETE = ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD.operationName();

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@BeforeEach
	void connect() {
		fixture.connection().connectionToken();
	}

	@Test
	void aCompletionWhoseAnswersWereAllLostIsConfirmedInTheTranscript() {
		fixture.emulator().setFaults(1, List.of(FaultRule.times(COMPLETE, "DROP_AFTER", 4)));
		Attachment attachment = fixture.attachments().upload(fixture.connection(), upload());
		assertThat(fixture.emulator().requestCount(COMPLETE)).isEqualTo(4);
		assertThat(fixture.emulator().requestCount("GetTranscript")).isEqualTo(1);
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId())).containsOnlyKeys(attachment.id())
			.containsValue("APPROVED");
	}

	@Test
	void aCompletionNotFoundInTheTranscriptIsAFailure() {
		fixture.emulator().setFaults(1, List.of(FaultRule.times(COMPLETE, "THROTTLE", 4)));
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> fixture.attachments().upload(fixture.connection(), upload()))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(AttachmentOutcomeUnknownException.class);
				assertThat(ex.getOperation()).isEqualTo(COMPLETE);
				assertThat(ex.getAttempts()).isEqualTo(4);
			});
		assertThat(fixture.emulator().requestCount("GetTranscript")).isEqualTo(1);
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId()).values())
			.containsExactly("UPLOADED");
	}

	@Test
	void whenTheTranscriptCannotBeReadEitherTheOutcomeIsReportedUnknown() {
		fixture.emulator()
			.setFaults(1, List.of(FaultRule.times(COMPLETE, "DROP_AFTER", 4),
					FaultRule.times("GetTranscript", "SERVER_ERROR", 4)));
		assertThatExceptionOfType(AttachmentOutcomeUnknownException.class)
			.isThrownBy(() -> fixture.attachments().upload(fixture.connection(), upload()))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo(COMPLETE);
				assertThat(ex.getAttempts()).isEqualTo(4);
				assertThat(ex.getMessage())
					.contains("the outcome of attachment " + ex.getAttachmentId() + " is unknown");
				assertThat(ex.getSuppressed()).singleElement().isInstanceOf(RetriesExhaustedException.class);
				assertThat(fixture.attachments().status(fixture.connection(), ex.getAttachmentId()))
					.isEqualTo(AttachmentStatus.APPROVED);
			});
	}

	/**
	 * The first CompleteAttachmentUpload's answer is lost (its attempt times out while
	 * the service is still completing), and the retry is told that the attachment is
	 * already being completed: the upload succeeds once the transcript shows the
	 * attachment.
	 */
	@Test
	void aConflictAfterALostAnswerIsResolvedInTheTranscript() {
		ConnectParticipantSettings impatient = TestClients.fastSettings()
			.attemptTimeout(Duration.ofMillis(500))
			.build();
		AttachmentService service = fixture.attachments(impatient);
		fixture.emulator().setFaults(1, List.of(FaultRule.times(COMPLETE, "STALL", 1).withDelayMillis(2000)));
		Attachment attachment = service.upload(fixture.connection(), upload());
		assertThat(fixture.emulator().requestCount(COMPLETE)).isEqualTo(2);
		assertThat(fixture.emulator().requestCount("GetTranscript")).isPositive();
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId())).containsOnlyKeys(attachment.id())
			.containsValue("APPROVED");
	}

	/**
	 * The completion another request has in progress does not show within the call
	 * timeout: whether it will is unknown, and the exception says so.
	 */
	@Test
	void aConflictWhoseCompletionDoesNotShowInTimeLeavesTheOutcomeUnknown() {
		ConnectParticipantSettings impatient = TestClients.fastSettings()
			.attemptTimeout(Duration.ofMillis(300))
			.callTimeout(Duration.ofSeconds(1))
			.build();
		AttachmentService service = fixture.attachments(impatient);
		fixture.emulator().setFaults(1, List.of(FaultRule.times(COMPLETE, "STALL", 1).withDelayMillis(4000)));
		assertThatExceptionOfType(AttachmentOutcomeUnknownException.class)
			.isThrownBy(() -> service.upload(fixture.connection(), upload()))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo(COMPLETE);
				assertThat(ex.getErrorCode()).isEqualTo("ConflictException");
				assertThat(ex.getMessage()).contains("being completed");
				assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId()))
					.containsEntry(ex.getAttachmentId(), "COMPLETING");
			});
	}

	private static AttachmentUpload upload() {
		return AttachmentUpload.of(new ByteArrayResource(new byte[1000])).withName("receipt.pdf");
	}

}
