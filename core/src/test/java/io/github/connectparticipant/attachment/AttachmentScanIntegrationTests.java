package io.github.connectparticipant.attachment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.OperationTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Waiting for the malware scan's verdict against the emulator.
 */
class AttachmentScanIntegrationTests {

	private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private static AttachmentUpload text(String content, String name) {
		return AttachmentUpload.of(new ByteArrayResource(content.getBytes(StandardCharsets.US_ASCII))).withName(name);
	}

	@Test
	void waitsForApproval() {
		fixture.emulator().updateSettings((builder) -> builder.scanDelay(Duration.ofMillis(1500)));
		Attachment uploaded = fixture.attachments().upload(fixture.connection(), text("hello", "hello.txt"));
		assertThat(uploaded.status()).isEqualTo(AttachmentStatus.IN_PROGRESS);
		assertThat(fixture.attachments().status(fixture.connection(), uploaded.id()))
			.isEqualTo(AttachmentStatus.IN_PROGRESS);
		Attachment approved = fixture.attachments().awaitScan(fixture.connection(), uploaded);
		assertThat(approved.status()).isEqualTo(AttachmentStatus.APPROVED);
		assertThat(approved.id()).isEqualTo(uploaded.id());
		assertThat(fixture.attachments().status(fixture.connection(), uploaded.id()))
			.isEqualTo(AttachmentStatus.APPROVED);
		assertThat(fixture.emulator().requestCount("GetTranscript")).isGreaterThan(2);
	}

	@Test
	void uploadCanWaitForApprovalItself() {
		fixture.emulator().updateSettings((builder) -> builder.scanDelay(Duration.ofMillis(100)));
		Attachment approved = fixture.attachments()
			.upload(fixture.connection(), text("hello", "hello.txt").awaitingScan());
		assertThat(approved.status()).isEqualTo(AttachmentStatus.APPROVED);
	}

	@Test
	void rejectedUploadIsReportedAsRejected() {
		assertThatExceptionOfType(AttachmentRejectedException.class)
			.isThrownBy(
					() -> fixture.attachments().upload(fixture.connection(), text(EICAR, "eicar.txt").awaitingScan()))
			.satisfies((ex) -> {
				assertThat(ex.getAttachment().status()).isEqualTo(AttachmentStatus.REJECTED);
				assertThat(ex.getAttachment().name()).isEqualTo("eicar.txt");
				assertThat(ex.getErrorCode()).isEqualTo("REJECTED");
				assertThat(ex.getMessage()).contains("rejected by the malware scan");
			});
	}

	@Test
	void rejectedAttachmentCannotBeDownloaded() {
		Attachment uploaded = fixture.attachments().upload(fixture.connection(), text(EICAR, "eicar.txt"));
		assertThat(fixture.attachments().status(fixture.connection(), uploaded.id()))
			.isEqualTo(AttachmentStatus.REJECTED);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> fixture.attachments().open(fixture.connection(), uploaded.id()))
			.withMessageContaining("GetAttachment");
		assertThat(fixture.emulator().requestCount("DownloadObject")).isZero();
	}

	@Test
	void givesUpWaitingAfterTheScanTimeout() {
		fixture.emulator().updateSettings((builder) -> builder.scanDelay(Duration.ofMinutes(10)));
		AttachmentService impatient = fixture
			.attachments(fixture.settings().toBuilder().scanTimeout(Duration.ofMillis(300)).build());
		Attachment uploaded = impatient.upload(fixture.connection(), text("hello", "hello.txt"));
		long start = System.nanoTime();
		assertThatExceptionOfType(OperationTimeoutException.class)
			.isThrownBy(() -> impatient.awaitScan(fixture.connection(), uploaded))
			.withMessageContaining("scanTimeout")
			.withMessageContaining("IN_PROGRESS");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
				Duration.ofSeconds(6));
	}

	@Test
	void unknownAttachmentHasUnknownStatus() {
		assertThat(fixture.attachments().status(fixture.connection(), "no-such-attachment"))
			.isEqualTo(AttachmentStatus.UNKNOWN);
	}

}
