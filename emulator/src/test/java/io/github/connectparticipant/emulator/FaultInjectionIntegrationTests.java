package io.github.connectparticipant.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.InternalServerException;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each fault kind over the SDK and over raw HTTP, idempotent replay after
 * {@code DROP_AFTER}, rule scoping ({@code times}, probability with a seed, {@code *}),
 * the control API form and exact request counts.
 */
class FaultInjectionIntegrationTests {

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	/** For the control API, which faults never touch. */
	private static final HttpClient CONTROL = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

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

	// ------------------------------------------------------------ THROTTLE, SERVER_ERROR

	@Test
	void throttleFault() {
		Clients.Chat chat = chat();
		setFaults(FaultRule.times("SendMessage", "THROTTLE", 1), FaultRule.times("UploadObject", "THROTTLE", 1));
		ThrottlingException throttled = catchService(ThrottlingException.class, () -> sendMessage(chat, "hi", null));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(messageCount(chat)).isZero();

		Upload upload = startUpload(chat, content(100), "u");
		HttpResponse<String> put = send(put(upload));
		assertS3Error(put, 503, "SlowDown");
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADING");
		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
	}

	@Test
	void serverErrorFault() {
		Clients.Chat chat = chat();
		setFaults(FaultRule.times("SendMessage", "SERVER_ERROR", 1), FaultRule.times("UploadObject", "SERVER_ERROR", 1),
				FaultRule.times("DownloadObject", "SERVER_ERROR", 1));
		InternalServerException error = catchService(InternalServerException.class, () -> sendMessage(chat, "hi", null));
		assertThat(error.statusCode()).isEqualTo(500);
		assertThat(messageCount(chat)).isZero();

		Upload upload = startUpload(chat, content(100), "u");
		assertS3Error(send(put(upload)), 500, "InternalError");
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADING");
		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		assertS3Error(send(HttpRequest.newBuilder(URI.create(url)).GET().build()), 500, "InternalError");
		assertThat(sendBytes(HttpRequest.newBuilder(URI.create(url)).GET().build()).body())
			.isEqualTo(upload.content());
	}

	// ------------------------------------------------------------ DROP_BEFORE, DROP_AFTER

	@Test
	void dropBeforeClosesTheConnectionAndDoesNothing() {
		Clients.Chat chat = chat();
		setFaults(FaultRule.times("SendMessage", "DROP_BEFORE", 1), FaultRule.times("UploadObject", "DROP_BEFORE", 1));
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> sendMessage(chat, "hi", "m-1"));
		assertThat(messageCount(chat)).isZero();
		// nothing was recorded for the ClientToken either: the retry is a first request
		SendMessageResponse retried = sendMessage(chat, "hi", "m-1");
		assertThat(messageIds(chat)).containsExactly(retried.id());

		Upload upload = startUpload(chat, content(1000), "u");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> freshClient().send(put(upload),
				HttpResponse.BodyHandlers.ofString()));
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADING");
		assertThat(emulator.emulator().requestCount("SendMessage")).isEqualTo(2);
		assertThat(emulator.emulator().requestCount("UploadObject")).isEqualTo(1);
	}

	@Test
	void dropAfterSendMessageTakesEffectAndTheReplayReturnsTheSameId() {
		Clients.Chat chat = chat();
		setFaults(FaultRule.times("SendMessage", "DROP_AFTER", 1));
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> sendMessage(chat, "hello", "m-1"));
		List<String> ids = messageIds(chat);
		assertThat(ids).hasSize(1);

		SendMessageResponse replay = sendMessage(chat, "hello", "m-1");
		assertThat(replay.id()).isEqualTo(ids.get(0));
		assertThat(messageIds(chat)).containsExactly(replay.id());
		assertThat(emulator.emulator().requestCount("SendMessage")).isEqualTo(2);
	}

	@Test
	void dropAfterStartAttachmentUploadTakesEffectAndTheReplayReturnsTheSameAttachment() {
		Clients.Chat chat = chat();
		byte[] content = content(500);
		setFaults(FaultRule.times("StartAttachmentUpload", "DROP_AFTER", 1));
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> startUpload(chat, content, "upload-1"));
		Map<String, String> statuses = emulator.emulator().attachmentStatuses(chat.contactId());
		assertThat(statuses).hasSize(1);

		Upload replay = startUpload(chat, content, "upload-1");
		assertThat(statuses).containsOnlyKeys(replay.attachmentId());
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
		assertThat(send(put(replay)).statusCode()).isEqualTo(200);
		complete(chat, replay.attachmentId(), "c");
		assertThat(attachmentItemCount(chat)).isEqualTo(1);
	}

	@Test
	void dropAfterCompleteAttachmentUploadTakesEffectAndTheReplaySucceedsWithOneTranscriptItem() {
		Clients.Chat chat = chat();
		Upload upload = startUpload(chat, content(500), "u");
		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
		setFaults(FaultRule.times("CompleteAttachmentUpload", "DROP_AFTER", 1));
		assertThatExceptionOfType(SdkClientException.class)
			.isThrownBy(() -> complete(chat, upload.attachmentId(), "complete-1"));
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"APPROVED");
		assertThat(attachmentItemCount(chat)).isEqualTo(1);

		complete(chat, upload.attachmentId(), "complete-1");
		assertThat(attachmentItemCount(chat)).isEqualTo(1);
		assertThat(emulator.emulator().requestCount("CompleteAttachmentUpload")).isEqualTo(2);
	}

	@Test
	void dropAfterUploadObjectStoresTheObjectAndTheRepeatedPutSucceeds() {
		Clients.Chat chat = chat();
		Upload upload = startUpload(chat, content(2000), "u");
		setFaults(FaultRule.times("UploadObject", "DROP_AFTER", 1));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> freshClient().send(put(upload), HttpResponse.BodyHandlers.ofString()));
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADED");

		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		assertThat(attachmentItemCount(chat)).isEqualTo(1);
		assertThat(sendBytes(HttpRequest.newBuilder(URI.create(downloadUrl(chat, upload.attachmentId()))).GET().build())
			.body()).isEqualTo(upload.content());
		assertThat(emulator.emulator().requestCount("UploadObject")).isEqualTo(2);
	}

	// ------------------------------------------------------------ DELAY

	@Test
	void delayHoldsTheResponse() throws Exception {
		Clients.Chat chat = chat();
		Upload upload = startUpload(chat, content(100), "u");
		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		long delay = 300;
		setFaults(FaultRule.times("SendMessage", "DELAY", 1).withDelayMillis(delay),
				FaultRule.times("DownloadObject", "DELAY", 1).withDelayMillis(delay));

		long start = System.nanoTime();
		sendMessage(chat, "slow", null);
		Duration sdk = Duration.ofNanos(System.nanoTime() - start);
		assertThat(sdk).isGreaterThanOrEqualTo(Duration.ofMillis(delay)).isLessThan(Duration.ofSeconds(5));

		start = System.nanoTime();
		HttpResponse<byte[]> download = sendBytes(HttpRequest.newBuilder(URI.create(url)).GET().build());
		Duration http = Duration.ofNanos(System.nanoTime() - start);
		assertThat(download.body()).isEqualTo(upload.content());
		assertThat(http).isGreaterThanOrEqualTo(Duration.ofMillis(delay)).isLessThan(Duration.ofSeconds(5));
		assertThat(messageCount(chat)).isEqualTo(1);
	}

	// ------------------------------------------------------------ TRUNCATE

	@Test
	void truncatedDownloadIsCompletedWithARangeRequest() throws Exception {
		Clients.Chat chat = chat();
		byte[] content = content(200_000);
		Upload upload = startUpload(chat, content, "u");
		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		setFaults(FaultRule.times("DownloadObject", "TRUNCATE", 1).withAfterBytes(50_000));

		HttpResponse<InputStream> response = freshClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		IOException failure = null;
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[8192];
			int n;
			while ((n = in.read(buffer)) != -1) {
				received.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			failure = ex;
		}
		byte[] first = received.toByteArray();
		assertThat(first.length).isLessThan(content.length).isLessThanOrEqualTo(50_000);
		assertThat(failure != null || first.length < content.length).isTrue();
		assertThat(first).isEqualTo(Arrays.copyOf(content, first.length));

		HttpResponse<byte[]> rest = sendBytes(
				HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=" + first.length + "-").GET().build());
		assertThat(rest.statusCode()).isEqualTo(206);
		assertThat(rest.headers().firstValue("Content-Range"))
			.hasValue("bytes " + first.length + "-" + (content.length - 1) + "/" + content.length);
		ByteArrayOutputStream whole = new ByteArrayOutputStream();
		whole.write(first);
		whole.write(rest.body());
		assertThat(whole.toByteArray()).isEqualTo(content);
	}

	// ------------------------------------------------------------ times, probability, *

	@Test
	void timesFaultsExactlyTheNextNMatchingRequests() {
		Clients.Chat chat = chat();
		setFaults(FaultRule.times("SendMessage", "THROTTLE", 3));
		List<Boolean> faulted = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			faulted.add(sendMessageFaulted(chat, "m" + i));
		}
		assertThat(faulted).containsExactly(true, true, true, false, false, false);
		// other operations are not matched and use none of the rule's count
		this.participant.getTranscript((r) -> r.connectionToken(chat.connectionToken()));
		assertThat(messageCount(chat)).isEqualTo(3);
	}

	@Test
	void aSeedMakesProbabilisticFaultsRepeatable() {
		Clients.Chat chat = chat();
		String rules = "{\"seed\": 42, \"rules\": [{\"operation\": \"SendMessage\", \"fault\": \"THROTTLE\", "
				+ "\"probability\": 0.5}]}";
		List<List<Boolean>> runs = new ArrayList<>();
		for (int run = 0; run < 2; run++) {
			assertThat(control("PUT", "/_emulator/faults", rules).statusCode()).isEqualTo(200);
			List<Boolean> faulted = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				faulted.add(sendMessageFaulted(chat, "run" + run + "-" + i));
			}
			runs.add(faulted);
		}
		assertThat(runs.get(1)).isEqualTo(runs.get(0));
		assertThat(runs.get(0)).contains(true, false);
		long succeeded = runs.get(0).stream().filter((f) -> !f).count() * 2;
		assertThat(messageCount(chat)).isEqualTo(succeeded);
	}

	@Test
	void aStarRuleMatchesEveryOperationIncludingObjects() {
		Clients.Chat chat = chat();
		Upload upload = startUpload(chat, content(100), "u");
		setFaults(FaultRule.times("*", "SERVER_ERROR", 3));
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> sendMessage(chat, "x", null));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.participant.getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertS3Error(send(put(upload)), 500, "InternalError");
		// the rule is used up; the control API was never faulted
		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
		sendMessage(chat, "x", null);
		assertThat(messageCount(chat)).isEqualTo(1);
	}

	// ------------------------------------------------------------ control API

	@Test
	void faultsAreInstalledReadAndRemovedThroughTheControlApi() {
		Clients.Chat chat = chat();
		String issueExample = "{\"seed\": 42, \"rules\": [{\"operation\": \"StartAttachmentUpload\", "
				+ "\"fault\": \"THROTTLE\", \"probability\": 0.3}]}";
		HttpResponse<String> put = control("PUT", "/_emulator/faults", issueExample);
		assertThat(put.statusCode()).isEqualTo(200);
		JsonNode rule = JSON.readTree(put.body()).get("rules").get(0);
		assertThat(rule.get("operation").asString()).isEqualTo("StartAttachmentUpload");
		assertThat(rule.get("fault").asString()).isEqualTo("THROTTLE");
		assertThat(rule.get("probability").asDouble()).isEqualTo(0.3);
		assertThat(JSON.readTree(control("GET", "/_emulator/faults", null).body()).get("rules").size()).isEqualTo(1);

		int throttled = 0;
		for (int i = 0; i < 40; i++) {
			int n = i;
			try {
				startUpload(chat, content(10), "u" + n);
			}
			catch (ThrottlingException ex) {
				throttled++;
			}
		}
		assertThat(throttled).isBetween(1, 39);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(40 - throttled);

		HttpResponse<String> delete = control("DELETE", "/_emulator/faults", null);
		assertThat(delete.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(delete.body()).get("rules").size()).isZero();
		for (int i = 0; i < 10; i++) {
			int n = i;
			startUpload(chat, content(10), "after-" + n);
		}
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(50 - throttled);

		HttpResponse<String> timesAndDelay = control("PUT", "/_emulator/faults",
				"{\"rules\": [{\"operation\": \"SendMessage\", \"fault\": \"DROP_AFTER\", \"times\": 1}, "
						+ "{\"operation\": \"DownloadObject\", \"fault\": \"TRUNCATE\", \"afterBytes\": 10}, "
						+ "{\"operation\": \"GetTranscript\", \"fault\": \"DELAY\", \"delayMillis\": 20}]}");
		assertThat(timesAndDelay.statusCode()).isEqualTo(200);
		JsonNode rules = JSON.readTree(timesAndDelay.body()).get("rules");
		assertThat(rules.get(0).get("times").asInt()).isEqualTo(1);
		assertThat(rules.get(1).get("afterBytes").asLong()).isEqualTo(10);
		assertThat(rules.get(2).get("delayMillis").asLong()).isEqualTo(20);
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> sendMessage(chat, "x", "once"));
		assertThat(sendMessage(chat, "x", "once").id()).isNotBlank();
		assertThat(messageCount(chat)).isEqualTo(1);

		assertThat(control("PUT", "/_emulator/faults",
				"{\"rules\": [{\"operation\": \"SendMessage\", \"fault\": \"EXPLODE\"}]}").statusCode()).isEqualTo(400);
	}

	// ------------------------------------------------------------ request counts

	@Test
	void requestCountsEqualTheRequestsSent() {
		Clients.Chat chat = chat();
		setFaults(FaultRule.times("SendMessage", "THROTTLE", 2), FaultRule.times("GetTranscript", "DROP_BEFORE", 1),
				FaultRule.times("DownloadObject", "SERVER_ERROR", 1));
		for (int i = 0; i < 5; i++) {
			sendMessageFaulted(chat, "m" + i);
		}
		for (int i = 0; i < 3; i++) {
			try {
				this.participant.getTranscript((r) -> r.connectionToken(chat.connectionToken()));
			}
			catch (SdkClientException ex) {
				// the dropped one
			}
		}
		Upload upload = startUpload(chat, content(100), "u");
		assertThat(send(put(upload)).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		assertThat(send(HttpRequest.newBuilder(URI.create(url)).GET().build()).statusCode()).isEqualTo(500);
		assertThat(sendBytes(HttpRequest.newBuilder(URI.create(url)).GET().build()).statusCode()).isEqualTo(200);
		assertThat(sendBytes(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build()).statusCode()).isEqualTo(200);
		// a request with another contact's token is counted for that contact only
		Clients.Chat other = chat();
		sendMessage(other, "other", null);

		Map<String, Long> expected = new TreeMap<>(Map.of("CreateParticipantConnection", 1L, "SendMessage", 5L,
				"GetTranscript", 3L, "StartAttachmentUpload", 1L, "UploadObject", 1L, "CompleteAttachmentUpload", 1L,
				"GetAttachment", 1L, "DownloadObject", 3L));
		JsonNode counts = contactState(chat.contactId()).get("requestCounts");
		Map<String, Long> actual = new TreeMap<>();
		counts.properties().forEach((e) -> actual.put(e.getKey(), e.getValue().asLong()));
		assertThat(actual).isEqualTo(expected);

		ConnectParticipantEmulator emu = emulator.emulator();
		assertThat(emu.requestCount("SendMessage")).isEqualTo(6);
		assertThat(emu.requestCount("CreateParticipantConnection")).isEqualTo(2);
		assertThat(emu.requestCount("StartChatContact")).isEqualTo(2);
		assertThat(emu.requestCount("GetTranscript")).isEqualTo(3);
		assertThat(emu.requestCount("DownloadObject")).isEqualTo(3);
		assertThat(emu.requestCount("UploadObject")).isEqualTo(1);
		assertThat(emu.requestCount(chat.contactId(), "SendMessage")).isEqualTo(5);
		assertThat(emu.requestCount(other.contactId(), "SendMessage")).isEqualTo(1);
		assertThat(emu.requestCount("DescribeView")).isZero();
	}

	// ------------------------------------------------------------ helpers

	record Upload(String attachmentId, String url, Map<String, String> headers, byte[] content) {
	}

	private Clients.Chat chat() {
		return Clients.chat(this.connect, this.participant, "Ada");
	}

	private SendMessageResponse sendMessage(Clients.Chat chat, String content, String clientToken) {
		return this.participant.sendMessage((r) -> r.connectionToken(chat.connectionToken())
			.contentType("text/plain")
			.content(content)
			.clientToken(clientToken));
	}

	/** Sends a message; true when it was throttled. */
	private boolean sendMessageFaulted(Clients.Chat chat, String content) {
		try {
			sendMessage(chat, content, null);
			return false;
		}
		catch (ThrottlingException ex) {
			return true;
		}
	}

	private Upload startUpload(Clients.Chat chat, byte[] content, String clientToken) {
		StartAttachmentUploadResponse started = this.participant.startAttachmentUpload((r) -> r
			.connectionToken(chat.connectionToken())
			.attachmentName("data.csv")
			.contentType("text/csv")
			.attachmentSizeInBytes((long) content.length)
			.clientToken(clientToken));
		return new Upload(started.attachmentId(), started.uploadMetadata().url(),
				started.uploadMetadata().headersToInclude(), content);
	}

	private void complete(Clients.Chat chat, String attachmentId, String clientToken) {
		this.participant.completeAttachmentUpload(
				(r) -> r.connectionToken(chat.connectionToken()).attachmentIds(attachmentId).clientToken(clientToken));
	}

	private String downloadUrl(Clients.Chat chat, String attachmentId) {
		return this.participant
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(attachmentId))
			.url();
	}

	private static void setFaults(FaultRule... rules) {
		emulator.emulator().setFaults(0, List.of(rules));
	}

	private static JsonNode contactState(String contactId) {
		HttpResponse<String> response = control("GET", "/_emulator/contacts/" + contactId, null);
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static List<String> messageIds(Clients.Chat chat) {
		List<String> ids = new ArrayList<>();
		contactState(chat.contactId()).get("items").forEach((item) -> {
			if ("MESSAGE".equals(item.get("Type").asString())) {
				ids.add(item.get("Id").asString());
			}
		});
		return ids;
	}

	private static long messageCount(Clients.Chat chat) {
		return messageIds(chat).size();
	}

	private static long attachmentItemCount(Clients.Chat chat) {
		long count = 0;
		for (JsonNode item : contactState(chat.contactId()).get("items")) {
			if ("ATTACHMENT".equals(item.get("Type").asString())) {
				count++;
			}
		}
		return count;
	}

	private static HttpRequest put(Upload upload) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.url()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(upload.content()));
		upload.headers().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Length")) {
				request.header(name, value);
			}
		});
		return request.build();
	}

	private static byte[] content(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static void assertS3Error(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
		assertThat(response.body()).contains("<Error><Code>" + code + "</Code>");
	}

	/**
	 * A client with no pooled connection: the JDK client silently retries a GET whose reused
	 * connection closes before any answer, which would hide a dropped request and add one
	 * to the counts.
	 */
	private static HttpClient freshClient() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return freshClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<byte[]> sendBytes(HttpRequest request) {
		try {
			return freshClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> control(String method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(emulator.baseUri().resolve(path))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return CONTROL.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static <T extends RuntimeException> T catchService(Class<T> type, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			assertThat(ex).isInstanceOf(type);
			return type.cast(ex);
		}
		throw new AssertionError("Expected " + type.getSimpleName());
	}

}
