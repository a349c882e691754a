package io.github.connectparticipant.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.sample.SampleApi.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full run of the API and the page, with the library and the web layer logging at DEBUG
 * and the AWS SDK at DEBUG, checked for secrets: no ParticipantToken, ConnectionToken or
 * pre-signed URL (the values the SDK client actually received, captured by an
 * interceptor) appears in any response, in the page or in the log output, and nothing
 * anywhere carries {@code X-Amz-Signature}.
 */
// the library at DEBUG from the start: this also gives the test a context of its own,
// started inside the output capture, so the start's log lines are checked too
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.level.io.github.connectparticipant=DEBUG")
@Import(CapturedSecrets.Configuration.class)
@ExtendWith(OutputCaptureExtension.class)
class SecretsIntegrationTests extends SampleAppTestSupport {

	private static final List<String> LOGGERS = List.of("io.github.connectparticipant", "software.amazon.awssdk",
			"org.springframework.web", "org.springframework.boot.actuate");

	private static final String EMULATOR = "io.github.connectparticipant.emulator";

	@Autowired
	CapturedSecrets secrets;

	@BeforeEach
	void verboseLogging() {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		LOGGERS.forEach((logger) -> logging.setLogLevel(logger, LogLevel.DEBUG));
		logging.setLogLevel("io.github.connectparticipant", LogLevel.TRACE);
		// the embedded emulator stands for Amazon Connect: below INFO it logs the chat
		// WebSocket URLs it hands out and the requests its socket server reads (the
		// service's side, for debugging a client), which the application never does
		logging.setLogLevel(EMULATOR, LogLevel.INFO);
	}

	@AfterEach
	void restoreLogging() {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		LOGGERS.forEach((logger) -> logging.setLogLevel(logger, null));
		logging.setLogLevel(EMULATOR, null);
		this.emulator.clearFaults();
	}

	@Test
	void noTokenOrSignedUrlLeavesTheServer(CapturedOutput output) {
		fullRun();

		assertThat(this.secrets.participantTokens).isNotEmpty();
		assertThat(this.secrets.connectionTokens).hasSizeGreaterThanOrEqualTo(2);
		assertThat(this.secrets.signedUrls).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((url) -> assertThat(url).contains("X-Amz-Signature="));
		// the capture saw the start (the emulator's WARN line) and the library's DEBUG
		// lines
		assertThat(output.getAll()).contains("talking to an embedded emulator").contains("connection token");

		List<String> everything = new ArrayList<>();
		everything.add(output.getAll());
		for (Response response : this.api.exchanges()) {
			everything.add(response.headers().toString());
			everything.add(new String(response.body(), StandardCharsets.UTF_8));
		}
		for (String text : everything) {
			for (String secret : this.secrets.all()) {
				assertThat(text).doesNotContain(secret);
			}
			assertThat(text).doesNotContain("X-Amz-Signature").doesNotContain("X-Amz-Credential");
		}
		for (Response response : this.api.exchanges()) {
			assertThat(response.text()).doesNotContainIgnoringCase("ParticipantToken")
				.doesNotContainIgnoringCase("ConnectionToken")
				.doesNotContainIgnoringCase("X-Amz-Bearer");
		}
	}

	private void fullRun() {
		assertThat(this.api.get("/").status()).isEqualTo(200);
		assertThat(this.api.get("/app.js").status()).isEqualTo(200);
		JsonNode chat = this.api.startChat("Ada");
		Map<String, String> links = Map.of("self", chat.get("links").get("self").asString(), "messages",
				chat.get("links").get("messages").asString(), "attachments",
				chat.get("links").get("attachments").asString(), "transcript",
				chat.get("links").get("transcript").asString(), "export", chat.get("links").get("export").asString());
		String contactId = chat.get("contactId").asString();
		assertThat(this.api.get(links.get("self")).status()).isEqualTo(200);
		assertThat(this.api.postJson(links.get("messages"), Map.of("content", "Hello")).status()).isEqualTo(201);
		this.emulator.addMessage(contactId, "AGENT", "Sam", "Hi Ada");

		Response upload = this.api.upload(links.get("attachments"), "order.txt", "text/plain",
				"order".getBytes(StandardCharsets.UTF_8));
		assertThat(upload.status()).isEqualTo(201);
		Response scanned = this.api.upload(links.get("attachments") + "?awaitScan=true", "photo.png", "image/png",
				new byte[] { 1, 2, 3 });
		assertThat(scanned.status()).isEqualTo(201);
		assertThat(this.api.get(upload.json().get("href").asString()).status()).isEqualTo(200);
		assertThat(this.api.get(scanned.json().get("href").asString()).status()).isEqualTo(200);

		// expire the connection token: the library creates a new one from the participant
		// token
		// the clock passes Connect's subscribe rule, which would end this chat nobody
		// subscribes to
		this.emulator.updateSettings((builder) -> builder.subscribeTimeout(Duration.ZERO));
		this.emulator.advanceClock(Duration.ofHours(25));
		assertThat(this.api.postJson(links.get("messages"), Map.of("content", "Still there?")).status()).isEqualTo(201);

		// failures: their problem details and log lines
		this.api.upload(links.get("attachments"), "big.txt", "text/plain", new byte[1024 * 1024 + 1])
			.problem(413, "ATTACHMENT_TOO_LARGE");
		this.api.upload(links.get("attachments"), "setup.exe", "application/octet-stream", new byte[] { 1 })
			.problem(415, "ATTACHMENT_TYPE_NOT_ALLOWED");
		this.api
			.upload(links.get("attachments") + "?awaitScan=true", "eicar.txt", "text/plain",
					EICAR.getBytes(StandardCharsets.US_ASCII))
			.problem(422, "ATTACHMENT_REJECTED");
		this.api.get(links.get("attachments") + "/unknown").problem(404, "UNKNOWN_ATTACHMENT");
		this.emulator.setFaults(3, List.of(FaultRule.always("GetTranscript", "THROTTLE")));
		this.api.get(links.get("transcript")).problem(429, "THROTTLED");
		this.emulator.setFaults(3, List.of(FaultRule.always("GetAttachment", "SERVER_ERROR")));
		this.api.get(upload.json().get("href").asString()).problem(503, "SERVICE_UNAVAILABLE");
		this.emulator.setFaults(3, List.of(FaultRule.times("DownloadObject", "TRUNCATE", 1).withAfterBytes(2),
				FaultRule.times("UploadObject", "DROP_BEFORE", 1)));
		assertThat(this.api.get(upload.json().get("href").asString()).status()).isEqualTo(200);
		assertThat(this.api.upload(links.get("attachments"), "retried.txt", "text/plain", new byte[] { 'x' }).status())
			.isEqualTo(201);
		this.emulator.clearFaults();

		assertThat(this.api.get(links.get("transcript") + "?direction=FORWARD&pageSize=2").status()).isEqualTo(200);
		assertThat(this.api.get(links.get("export")).status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/health").status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/metrics/connect.participant.attempt").status()).isEqualTo(200);

		this.emulator.endChat(contactId);
		this.api.postJson(links.get("messages"), Map.of("content", "Bye")).problem(409, "CHAT_ENDED");
		assertThat(this.api.get(links.get("export")).status()).isEqualTo(200);
	}

}
