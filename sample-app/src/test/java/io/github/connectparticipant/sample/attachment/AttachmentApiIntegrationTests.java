package io.github.connectparticipant.sample.attachment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.sample.SampleApi.Response;
import io.github.connectparticipant.sample.SampleAppTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/chats/{chat}/attachments} and {@code GET
 * /api/chats/{chat}/attachments/{id}} over HTTP, through the embedded emulator. The test
 * profile sets the largest attachment to 1 MB.
 */
class AttachmentApiIntegrationTests extends SampleAppTestSupport {

	private static final int MAX_SIZE = 1024 * 1024;

	JsonNode chat;

	@BeforeEach
	void startChat() {
		this.chat = this.api.startChat("Ada");
	}

	@AfterEach
	void restoreEmulator() {
		this.emulator.clearFaults();
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ZERO));
	}

	private String attachments() {
		return this.chat.get("links").get("attachments").asString();
	}

	private String contactId() {
		return this.chat.get("contactId").asString();
	}

	@Test
	void uploadsAFile() {
		byte[] content = "Order 1234: two boxes".getBytes(StandardCharsets.UTF_8);
		Response response = this.api.upload(attachments(), "order.txt", "text/plain", content);
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		JsonNode attachment = response.json();
		String id = attachment.get("id").asString();
		assertThat(attachment.get("name").asString()).isEqualTo("order.txt");
		assertThat(attachment.get("contentType").asString()).isEqualTo("text/plain");
		assertThat(attachment.get("size").asLong()).isEqualTo(content.length);
		assertThat(attachment.get("status").asString()).isIn("IN_PROGRESS", "APPROVED");
		assertThat(attachment.get("href").asString()).isEqualTo(attachments() + "/" + id);
		assertThat(response.header("Location")).isEqualTo(attachments() + "/" + id);
		assertThat(this.emulator.attachmentStatuses(contactId())).containsEntry(id, "APPROVED");
	}

	@Test
	void uploadWaitingForTheScanIsApproved() {
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ofMillis(300)));
		Response response = this.api.upload(attachments() + "?awaitScan=true", "photo.png", "image/png",
				new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		assertThat(response.json().get("status").asString()).isEqualTo("APPROVED");
		assertThat(response.json().get("contentType").asString()).isEqualTo("image/png");
	}

	/**
	 * The stored name is the last segment of the part's file name; the type comes from
	 * the name's extension, or from the part's {@code Content-Type} when the name has
	 * none.
	 */
	@ParameterizedTest(name = "{0} sent as {1}: {2}, {3}")
	@CsvSource({ "'C:\\\\Users\\\\ada\\\\notes.txt', text/plain, notes.txt, text/plain",
			"README, text/plain, README, text/plain", "photo.png, text/plain, photo.png, image/png" })
	void uploadIsNamedAndTypedFromItsFileName(String fileName, String partType, String name, String contentType) {
		Response response = this.api.upload(attachments(), fileName, partType,
				"content".getBytes(StandardCharsets.UTF_8));
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		assertThat(response.json().get("name").asString()).isEqualTo(name);
		assertThat(response.json().get("contentType").asString()).isEqualTo(contentType);
	}

	@Test
	void fileAtTheLimitIsAccepted() {
		Response response = this.api.upload(attachments(), "full.txt", "text/plain", new byte[MAX_SIZE]);
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		assertThat(response.json().get("size").asLong()).isEqualTo(MAX_SIZE);
	}

	@Test
	void tooLargeFileIs413AndNothingIsSent() {
		JsonNode problem = this.api.upload(attachments(), "big.txt", "text/plain", new byte[MAX_SIZE + 1])
			.problem(413, "ATTACHMENT_TOO_LARGE");
		assertThat(problem.get("detail").asString()).contains("1 MB");
		assertThat(this.emulator.requestCount(contactId(), "StartAttachmentUpload")).isZero();
	}

	@Test
	void typeOutsideTheAllowListIs415AndNothingIsSent() {
		JsonNode problem = this.api
			.upload(attachments(), "setup.exe", "application/octet-stream", new byte[] { 'M', 'Z' })
			.problem(415, "ATTACHMENT_TYPE_NOT_ALLOWED");
		assertThat(problem.get("rule").asString()).isEqualTo("TYPE_NOT_ALLOWED");
		// a type the client claims does not override the name's extension
		this.api.upload(attachments(), "setup.exe", "text/plain", new byte[] { 'M', 'Z' })
			.problem(415, "ATTACHMENT_TYPE_NOT_ALLOWED");
		this.api.upload(attachments(), "script", "application/x-sh", new byte[] { '#', '!' })
			.problem(415, "ATTACHMENT_TYPE_NOT_ALLOWED");
		assertThat(this.emulator.requestCount(contactId(), "StartAttachmentUpload")).isZero();
	}

	@Test
	void tooManyPartsIs413SayingSoAndNothingIsSent() {
		String boundary = "many-parts";
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 60; i++) {
			body.append(
					"--" + boundary + "\r\nContent-Disposition: form-data; name=\"field" + i + "\"\r\n\r\nvalue\r\n");
		}
		body.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\nx\r\n--" + boundary + "--\r\n");
		JsonNode problem = this.api.post(attachments(), "multipart/form-data; boundary=" + boundary, body.toString())
			.problem(413, "TOO_MANY_PARTS");
		assertThat(problem.get("detail").asString()).contains("more parts").doesNotContain("larger");
		assertThat(this.emulator.requestCount(contactId(), "StartAttachmentUpload")).isZero();
	}

	@Test
	void partHeadersTooLongAre400SayingSoAndNothingIsSent() {
		JsonNode problem = this.api.upload(attachments(), "n".repeat(5000) + ".txt", "text/plain", new byte[] { 'x' })
			.problem(400, "PART_HEADERS_TOO_LARGE");
		assertThat(problem.get("detail").asString()).contains("headers are longer").doesNotContain("larger than");
		assertThat(this.emulator.requestCount(contactId(), "StartAttachmentUpload")).isZero();
	}

	@Test
	void emptyFileIs400() {
		JsonNode problem = this.api.upload(attachments(), "empty.txt", "text/plain", new byte[0])
			.problem(400, "INVALID_ATTACHMENT");
		assertThat(problem.get("rule").asString()).isEqualTo("EMPTY");
	}

	@Test
	void nameWithControlCharactersIs400() {
		JsonNode problem = this.api.upload(attachments(), "bad\u0007name.txt", "text/plain", new byte[] { 'x' })
			.problem(400, "INVALID_ATTACHMENT");
		assertThat(problem.get("rule").asString()).isEqualTo("NAME_CONTROL_CHARACTERS");
	}

	@Test
	void missingFilePartIs400() {
		this.api.multipart(attachments(), "document", "order.txt", "text/plain", new byte[] { 'x' })
			.problem(400, "BAD_REQUEST");
	}

	@Test
	void bodyThatIsNotMultipartIs415() {
		this.api.postJson(attachments(), "{}").problem(415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void uploadToUnknownChatIs404() {
		this.api.upload("/api/chats/unknown/attachments", "order.txt", "text/plain", new byte[] { 'x' })
			.problem(404, "UNKNOWN_CHAT");
	}

	@Test
	void uploadToAnEndedChatIs409() {
		this.emulator.endChat(contactId());
		this.api.upload(attachments(), "late.txt", "text/plain", new byte[] { 'x' }).problem(409, "CHAT_ENDED");
	}

	@Test
	void uploadRejectedByTheScanIs422() {
		JsonNode problem = this.api
			.upload(attachments() + "?awaitScan=true", "eicar.txt", "text/plain",
					EICAR.getBytes(StandardCharsets.US_ASCII))
			.problem(422, "ATTACHMENT_REJECTED");
		assertThat(this.emulator.attachmentStatuses(contactId())).containsEntry(problem.get("attachmentId").asString(),
				"REJECTED");
	}

	@Test
	void throttledUploadIs429AfterRetries() {
		this.emulator.setFaults(1, List.of(FaultRule.always("StartAttachmentUpload", "THROTTLE")));
		Response response = this.api.upload(attachments(), "order.txt", "text/plain", new byte[] { 'x' });
		JsonNode problem = response.problem(429, "THROTTLED");
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(problem.get("operation").asString()).isEqualTo("StartAttachmentUpload");
		assertThat(problem.get("attempts").asInt()).isEqualTo(4);
	}

	@Test
	void uploadToAFailingStoreIs503AfterRetries() {
		this.emulator.setFaults(1, List.of(FaultRule.always("UploadObject", "SERVER_ERROR")));
		JsonNode problem = this.api.upload(attachments(), "order.txt", "text/plain", new byte[] { 'x' })
			.problem(503, "SERVICE_UNAVAILABLE");
		assertThat(problem.get("operation").asString()).isEqualTo("UploadObject");
	}

	@Test
	void downloadsTheFileWithItsTypeAndName() {
		byte[] content = "%PDF-1.4 invoice".getBytes(StandardCharsets.US_ASCII);
		String href = this.api.upload(attachments(), "invoice.pdf", "application/pdf", content)
			.json()
			.get("href")
			.asString();
		Response download = this.api.get(href);
		assertThat(download.status()).as(download.text()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(content);
		assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
		assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"invoice.pdf\"");
		assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void downloadNameIsSafeInTheHeader() {
		// sent as a quoted string with escaped quotes, as clients do; kept as the
		// attachment's name
		String sent = "\\\"quoted\\\";name=evil\u202Etxt.exe r\u00e9sum\u00e9.txt";
		Response upload = this.api.upload(attachments(), sent, "text/plain", new byte[] { 'x' });
		assertThat(upload.status()).as(upload.text()).isEqualTo(201);
		assertThat(upload.json().get("name").asString())
			.isEqualTo("\"quoted\";name=evil\u202Etxt.exe r\u00e9sum\u00e9.txt");
		Response download = this.api.get(upload.json().get("href").asString());
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"_quoted_;name=evil_txt.exe r_sum_.txt\"; "
					+ "filename*=UTF-8''%22quoted%22%3Bname%3Devil_txt.exe%20r%C3%A9sum%C3%A9.txt");
	}

	@Test
	void unknownAttachmentIs404() {
		this.api.upload(attachments(), "order.txt", "text/plain", new byte[] { 'x' });
		this.api.get(attachments() + "/no-such-attachment").problem(404, "UNKNOWN_ATTACHMENT");
	}

	@Test
	void downloadFromUnknownChatIs404() {
		this.api.get("/api/chats/unknown/attachments/some-id").problem(404, "UNKNOWN_CHAT");
	}

	@Test
	void attachmentStillScannedIs409() {
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ofMinutes(5)));
		String href = uploadedHref("order.txt", new byte[] { 'x' });
		JsonNode problem = this.api.get(href).problem(409, "ATTACHMENT_NOT_DOWNLOADABLE");
		assertThat(problem.get("attachmentStatus").asString()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void rejectedAttachmentIs409() {
		String href = uploadedHref("eicar.txt", EICAR.getBytes(StandardCharsets.US_ASCII));
		JsonNode problem = this.api.get(href).problem(409, "ATTACHMENT_NOT_DOWNLOADABLE");
		assertThat(problem.get("attachmentStatus").asString()).isEqualTo("REJECTED");
	}

	/**
	 * GetAttachment throttled or failing on every attempt: a problem detail naming the
	 * operation, which asks the client to come back.
	 */
	@ParameterizedTest(name = "{0}: {1} {2}")
	@CsvSource({ "THROTTLE, 429, THROTTLED", "SERVER_ERROR, 503, SERVICE_UNAVAILABLE" })
	void downloadFromAServiceFailingOnEveryAttemptIsAnsweredAfterRetries(String fault, int status, String code) {
		String href = uploadedHref("order.txt", new byte[] { 'x' });
		this.emulator.setFaults(1, List.of(FaultRule.always("GetAttachment", fault)));
		Response response = this.api.get(href);
		JsonNode problem = response.problem(status, code);
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(problem.get("operation").asString()).isEqualTo("GetAttachment");
	}

	private String uploadedHref(String name, byte[] content) {
		Response upload = this.api.upload(attachments(), name, "text/plain", content);
		assertThat(upload.status()).as(upload.text()).isEqualTo(201);
		return upload.json().get("href").asString();
	}

}
