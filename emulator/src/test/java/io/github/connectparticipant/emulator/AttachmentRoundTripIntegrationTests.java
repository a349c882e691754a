package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ArtifactStatus;
import software.amazon.awssdk.services.connectparticipant.model.ChatItemType;
import software.amazon.awssdk.services.connectparticipant.model.ConflictException;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AttachmentRoundTripIntegrationTests {

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	private ConnectParticipantClient participant;

	private ConnectClient connect;

	@BeforeEach
	void clients() {
		this.participant = Clients.participant(emulator.baseUri());
		this.connect = Clients.connect(emulator.baseUri());
	}

	@AfterEach
	void close() {
		this.participant.close();
		this.connect.close();
	}

	@Test
	void uploadCompleteApproveAndDownload() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		byte[] content = new byte[300_000];
		new Random(7).nextBytes(content);
		StartAttachmentUploadResponse started = this.participant.startAttachmentUpload((r) -> r
			.connectionToken(chat.connectionToken())
			.attachmentName("report.pdf")
			.contentType("application/pdf")
			.attachmentSizeInBytes((long) content.length)
			.clientToken("upload-1"));
		Map<String, String> headers = started.uploadMetadata().headersToInclude();
		assertThat(headers).containsKeys("Content-Type", "Content-Length", "Content-Disposition");
		assertThat(headers.keySet()).anyMatch((h) -> h.startsWith("x-amz-meta-"));

		HttpResponse<String> put = Clients.send(put(started, content, headers));
		assertThat(put.statusCode()).isEqualTo(200);

		this.participant.completeAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
			.attachmentIds(started.attachmentId())
			.clientToken("complete-1"));

		Item item = this.participant.getTranscript((r) -> r.connectionToken(chat.connectionToken()))
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

		GetAttachmentResponse attachment = this.participant.getAttachment((r) -> r
			.connectionToken(chat.connectionToken()).attachmentId(started.attachmentId()).urlExpiryInSeconds(60));
		assertThat(attachment.attachmentSizeInBytes()).isEqualTo(content.length);
		HttpResponse<byte[]> download = sendBytes(HttpRequest.newBuilder(URI.create(attachment.url())).GET().build());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(content);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");

		HttpResponse<byte[]> ranged = sendBytes(
				HttpRequest.newBuilder(URI.create(attachment.url())).header("Range", "bytes=1000-1999").GET().build());
		assertThat(ranged.statusCode()).isEqualTo(206);
		assertThat(ranged.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + content.length);
		assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
	}

	@Test
	void completeBeforeUploadIsAConflict() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		StartAttachmentUploadResponse started = this.participant.startAttachmentUpload((r) -> r
			.connectionToken(chat.connectionToken())
			.attachmentName("a.txt")
			.contentType("text/plain")
			.attachmentSizeInBytes(3L)
			.clientToken("u"));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.participant.completeAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
				.attachmentIds(started.attachmentId())
				.clientToken("c")));
	}

	@Test
	void eicarContentIsRejected() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		byte[] content = ("prefix " + new String(ObjectStore.EICAR, StandardCharsets.US_ASCII) + " suffix")
			.getBytes(StandardCharsets.US_ASCII);
		StartAttachmentUploadResponse started = this.participant.startAttachmentUpload((r) -> r
			.connectionToken(chat.connectionToken())
			.attachmentName("virus.txt")
			.contentType("text/plain")
			.attachmentSizeInBytes((long) content.length)
			.clientToken("u"));
		assertThat(Clients.send(put(started, content, started.uploadMetadata().headersToInclude())).statusCode())
			.isEqualTo(200);
		this.participant.completeAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
			.attachmentIds(started.attachmentId())
			.clientToken("c"));
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(started.attachmentId(),
				"REJECTED");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.participant.getAttachment(
					(r) -> r.connectionToken(chat.connectionToken()).attachmentId(started.attachmentId())))
			.withMessageContaining("REJECTED");
	}

	static HttpRequest put(StartAttachmentUploadResponse started, byte[] content, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(started.uploadMetadata().url()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(content));
		headers.forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Length")) {
				request.header(name, value);
			}
		});
		return request.build();
	}

	static HttpResponse<byte[]> sendBytes(HttpRequest request) {
		try {
			return Clients.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
