package io.github.connectparticipant.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter as an application sees it: beans injected, talking to the embedded emulator
 * (switched on, as an application's tests do, so that a region on the machine running
 * them does not matter), health and metrics read over HTTP from the actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "connect.participant.emulator.enabled=true",
				"management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-details=always", "connect.participant.health.cache-time=0s" })
class ConnectParticipantStarterIntegrationTests extends StarterApplicationTestSupport {

	@Autowired
	private AttachmentService attachments;

	@Autowired
	private TranscriptService transcripts;

	@Test
	void uploadsReadsBackAndReportsHealthAndMetrics() throws Exception {
		ConnectParticipantEmulator.StartedChat chat = this.emulator.startChat("Ada");
		ParticipantConnection connection = this.connections.fromParticipantToken(chat.participantToken());
		byte[] content = "hello from the starter".getBytes(StandardCharsets.UTF_8);
		Attachment attachment = this.attachments.upload(connection,
				AttachmentUpload.of(new ByteArrayInputStream(content), content.length, "hello.txt"));
		assertThat(attachment.name()).isEqualTo("hello.txt");
		assertThat(attachment.contentType()).isEqualTo("text/plain");
		Attachment scanned = this.attachments.awaitScan(connection, attachment);
		assertThat(scanned.status()).isEqualTo(AttachmentStatus.APPROVED);
		ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
		this.attachments.download(connection, attachment.id(), downloaded);
		assertThat(downloaded.toByteArray()).isEqualTo(content);
		this.emulator.addMessage(chat.contactId(), "AGENT", "Sam", "Got it");
		List<TranscriptItem> items;
		try (Stream<TranscriptItem> stream = this.transcripts.stream(connection, TranscriptQuery.newestFirst())) {
			items = stream.toList();
		}
		assertThat(items).anyMatch((item) -> "Got it".equals(item.content()));

		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"connectParticipant\"", "\"attachments\"", "\"transcripts\"",
				"\"reachable\":true");
		HttpResponse<String> operations = get("/actuator/metrics/connect.participant.operation");
		assertThat(operations.statusCode()).isEqualTo(200);
		assertThat(operations.body()).contains("attachment.upload", "outcome", "success");
		HttpResponse<String> attempts = get("/actuator/metrics/connect.participant.attempt");
		assertThat(attempts.statusCode()).isEqualTo(200);
		assertThat(attempts.body()).contains("StartAttachmentUpload", "UploadObject", "CompleteAttachmentUpload");
		HttpResponse<String> bytes = get("/actuator/metrics/connect.participant.attachment.bytes?tag=direction:upload");
		assertThat(bytes.statusCode()).isEqualTo(200);
		assertThat(bytes.body()).contains("\"value\":" + content.length + ".0");
		HttpResponse<String> downloadedBytes = get(
				"/actuator/metrics/connect.participant.attachment.bytes?tag=direction:download");
		assertThat(downloadedBytes.body()).contains("\"value\":" + content.length + ".0");
		for (String body : List.of(health.body(), operations.body(), attempts.body())) {
			assertThat(body).doesNotContain(chat.participantToken()).doesNotContain("X-Amz-Signature");
		}
	}

	/**
	 * The application: auto-configured, scanning nothing, as the auto-configuration's own
	 * classes are in this package.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class StarterTestApplication {

	}

}
