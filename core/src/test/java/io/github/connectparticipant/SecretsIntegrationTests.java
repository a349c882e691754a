package io.github.connectparticipant;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentLink;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.DefaultAttachmentService;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.EmulatorSettings;
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;
import io.github.connectparticipant.transcript.DefaultTranscriptService;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection tokens, participant tokens and pre-signed URLs never reach the logs (the
 * library's at TRACE, Spring Retry's and the SDK's at DEBUG), an exception's message,
 * causes or stack trace, or a {@code toString()}, through flows that retry, refresh,
 * restart and fail.
 */
@Timeout(60)
class SecretsIntegrationTests {

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension(
			EmulatorSettings.builder().connectionTokenExpiry(Duration.ofMinutes(30)).build());

	private static ConnectParticipantClient client;

	private static HttpClient http;

	@BeforeAll
	static void createClients() {
		client = TestClients.participant(emulator.baseUri());
		http = TestClients.http();
	}

	@AfterAll
	static void closeClients() {
		client.close();
	}

	private ConnectParticipantEmulator emulator() {
		return emulator.emulator();
	}

	@Test
	void secretsNeverShow() {
		ConnectParticipantSettings settings = TestClients.fastSettings().build();
		Set<String> secrets = new LinkedHashSet<>();
		List<Object> shown = new ArrayList<>();
		String logs;
		try (LogCapture capture = LogCapture.start(Level.TRACE, "io.github.connectparticipant", "org.springframework.retry",
				"software.amazon.awssdk")) {
			StartedChat chat = emulator().startChat("Customer");
			secrets.add(chat.participantToken());
			ParticipantConnection connection = new ParticipantConnectionFactory(client, settings)
				.fromParticipantToken(chat.participantToken());
			secrets.add(connection.connectionToken());
			AttachmentService attachments = new DefaultAttachmentService(client, http, settings);
			TranscriptService transcripts = new DefaultTranscriptService(client, settings);

			// An upload with retried steps and an expired URL that restarts it.
			emulator().setFaults(1, List.of(FaultRule.times("StartAttachmentUpload", "THROTTLE", 1),
					FaultRule.times("UploadObject", "SERVER_ERROR", 1),
					FaultRule.times("CompleteAttachmentUpload", "DROP_BEFORE", 1)));
			Attachment attachment = attachments.upload(connection, AttachmentUpload.of(expiringResource()).awaitingScan());
			shown.add(attachment);

			// A download broken off whose URL expired meanwhile, and a link.
			emulator().setFaults(2, List.of(FaultRule.times("DownloadObject", "TRUNCATE", 1).withAfterBytes(1000)));
			attachments.download(connection, attachment.id(), expiringOutput());
			AttachmentLink link = attachments.link(connection, attachment.id(), Duration.ofSeconds(30));
			secrets.add(link.url().toString());
			secrets.add(link.url().getRawQuery());
			shown.add(link);

			// Failures: an upload that runs out of attempts, a refused download.
			emulator().setFaults(3, List.of(FaultRule.always("UploadObject", "SERVER_ERROR")));
			shown.add(caught(() -> attachments.upload(connection,
					AttachmentUpload.of(new ByteArrayResource(new byte[10])).withName("a.txt"))));
			emulator().clearFaults();
			shown.add(caught(() -> attachments.open(connection, "unknown-attachment")));

			// An expired token, refreshed once; then a given token that cannot be.
			emulator().advanceClock(Duration.ofMinutes(31));
			transcripts.page(connection, TranscriptQuery.newestFirst());
			secrets.add(connection.connectionToken());
			ParticipantConnection fixed = ParticipantConnection.ofConnectionToken(connection.connectionToken());
			emulator().endChat(chat.contactId());
			shown.add(caught(() -> attachments.upload(fixed,
					AttachmentUpload.of(new ByteArrayResource(new byte[10])).withName("a.txt"))));
			shown.add(caught(() -> attachments.upload(connection,
					AttachmentUpload.of(new ByteArrayResource(new byte[10])).withName("a.txt"))));
			shown.add(connection);
			shown.add(fixed);
			logs = capture.text();
		}
		assertThat(emulator().requestCount("CreateParticipantConnection")).isEqualTo(3);
		assertThat(secrets).hasSize(5).allSatisfy((secret) -> assertThat(secret).hasSizeGreaterThan(15));
		assertThat(logs).contains("UploadObject attempt 1 of 4 failed")
			.contains("starting the upload again")
			.contains("resuming with a Range request")
			.contains("Fetched a new download URL")
			.contains("refused the connection token");
		assertThat(shown).hasSize(8);
		StringBuilder text = new StringBuilder(logs);
		for (Object each : shown) {
			text.append('\n').append(each);
			if (each instanceof Throwable throwable) {
				StringWriter trace = new StringWriter();
				throwable.printStackTrace(new PrintWriter(trace));
				text.append('\n').append(trace);
			}
		}
		for (String secret : secrets) {
			assertThat(text.toString()).doesNotContain(secret);
		}
		assertThat(text.toString()).doesNotContain("X-Amz-Signature=").doesNotContain("X-Amz-Bearer:");
	}

	private static Throwable caught(Runnable action) {
		try {
			action.run();
		}
		catch (ConnectParticipantException ex) {
			return ex;
		}
		throw new AssertionError("Expected a ConnectParticipantException");
	}

	private ByteArrayResource expiringResource() {
		AtomicBoolean expired = new AtomicBoolean();
		return new ByteArrayResource(new byte[50_000]) {

			@Override
			public String getFilename() {
				return "statement.pdf";
			}

			@Override
			public InputStream getInputStream() throws IOException {
				if (expired.compareAndSet(false, true)) {
					emulator().advanceClock(Duration.ofMinutes(6));
				}
				return super.getInputStream();
			}

		};
	}

	private OutputStream expiringOutput() {
		AtomicBoolean expired = new AtomicBoolean();
		return new FilterOutputStream(new ByteArrayOutputStream()) {

			@Override
			public void write(byte[] buffer, int offset, int length) throws IOException {
				if (expired.compareAndSet(false, true)) {
					emulator().advanceClock(Duration.ofMinutes(6));
				}
				this.out.write(buffer, offset, length);
			}

		};
	}

}
