package io.github.connectparticipant.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.connectparticipant.model.InternalServerException;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;
import tools.jackson.databind.JsonNode;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.Uploads.Upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each fault kind over the SDK and over raw HTTP, idempotent replay after
 * {@code DROP_AFTER}, rule scoping ({@code times}, probability with a seed, {@code *}),
 * the control API form and exact request counts.
 */
class FaultInjectionIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	// ------------------------------------------------------------ THROTTLE, SERVER_ERROR

	@Test
	void throttleFault(Clients.Chat chat) {
		setFaults(FaultRule.times("SendMessage", "THROTTLE", 1), FaultRule.times("UploadObject", "THROTTLE", 1));
		ThrottlingException throttled = Clients.thrownBy(ThrottlingException.class,
				() -> fixture.sendMessage(chat, "hi"));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(messageCount(chat)).isZero();

		Upload upload = startUpload(chat, Uploads.content(100), "u");
		HttpResponse<String> put = send(upload.put());
		EmulatorHttp.assertS3Error(put, 503, "SlowDown");
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADING");
		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
	}

	@Test
	void serverErrorFault(Clients.Chat chat) {
		setFaults(FaultRule.times("SendMessage", "SERVER_ERROR", 1), FaultRule.times("UploadObject", "SERVER_ERROR", 1),
				FaultRule.times("DownloadObject", "SERVER_ERROR", 1));
		InternalServerException error = Clients.thrownBy(InternalServerException.class,
				() -> fixture.sendMessage(chat, "hi"));
		assertThat(error.statusCode()).isEqualTo(500);
		assertThat(messageCount(chat)).isZero();

		Upload upload = startUpload(chat, Uploads.content(100), "u");
		EmulatorHttp.assertS3Error(send(upload.put()), 500, "InternalError");
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADING");
		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		EmulatorHttp.assertS3Error(send(EmulatorHttp.get(url)), 500, "InternalError");
		assertThat(sendBytes(EmulatorHttp.get(url)).body()).isEqualTo(upload.content());
	}

	// ------------------------------------------------------------ DROP_BEFORE,
	// DROP_AFTER

	@Test
	void dropBeforeClosesTheConnectionAndDoesNothing(Clients.Chat chat) {
		setFaults(FaultRule.times("SendMessage", "DROP_BEFORE", 1), FaultRule.times("UploadObject", "DROP_BEFORE", 1));
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> fixture.sendMessage(chat, "hi", "m-1"));
		assertThat(messageCount(chat)).isZero();
		// nothing was recorded for the ClientToken either: the retry is a first request
		SendMessageResponse retried = fixture.sendMessage(chat, "hi", "m-1");
		assertThat(messageIds(chat)).containsExactly(retried.id());

		Upload upload = startUpload(chat, Uploads.content(1000), "u");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> EmulatorHttp.newClient().send(upload.put(), HttpResponse.BodyHandlers.ofString()));
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADING");
		assertThat(fixture.emulator().requestCount("SendMessage")).isEqualTo(2);
		assertThat(fixture.emulator().requestCount("UploadObject")).isEqualTo(1);
	}

	@Test
	void dropAfterSendMessageTakesEffectAndTheReplayReturnsTheSameId(Clients.Chat chat) {
		setFaults(FaultRule.times("SendMessage", "DROP_AFTER", 1));
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> fixture.sendMessage(chat, "hello", "m-1"));
		List<String> ids = messageIds(chat);
		assertThat(ids).hasSize(1);

		SendMessageResponse replay = fixture.sendMessage(chat, "hello", "m-1");
		assertThat(replay.id()).isEqualTo(ids.get(0));
		assertThat(messageIds(chat)).containsExactly(replay.id());
		assertThat(fixture.emulator().requestCount("SendMessage")).isEqualTo(2);
	}

	@Test
	void dropAfterStartAttachmentUploadTakesEffectAndTheReplayReturnsTheSameAttachment(Clients.Chat chat) {
		byte[] content = Uploads.content(500);
		setFaults(FaultRule.times("StartAttachmentUpload", "DROP_AFTER", 1));
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> startUpload(chat, content, "upload-1"));
		Map<String, String> statuses = fixture.emulator().attachmentStatuses(chat.contactId());
		assertThat(statuses).hasSize(1);

		Upload replay = startUpload(chat, content, "upload-1");
		assertThat(statuses).containsOnlyKeys(replay.attachmentId());
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
		assertThat(send(replay.put()).statusCode()).isEqualTo(200);
		complete(chat, replay.attachmentId(), "c");
		assertThat(fixture.attachmentItems(chat.contactId())).isEqualTo(1);
	}

	@Test
	void dropAfterCompleteAttachmentUploadTakesEffectAndTheReplaySucceedsWithOneTranscriptItem(Clients.Chat chat) {
		Upload upload = startUpload(chat, Uploads.content(500), "u");
		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
		setFaults(FaultRule.times("CompleteAttachmentUpload", "DROP_AFTER", 1));
		assertThatExceptionOfType(SdkClientException.class)
			.isThrownBy(() -> complete(chat, upload.attachmentId(), "complete-1"));
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"APPROVED");
		assertThat(fixture.attachmentItems(chat.contactId())).isEqualTo(1);

		complete(chat, upload.attachmentId(), "complete-1");
		assertThat(fixture.attachmentItems(chat.contactId())).isEqualTo(1);
		assertThat(fixture.emulator().requestCount("CompleteAttachmentUpload")).isEqualTo(2);
	}

	@Test
	void dropAfterUploadObjectStoresTheObjectAndTheRepeatedPutSucceeds(Clients.Chat chat) {
		Upload upload = startUpload(chat, Uploads.content(2000), "u");
		setFaults(FaultRule.times("UploadObject", "DROP_AFTER", 1));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> EmulatorHttp.newClient().send(upload.put(), HttpResponse.BodyHandlers.ofString()));
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(),
				"UPLOADED");

		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		assertThat(fixture.attachmentItems(chat.contactId())).isEqualTo(1);
		assertThat(sendBytes(EmulatorHttp.get(downloadUrl(chat, upload.attachmentId()))).body())
			.isEqualTo(upload.content());
		assertThat(fixture.emulator().requestCount("UploadObject")).isEqualTo(2);
	}

	// ------------------------------------------------------------ DELAY

	@Test
	void delayHoldsTheResponse(Clients.Chat chat) throws Exception {
		Upload upload = startUpload(chat, Uploads.content(100), "u");
		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		long delay = 300;
		setFaults(FaultRule.times("SendMessage", "DELAY", 1).withDelayMillis(delay),
				FaultRule.times("DownloadObject", "DELAY", 1).withDelayMillis(delay));

		long start = System.nanoTime();
		fixture.sendMessage(chat, "slow");
		Duration sdk = Duration.ofNanos(System.nanoTime() - start);
		assertThat(sdk).isGreaterThanOrEqualTo(Duration.ofMillis(delay)).isLessThan(Duration.ofSeconds(5));

		start = System.nanoTime();
		HttpResponse<byte[]> download = sendBytes(EmulatorHttp.get(url));
		Duration http = Duration.ofNanos(System.nanoTime() - start);
		assertThat(download.body()).isEqualTo(upload.content());
		assertThat(http).isGreaterThanOrEqualTo(Duration.ofMillis(delay)).isLessThan(Duration.ofSeconds(5));
		assertThat(messageCount(chat)).isEqualTo(1);
	}

	// ------------------------------------------------------------ TRUNCATE

	@Test
	void truncatedDownloadIsCompletedWithARangeRequest(Clients.Chat chat) throws Exception {
		byte[] content = Uploads.content(200_000);
		Upload upload = startUpload(chat, content, "u");
		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		setFaults(FaultRule.times("DownloadObject", "TRUNCATE", 1).withAfterBytes(50_000));

		HttpResponse<InputStream> response = EmulatorHttp.newClient()
			.send(EmulatorHttp.get(url), HttpResponse.BodyHandlers.ofInputStream());
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

		HttpResponse<byte[]> rest = sendBytes(EmulatorHttp.range(url, "bytes=" + first.length + "-"));
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
	void timesFaultsExactlyTheNextNMatchingRequests(Clients.Chat chat) {
		setFaults(FaultRule.times("SendMessage", "THROTTLE", 3));
		List<Boolean> faulted = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			faulted.add(sendMessageFaulted(chat, "m" + i));
		}
		assertThat(faulted).containsExactly(true, true, true, false, false, false);
		// other operations are not matched and use none of the rule's count
		fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken()));
		assertThat(messageCount(chat)).isEqualTo(3);
	}

	@Test
	void aSeedMakesProbabilisticFaultsRepeatable(Clients.Chat chat) {
		String rules = "{\"seed\": 42, \"rules\": [{\"operation\": \"SendMessage\", \"fault\": \"THROTTLE\", "
				+ "\"probability\": 0.5}]}";
		List<List<Boolean>> runs = new ArrayList<>();
		for (int run = 0; run < 2; run++) {
			assertThat(fixture.control("PUT", "/_emulator/faults", rules).statusCode()).isEqualTo(200);
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
	void aStarRuleMatchesEveryOperationIncludingObjects(Clients.Chat chat) {
		Upload upload = startUpload(chat, Uploads.content(100), "u");
		setFaults(FaultRule.times("*", "SERVER_ERROR", 3));
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> fixture.sendMessage(chat, "x"));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		EmulatorHttp.assertS3Error(send(upload.put()), 500, "InternalError");
		// the rule is used up; the control API was never faulted
		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
		fixture.sendMessage(chat, "x");
		assertThat(messageCount(chat)).isEqualTo(1);
	}

	// ------------------------------------------------------------ control API

	@Test
	void faultsAreInstalledReadAndRemovedThroughTheControlApi(Clients.Chat chat) {
		String seededRule = "{\"seed\": 42, \"rules\": [{\"operation\": \"StartAttachmentUpload\", "
				+ "\"fault\": \"THROTTLE\", \"probability\": 0.3}]}";
		HttpResponse<String> put = fixture.control("PUT", "/_emulator/faults", seededRule);
		assertThat(put.statusCode()).isEqualTo(200);
		JsonNode rule = EmulatorHttp.json(put).get("rules").get(0);
		assertThat(rule.get("operation").asString()).isEqualTo("StartAttachmentUpload");
		assertThat(rule.get("fault").asString()).isEqualTo("THROTTLE");
		assertThat(rule.get("probability").asDouble()).isEqualTo(0.3);
		assertThat(EmulatorHttp.json(fixture.control("GET", "/_emulator/faults", null)).get("rules").size())
			.isEqualTo(1);

		int throttled = 0;
		for (int i = 0; i < 40; i++) {
			int n = i;
			try {
				startUpload(chat, Uploads.content(10), "u" + n);
			}
			catch (ThrottlingException ex) {
				throttled++;
			}
		}
		assertThat(throttled).isBetween(1, 39);
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).hasSize(40 - throttled);

		HttpResponse<String> delete = fixture.control("DELETE", "/_emulator/faults", null);
		assertThat(delete.statusCode()).isEqualTo(200);
		assertThat(EmulatorHttp.json(delete).get("rules").size()).isZero();
		for (int i = 0; i < 10; i++) {
			int n = i;
			startUpload(chat, Uploads.content(10), "after-" + n);
		}
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).hasSize(50 - throttled);

		HttpResponse<String> timesAndDelay = fixture.control("PUT", "/_emulator/faults",
				"{\"rules\": [{\"operation\": \"SendMessage\", \"fault\": \"DROP_AFTER\", \"times\": 1}, "
						+ "{\"operation\": \"DownloadObject\", \"fault\": \"TRUNCATE\", \"afterBytes\": 10}, "
						+ "{\"operation\": \"GetTranscript\", \"fault\": \"DELAY\", \"delayMillis\": 20}]}");
		assertThat(timesAndDelay.statusCode()).isEqualTo(200);
		JsonNode rules = EmulatorHttp.json(timesAndDelay).get("rules");
		assertThat(rules.get(0).get("times").asInt()).isEqualTo(1);
		assertThat(rules.get(1).get("afterBytes").asLong()).isEqualTo(10);
		assertThat(rules.get(2).get("delayMillis").asLong()).isEqualTo(20);
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> fixture.sendMessage(chat, "x", "once"));
		assertThat(fixture.sendMessage(chat, "x", "once").id()).isNotBlank();
		assertThat(messageCount(chat)).isEqualTo(1);

		assertThat(fixture
			.control("PUT", "/_emulator/faults",
					"{\"rules\": [{\"operation\": \"SendMessage\", \"fault\": \"EXPLODE\"}]}")
			.statusCode()).isEqualTo(400);
	}

	// ------------------------------------------------------------ request counts

	@Test
	void requestCountsEqualTheRequestsSent(Clients.Chat chat) {
		setFaults(FaultRule.times("SendMessage", "THROTTLE", 2), FaultRule.times("GetTranscript", "DROP_BEFORE", 1),
				FaultRule.times("DownloadObject", "SERVER_ERROR", 1));
		for (int i = 0; i < 5; i++) {
			sendMessageFaulted(chat, "m" + i);
		}
		for (int i = 0; i < 3; i++) {
			try {
				fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken()));
			}
			catch (SdkClientException ex) {
				// the dropped one
			}
		}
		Upload upload = startUpload(chat, Uploads.content(100), "u");
		assertThat(send(upload.put()).statusCode()).isEqualTo(200);
		complete(chat, upload.attachmentId(), "c");
		String url = downloadUrl(chat, upload.attachmentId());
		assertThat(send(EmulatorHttp.get(url)).statusCode()).isEqualTo(500);
		assertThat(sendBytes(EmulatorHttp.get(url)).statusCode()).isEqualTo(200);
		assertThat(sendBytes(EmulatorHttp.head(url)).statusCode()).isEqualTo(200);
		// a request with another contact's token is counted for that contact only
		Clients.Chat other = fixture.chat("Ada");
		fixture.sendMessage(other, "other");

		Map<String, Long> expected = new TreeMap<>(Map.of("CreateParticipantConnection", 1L, "SendMessage", 5L,
				"GetTranscript", 3L, "StartAttachmentUpload", 1L, "UploadObject", 1L, "CompleteAttachmentUpload", 1L,
				"GetAttachment", 1L, "DownloadObject", 3L));
		JsonNode counts = fixture.contactState(chat.contactId()).get("requestCounts");
		Map<String, Long> actual = new TreeMap<>();
		counts.properties().forEach((e) -> actual.put(e.getKey(), e.getValue().asLong()));
		assertThat(actual).isEqualTo(expected);

		ConnectParticipantEmulator emu = fixture.emulator();
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

	/** Sends a message; true when it was throttled. */
	private boolean sendMessageFaulted(Clients.Chat chat, String content) {
		try {
			fixture.sendMessage(chat, content);
			return false;
		}
		catch (ThrottlingException ex) {
			return true;
		}
	}

	private Upload startUpload(Clients.Chat chat, byte[] content, String clientToken) {
		return Uploads.start(fixture.participant(), chat, "data.csv", "text/csv", content, clientToken);
	}

	private void complete(Clients.Chat chat, String attachmentId, String clientToken) {
		Uploads.complete(fixture.participant(), chat, attachmentId, clientToken);
	}

	private String downloadUrl(Clients.Chat chat, String attachmentId) {
		return Uploads.downloadUrl(fixture.participant(), chat, attachmentId, null);
	}

	private static void setFaults(FaultRule... rules) {
		fixture.emulator().setFaults(0, List.of(rules));
	}

	private static List<String> messageIds(Clients.Chat chat) {
		List<String> ids = new ArrayList<>();
		fixture.contactState(chat.contactId()).get("items").forEach((item) -> {
			if ("MESSAGE".equals(item.get("Type").asString())) {
				ids.add(item.get("Id").asString());
			}
		});
		return ids;
	}

	private static long messageCount(Clients.Chat chat) {
		return messageIds(chat).size();
	}

	/** The control API, which faults never touch. */
	/**
	 * Sends to an object URL on a connection of its own, so that each request the test
	 * sends reaches the emulator exactly once (see {@link EmulatorHttp#newClient()}).
	 */
	private static HttpResponse<String> send(HttpRequest request) {
		return EmulatorHttp.sendOnNewConnection(request);
	}

	/** As {@link #send(HttpRequest)}, with the body as bytes. */
	private static HttpResponse<byte[]> sendBytes(HttpRequest request) {
		return EmulatorHttp.sendBytesOnNewConnection(request);
	}

}
