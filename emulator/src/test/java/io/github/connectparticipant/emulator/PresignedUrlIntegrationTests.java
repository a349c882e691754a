package io.github.connectparticipant.emulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ArtifactStatus;
import software.amazon.awssdk.services.connectparticipant.model.ChatItemType;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;

import io.github.connectparticipant.emulator.Uploads.Upload;
import io.github.connectparticipant.emulator.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Attachments over the pre-signed upload (PUT) and download (GET) URLs, sent with the
 * JDK's HttpClient: the round trip, the scan's verdict on infected bytes, every refusal,
 * ranges, HEAD and where the object bytes are kept.
 */
class PresignedUrlIntegrationTests {

	private static final String TEMP_PREFIX = "connect-participant-emulator-";

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	// ------------------------------------------------------------ round trip

	@Test
	void uploadCompleteApproveAndDownload(Clients.Chat chat) {
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
	void eicarContentIsRejected(Clients.Chat chat) {
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

	// ------------------------------------------------------------ upload refusals

	@Test
	void anExpiredUploadUrlIsDenied() {
		Upload upload = startUpload(Uploads.content(100));
		fixture.emulator().advanceClock(Duration.ofMinutes(5).plusSeconds(1));
		HttpResponse<String> response = EmulatorHttp.send(upload.put());
		EmulatorHttp.assertS3Error(response, 403, "AccessDenied");
		assertThat(response.body()).contains("Request has expired");
		assertNothingStored(upload);
	}

	@Test
	void anUploadUrlJustBeforeItsExpiryIsAccepted() {
		Upload upload = startUpload(Uploads.content(100));
		fixture.emulator().advanceClock(Duration.ofMinutes(4).plusSeconds(30));
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
	}

	@Test
	void aTamperedSignatureExpiryOrPathDoesNotMatch() {
		Upload upload = startUpload(Uploads.content(100));
		Upload other = startUpload(Uploads.content(100));
		String url = upload.url();
		String signature = queryValue(url, "X-Amz-Signature");
		String flipped = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");
		String expires = queryValue(url, "X-Amz-Expires");
		List<String> tampered = List.of(url.replace("X-Amz-Signature=" + signature, "X-Amz-Signature=" + flipped),
				url.replace("X-Amz-Expires=" + expires, "X-Amz-Expires=" + (Long.parseLong(expires) * 10)),
				url.replace(upload.attachmentId(), other.attachmentId()),
				url.replace("X-Amz-Date=" + queryValue(url, "X-Amz-Date"), "X-Amz-Date=20991231T000000Z"));
		for (String changed : tampered) {
			assertThat(changed).isNotEqualTo(url);
			EmulatorHttp.assertS3Error(EmulatorHttp.send(Uploads.put(changed, upload.content(), upload.headers())), 403,
					"SignatureDoesNotMatch");
		}
		assertNothingStored(upload);
		assertNothingStored(other);
	}

	@Test
	void aSignedHeaderMissingOrDifferentDoesNotMatch() {
		Upload upload = startUpload(Uploads.content(100));
		for (String header : upload.headers().keySet()) {
			if (header.equalsIgnoreCase("Content-Length")) {
				continue;
			}
			Map<String, String> missing = new LinkedHashMap<>(upload.headers());
			missing.remove(header);
			EmulatorHttp.assertS3Error(EmulatorHttp.send(Uploads.put(upload.url(), upload.content(), missing)), 403,
					"SignatureDoesNotMatch");

			Map<String, String> different = new LinkedHashMap<>(upload.headers());
			different.put(header, different.get(header) + "x");
			EmulatorHttp.assertS3Error(EmulatorHttp.send(Uploads.put(upload.url(), upload.content(), different)), 403,
					"SignatureDoesNotMatch");
		}
		assertNothingStored(upload);
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
	}

	@Test
	void aBodyOfAnotherLengthIsRefusedAndStoresNothing() {
		Upload upload = startUpload(Uploads.content(100));
		for (byte[] body : new byte[][] { Uploads.content(99), Uploads.content(101), new byte[0] }) {
			HttpResponse<String> response = EmulatorHttp.send(Uploads.put(upload.url(), body, upload.headers()));
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
		}
		assertNothingStored(upload);
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> Uploads.complete(fixture.participant(), upload.chat(), upload.attachmentId(), "c"));
	}

	@Test
	void aBodyEndingBeforeItsContentLengthIsRefusedAndStoresNothing() {
		Upload upload = startUpload(Uploads.content(100));
		URI url = URI.create(upload.url());
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes((Uploads.rawPutHead(upload.url(), url.getAuthority(), upload.headers()) + "\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		request.writeBytes(Arrays.copyOf(upload.content(), 60));
		RawHttp.Response answer = RawHttp.exchange(url.getHost(), url.getPort(), request.toByteArray(), true,
				Duration.ofSeconds(10));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).contains("<Code>IncompleteBody</Code>");
		assertNothingStored(upload);
		// a complete PUT afterwards succeeds
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
	}

	@Test
	void aChunkedBodyWithoutContentLengthIsRefused() {
		Upload upload = startUpload(Uploads.content(100));
		HttpRequest chunked = Uploads.put(upload.url(),
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload.content())),
				upload.headers());
		HttpResponse<String> response = EmulatorHttp.send(chunked);
		EmulatorHttp.assertS3Error(response, 411, "MissingContentLength");
		assertNothingStored(upload);
	}

	@Test
	void anUploadUrlCannotBeUsedToDownload() {
		Upload upload = startUpload(Uploads.content(100));
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
		complete(upload);
		EmulatorHttp.assertS3Error(EmulatorHttp.send(EmulatorHttp.get(upload.url())), 403, "SignatureDoesNotMatch");
	}

	@Test
	void aPutAfterCompleteIsRefusedUnlessItRepeatsTheSameBytes() {
		Upload upload = startUpload(Uploads.content(100));
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
		// before Complete a PUT may be repeated (a retried upload)
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
		complete(upload);
		// after it, the same bytes again are accepted (a client retrying its whole
		// upload) and change nothing
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
		assertThat(fixture.emulator().attachmentStatuses(upload.contactId())).containsValue("APPROVED");
		byte[] changed = Uploads.content(100);
		changed[0] ^= 1;
		EmulatorHttp.assertS3Error(EmulatorHttp.send(Uploads.put(upload.url(), changed, upload.headers())), 403,
				"AccessDenied");
		assertThat(EmulatorHttp.sendBytes(EmulatorHttp.get(downloadUrl(upload, 60))).body())
			.isEqualTo(upload.content());
	}

	// ------------------------------------------------------------ downloads

	@Test
	void anExpiredDownloadUrlIsDenied() {
		Upload upload = uploadAndComplete(Uploads.content(100));
		String url = downloadUrl(upload, 5);
		assertThat(EmulatorHttp.sendBytes(EmulatorHttp.get(url)).statusCode()).isEqualTo(200);
		fixture.emulator().advanceClock(Duration.ofSeconds(6));
		HttpResponse<String> response = EmulatorHttp.send(EmulatorHttp.get(url));
		EmulatorHttp.assertS3Error(response, 403, "AccessDenied");
		assertThat(response.body()).contains("Request has expired");
		// a new URL works
		assertThat(EmulatorHttp.sendBytes(EmulatorHttp.get(downloadUrl(upload, 5))).body()).isEqualTo(upload.content());
	}

	@Test
	void aTamperedDownloadUrlDoesNotMatch() {
		Upload upload = uploadAndComplete(Uploads.content(100));
		String url = downloadUrl(upload, 60);
		String expires = queryValue(url, "X-Amz-Expires");
		String longerExpiry = url.replace("X-Amz-Expires=" + expires, "X-Amz-Expires=300");
		EmulatorHttp.assertS3Error(EmulatorHttp.send(EmulatorHttp.get(longerExpiry)), 403, "SignatureDoesNotMatch");
		String otherSignature = url.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=00");
		EmulatorHttp.assertS3Error(EmulatorHttp.send(EmulatorHttp.get(otherSignature)), 403, "SignatureDoesNotMatch");
	}

	@Test
	void rangesAreServedAndAnUnsatisfiableRangeIs416() {
		byte[] content = Uploads.content(1000);
		Upload upload = uploadAndComplete(content);
		String url = downloadUrl(upload, 60);

		HttpResponse<byte[]> first = EmulatorHttp.sendBytes(EmulatorHttp.range(url, "bytes=0-0"));
		assertThat(first.statusCode()).isEqualTo(206);
		assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-0/1000");
		assertThat(first.body()).containsExactly(content[0]);

		HttpResponse<byte[]> suffix = EmulatorHttp.sendBytes(EmulatorHttp.range(url, "bytes=-10"));
		assertThat(suffix.statusCode()).isEqualTo(206);
		assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 990-999/1000");
		assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 990, 1000));

		HttpResponse<byte[]> open = EmulatorHttp.sendBytes(EmulatorHttp.range(url, "bytes=100-"));
		assertThat(open.statusCode()).isEqualTo(206);
		assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 100-999/1000");
		assertThat(open.headers().firstValue("Content-Length")).hasValue("900");
		assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 100, 1000));

		HttpResponse<String> unsatisfiable = EmulatorHttp.send(EmulatorHttp.range(url, "bytes=999999999-"));
		EmulatorHttp.assertS3Error(unsatisfiable, 416, "InvalidRange");
		assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */1000");

		HttpResponse<byte[]> whole = EmulatorHttp.sendBytes(EmulatorHttp.get(url));
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(whole.body()).isEqualTo(content);
	}

	@Test
	void headGivesTheContentLength() {
		Upload upload = uploadAndComplete(Uploads.content(1234));
		HttpResponse<byte[]> head = EmulatorHttp.sendBytes(EmulatorHttp.head(downloadUrl(upload, 60)));
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Content-Length")).hasValue("1234");
		assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(head.body()).isEmpty();
	}

	// ------------------------------------------------------------ storage

	@Test
	void objectBytesAreKeptInTheStorageDirectory(@TempDir Path storage) throws IOException {
		Path unrelated = Files.writeString(storage.resolve("unrelated.txt"), "not the emulator's");
		byte[] content = Uploads.content(4096);
		try (ConnectParticipantEmulator own = ConnectParticipantEmulator
			.start(EmulatorSettings.builder().storageDirectory(storage).build());
				ConnectParticipantClient client = Clients.participant(own.baseUri());
				ConnectClient connectClient = Clients.connect(own.baseUri())) {
			Upload upload = uploadAndComplete(client, connectClient, content);
			try (Stream<Path> files = Files.list(storage)) {
				List<Path> stored = files.filter((f) -> !f.equals(unrelated)).toList();
				assertThat(stored).singleElement().satisfies((file) -> {
					assertThat(file.getFileName().toString()).contains(upload.attachmentId());
					assertThat(Files.readAllBytes(file)).isEqualTo(content);
				});
			}
			// reset and close remove the emulator's objects, never other files of the
			// directory
			own.reset();
			assertThat(listNames(storage)).containsExactly("unrelated.txt");
			uploadAndComplete(client, connectClient, content);
			assertThat(listNames(storage)).hasSize(2);
		}
		assertThat(listNames(storage)).containsExactly("unrelated.txt");
		assertThat(storage).isDirectory();
	}

	@Test
	void closingADefaultEmulatorDeletesItsTemporaryDirectory() throws IOException {
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		Set<String> before = tempDirectories(tmp);
		byte[] content = Uploads.content(2048);
		Path directory;
		try (ConnectParticipantEmulator own = ConnectParticipantEmulator.start();
				ConnectParticipantClient client = Clients.participant(own.baseUri());
				ConnectClient connectClient = Clients.connect(own.baseUri())) {
			Upload upload = uploadAndComplete(client, connectClient, content);
			// other processes may create such directories at the same time: find ours by
			// its object
			directory = tempDirectories(tmp).stream()
				.filter((name) -> !before.contains(name))
				.map(tmp::resolve)
				.filter((dir) -> containsObject(dir, upload.attachmentId()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No new " + TEMP_PREFIX + "* directory holds the object"));
			try (Stream<Path> files = Files.list(directory)) {
				assertThat(files.toList()).singleElement()
					.satisfies((file) -> assertThat(Files.readAllBytes(file)).isEqualTo(content));
			}
		}
		assertThat(directory).doesNotExist();
	}

	// ------------------------------------------------------------ helpers

	private Upload startUpload(byte[] content) {
		return startUpload(fixture.participant(), fixture.connect(), content);
	}

	private static Upload startUpload(ConnectParticipantClient participant, ConnectClient connect, byte[] content) {
		Clients.Chat chat = Clients.chat(connect, participant, "Ada");
		return Uploads.start(participant, chat, "notes.txt", "text/plain", content, "upload");
	}

	private Upload uploadAndComplete(byte[] content) {
		return uploadAndComplete(fixture.participant(), fixture.connect(), content);
	}

	private static Upload uploadAndComplete(ConnectParticipantClient participant, ConnectClient connect,
			byte[] content) {
		Clients.Chat chat = Clients.chat(connect, participant, "Ada");
		return Uploads.uploadAndComplete(participant, chat, "notes.txt", "text/plain", content, "upload", "complete");
	}

	private void complete(Upload upload) {
		Uploads.complete(fixture.participant(), upload.chat(), upload.attachmentId(), "complete");
	}

	private String downloadUrl(Upload upload, int expirySeconds) {
		return Uploads.downloadUrl(fixture.participant(), upload.chat(), upload.attachmentId(), expirySeconds);
	}

	private static void assertNothingStored(Upload upload) {
		assertThat(fixture.emulator().attachmentStatuses(upload.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADING");
	}

	private static String queryValue(String url, String name) {
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			if (pair.startsWith(name + "=")) {
				return pair.substring(name.length() + 1);
			}
		}
		throw new AssertionError(name + " not in the URL");
	}

	private static Set<String> tempDirectories(Path tmp) throws IOException {
		try (Stream<Path> entries = Files.list(tmp)) {
			return entries.map((p) -> p.getFileName().toString())
				.filter((name) -> name.startsWith(TEMP_PREFIX))
				.collect(Collectors.toCollection(HashSet::new));
		}
	}

	private static boolean containsObject(Path directory, String attachmentId) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.anyMatch((f) -> f.getFileName().toString().contains(attachmentId));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static List<String> listNames(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((f) -> f.getFileName().toString()).toList();
		}
	}

}
