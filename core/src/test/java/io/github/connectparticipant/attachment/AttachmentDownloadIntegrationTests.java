package io.github.connectparticipant.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Downloads against the emulator: to a stream, a file and as an open stream, links, and
 * recovery from a body broken off mid-way and from a download URL that expired.
 */
class AttachmentDownloadIntegrationTests {

	private static final String GET = ParticipantOperation.DOWNLOAD_OBJECT.operationName();

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@TempDir
	Path directory;

	private final byte[] content = AttachmentUploadIntegrationTests.bytes(1_000_000);

	private Attachment attachment;

	@BeforeEach
	void upload() {
		this.attachment = fixture.attachments()
			.upload(fixture.connection(),
					AttachmentUpload.of(new ByteArrayResource(this.content)).withName("video.mp4").awaitingScan());
	}

	@Test
	void downloadsToAStream() {
		assertDownloadsWholeWith(1);
	}

	@Test
	void downloadsToAFileThatAppearsOnlyWhenComplete() throws IOException {
		Path target = this.directory.resolve("copy.mp4");
		Files.writeString(target, "old content");
		assertThat(fixture.attachments().download(fixture.connection(), this.attachment.id(), target))
			.isEqualTo(this.content.length);
		assertThat(Files.readAllBytes(target)).isEqualTo(this.content);
		try (var files = Files.list(this.directory)) {
			assertThat(files).containsExactly(target);
		}
	}

	@Test
	void failedDownloadLeavesNoFileBehind() {
		fixture.emulator().setFaults(1, List.of(FaultRule.always(GET, "SERVER_ERROR")));
		Path target = this.directory.resolve("copy.mp4");
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> fixture.attachments().download(fixture.connection(), this.attachment.id(), target));
		assertThat(this.directory).isEmptyDirectory();
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(4);
	}

	@Test
	void opensAStream() throws IOException {
		try (InputStream in = fixture.attachments().open(fixture.connection(), this.attachment.id())) {
			assertThat(fixture.emulator().requestCount("GetAttachment")).isEqualTo(1);
			assertThat(in.readAllBytes()).isEqualTo(this.content);
			assertThat(in.read()).isEqualTo(-1);
		}
	}

	@Test
	void resumesABodyBrokenOffMidWay() {
		fixture.emulator().setFaults(3, List.of(FaultRule.times(GET, "TRUNCATE", 2).withAfterBytes(300_000)));
		assertDownloadsWholeWith(3);
	}

	@Test
	void fetchesANewUrlWhenTheOldOneExpiredMidWay() {
		fixture.emulator().setFaults(3, List.of(FaultRule.times(GET, "TRUNCATE", 1).withAfterBytes(100_000)));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		// the download URL lives five minutes; this download is slow
		OutputStream out = fixture.lateOutput(bytes, Duration.ofMinutes(6));
		assertThat(fixture.attachments().download(fixture.connection(), this.attachment.id(), out))
			.isEqualTo(this.content.length);
		assertThat(bytes.toByteArray()).isEqualTo(this.content);
		assertThat(fixture.emulator().requestCount("GetAttachment")).isEqualTo(2);
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(3);
	}

	@Test
	void retriesServerErrorsOnTheDownload() {
		fixture.emulator().setFaults(3, List.of(FaultRule.times(GET, "SERVER_ERROR", 2)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		fixture.attachments().download(fixture.connection(), this.attachment.id(), out);
		assertThat(out.toByteArray()).isEqualTo(this.content);
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(3);
	}

	@Test
	void bodyThatKeepsBreakingOffWithoutProgressGivesUp() {
		fixture.emulator()
			.setFaults(3, List.of(FaultRule.times(GET, "TRUNCATE", 1).withAfterBytes(1000),
					FaultRule.always(GET, "TRUNCATE").withAfterBytes(0)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> fixture.attachments().download(fixture.connection(), this.attachment.id(), out))
			.withMessageContaining("broke off at byte 1000 of 1000000");
	}

	@Test
	void linkIsAWorkingPreSignedUrlThatIsNeverPrinted() throws Exception {
		Instant before = Instant.now();
		AttachmentLink link = fixture.attachments()
			.link(fixture.connection(), this.attachment.id(), Duration.ofSeconds(60));
		assertThat(link.size()).isEqualTo(this.content.length);
		assertThat(link.expiry()).isBetween(before.plusSeconds(55), Instant.now().plusSeconds(65));
		assertThat(link.toString()).doesNotContain(link.url().toString()).doesNotContain("X-Amz");
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(link.url()).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(this.content);
	}

	@Test
	void linkExpiryMustBeFiveToThreeHundredSeconds() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> fixture.attachments().link(fixture.connection(), this.attachment.id(), Duration.ofSeconds(4)));
		assertThatIllegalArgumentException().isThrownBy(
				() -> fixture.attachments().link(fixture.connection(), this.attachment.id(), Duration.ofSeconds(301)));
		assertThat(fixture.emulator().requestCount("GetAttachment")).isZero();
	}

	@Test
	void unknownAttachmentIsRefusedWithoutRetry() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> fixture.attachments()
				.download(fixture.connection(), "no-such-attachment", new ByteArrayOutputStream()))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo("GetAttachment");
				assertThat(ex.getAttempts()).isEqualTo(1);
			});
		assertThat(fixture.emulator().requestCount(GET)).isZero();
	}

	@Test
	void attachmentStillBeingScannedCannotBeDownloaded() {
		fixture.emulator().updateSettings((builder) -> builder.scanDelay(Duration.ofMinutes(10)));
		Attachment scanning = fixture.attachments()
			.upload(fixture.connection(),
					AttachmentUpload.of(new ByteArrayResource(new byte[] { 1, 2, 3 })).withName("x.txt"));
		assertThatExceptionOfType(ConnectParticipantException.class)
			.isThrownBy(() -> fixture.attachments().open(fixture.connection(), scanning.id()))
			.isInstanceOf(InvalidRequestException.class);
		assertThat(fixture.emulator().requestCount(GET)).isZero();
	}

	/**
	 * Download to a stream: the whole content, in as many GETs of the URL as given, with
	 * one GetAttachment.
	 */
	private void assertDownloadsWholeWith(int gets) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(fixture.attachments().download(fixture.connection(), this.attachment.id(), out))
			.isEqualTo(this.content.length);
		assertThat(out.toByteArray()).isEqualTo(this.content);
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(gets);
		assertThat(fixture.emulator().requestCount("GetAttachment")).isEqualTo(1);
	}

}
