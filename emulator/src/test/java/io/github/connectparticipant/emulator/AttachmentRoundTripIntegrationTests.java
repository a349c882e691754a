package io.github.connectparticipant.emulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.ArtifactStatus;
import software.amazon.awssdk.services.connectparticipant.model.ChatItemType;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;

import io.github.connectparticipant.emulator.Uploads.Upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AttachmentRoundTripIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void uploadCompleteApproveAndDownload() {
		Clients.Chat chat = fixture.chat("Ada");
		byte[] content = new byte[300_000];
		new Random(7).nextBytes(content);
		Upload started = Uploads.start(fixture.participant(), chat, "report.pdf", "application/pdf", content,
				"upload-1");
		Map<String, String> headers = started.headers();
		assertThat(headers).containsKeys("Content-Type", "Content-Length", "Content-Disposition");
		assertThat(headers.keySet()).anyMatch((h) -> h.startsWith("x-amz-meta-"));

		HttpResponse<String> put = EmulatorHttp.send(started.put());
		assertThat(put.statusCode()).isEqualTo(200);

		Uploads.complete(fixture.participant(), chat, started.attachmentId(), "complete-1");

		Item item = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()))
			.transcript()
			.stream()
			.filter((i) -> i.type() == ChatItemType.ATTACHMENT)
			.findFirst()
			.orElseThrow();
		assertThat(item.attachments()).singleElement().satisfies((a) -> {
			assertThat(a.attachmentId()).isEqualTo(started.attachmentId());
			assertThat(a.status()).isEqualTo(ArtifactStatus.APPROVED);
			assertThat(a.attachmentName()).isEqualTo("report.pdf");
		});

		GetAttachmentResponse attachment = fixture.participant()
			.getAttachment((r) -> r.connectionToken(chat.connectionToken())
				.attachmentId(started.attachmentId())
				.urlExpiryInSeconds(60));
		assertThat(attachment.attachmentSizeInBytes()).isEqualTo(content.length);
		HttpResponse<byte[]> download = EmulatorHttp.sendBytes(EmulatorHttp.get(attachment.url()));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(content);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");

		HttpResponse<byte[]> ranged = EmulatorHttp.sendBytes(EmulatorHttp.range(attachment.url(), "bytes=1000-1999"));
		assertThat(ranged.statusCode()).isEqualTo(206);
		assertThat(ranged.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + content.length);
		assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
	}

	@Test
	void eicarContentIsRejected() {
		Clients.Chat chat = fixture.chat("Ada");
		byte[] content = ("prefix " + new String(ObjectStore.EICAR, StandardCharsets.US_ASCII) + " suffix")
			.getBytes(StandardCharsets.US_ASCII);
		Upload started = Uploads.start(fixture.participant(), chat, "virus.txt", "text/plain", content, "u");
		assertThat(EmulatorHttp.send(started.put()).statusCode()).isEqualTo(200);
		Uploads.complete(fixture.participant(), chat, started.attachmentId(), "c");
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(started.attachmentId(),
				"REJECTED");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(started.attachmentId())))
			.withMessageContaining("REJECTED");
	}

}
