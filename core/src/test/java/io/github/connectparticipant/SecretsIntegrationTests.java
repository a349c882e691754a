package io.github.connectparticipant;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentLink;
import io.github.connectparticipant.attachment.AttachmentOutcomeUnknownException;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.PresignedUrlRefusedException;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.EmulatorSettings;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection tokens, participant tokens and pre-signed URLs never reach the logs (the
 * library's, the SDK's, Spring Retry's and the Apache HttpClient 5's that the SDK client
 * uses, {@code org.apache.hc}, all at TRACE and so at DEBUG too), an exception's message,
 * causes or stack trace, or a {@code toString()}, through flows that retry, refresh,
 * restart, fail, meet an unknown outcome and refuse a tampered URL.
 * <p>
 * The one way to leak them is HttpClient 5's wire and header logging
 * ({@code org.apache.hc.client5.http.wire}, {@code org.apache.hc.client5.http.headers} at
 * DEBUG), which prints every request and answer as it is, bearer tokens included; AWS
 * documents wire logging as a debugging aid for that reason. A test below shows it, so
 * that the README's warning stays true. (The SDK's {@code ExecutionInterceptorChain}
 * logger at TRACE also prints an answer that an application's interceptor changed,
 * pre-signed URLs included; the sweep keeps it at DEBUG because its own tampering
 * interceptor changes answers.)
 */
@Timeout(60)
class SecretsIntegrationTests {

	/** HttpClient 5's loggers of requests and answers as sent. */
	private static final String[] WIRE_LOGGERS = { "org.apache.hc.client5.http.wire",
			"org.apache.hc.client5.http.headers" };

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture(
			EmulatorSettings.builder().connectionTokenExpiry(Duration.ofMinutes(30)).build());

	private ConnectParticipantEmulator emulator() {
		return fixture.emulator();
	}

	@Test
	void secretsNeverShow() {
		ConnectParticipantSettings settings = TestClients.fastSettings().build();
		Set<String> secrets = new LinkedHashSet<>();
		List<Object> shown = new ArrayList<>();
		String logs;
		List<String> apacheLevels;
		ConnectParticipantClient tampering = tamperingClient(secrets);
		try (LogCapture capture = LogCapture.start(Level.TRACE, "io.github.connectparticipant",
				"org.springframework.retry", "software.amazon.awssdk");
				LogCapture apache = LogCapture.start(Level.TRACE, "org.apache.hc");
				LogCapture wire = LogCapture.start(Level.INFO, WIRE_LOGGERS);
				// At TRACE this logger prints any answer an interceptor changed, URLs
				// included
				// (the SDK's model does not mark them sensitive); only this test's
				// tampering
				// interceptor changes answers.
				LogCapture chain = LogCapture.start(Level.DEBUG,
						"software.amazon.awssdk.core.interceptor.ExecutionInterceptorChain")) {
			// the clock passes Connect's subscribe rule, which would end this chat nobody
			// subscribes to
			emulator().updateSettings((builder) -> builder.subscribeTimeout(Duration.ZERO));
			StartedChat chat = fixture.startChat();
			secrets.add(chat.participantToken());
			ParticipantConnection connection = fixture.connect(chat, settings);
			secrets.add(connection.connectionToken());
			AttachmentService attachments = fixture.attachments(settings);
			TranscriptService transcripts = fixture.transcripts(settings);

			// An upload with retried steps and an expired URL that restarts it.
			emulator().setFaults(1,
					List.of(FaultRule.times("StartAttachmentUpload", "THROTTLE", 1),
							FaultRule.times("UploadObject", "SERVER_ERROR", 1),
							FaultRule.times("CompleteAttachmentUpload", "DROP_BEFORE", 1)));
			Attachment attachment = attachments.upload(connection,
					AttachmentUpload.of(fixture.lateResource(new byte[50_000], "statement.pdf", Duration.ofMinutes(6)))
						.awaitingScan());
			shown.add(attachment);

			// A download broken off whose URL expired meanwhile, and a link.
			emulator().setFaults(2, List.of(FaultRule.times("DownloadObject", "TRUNCATE", 1).withAfterBytes(1000)));
			attachments.download(connection, attachment.id(),
					fixture.lateOutput(new ByteArrayOutputStream(), Duration.ofMinutes(6)));
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

			// A completion whose answers were lost while the transcript could not be
			// read.
			emulator().setFaults(4, List.of(FaultRule.times("CompleteAttachmentUpload", "DROP_AFTER", 4),
					FaultRule.times("GetTranscript", "SERVER_ERROR", 4)));
			shown.add(caught(() -> attachments.upload(connection,
					AttachmentUpload.of(new ByteArrayResource(new byte[10])).withName("b.txt"))));
			emulator().clearFaults();

			// A download URL pointed elsewhere on its way: refused, its signature never
			// shown.
			shown.add(caught(() -> TestClients.attachments(tampering, fixture.http(), settings)
				.download(connection, attachment.id(), new ByteArrayOutputStream())));

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
			logs = capture.text() + "\n" + apache.text() + "\n" + wire.text() + "\n" + chain.text();
			apacheLevels = apache.lines()
				.stream()
				.map((line) -> line.substring(0, line.indexOf(' ')))
				.distinct()
				.toList();
		}
		finally {
			tampering.close();
		}
		assertThat(apacheLevels).as("what HttpClient 5 logged, by level").contains("DEBUG");
		assertThat(emulator().requestCount("CreateParticipantConnection")).isEqualTo(3);
		assertThat(secrets).hasSize(7).allSatisfy((secret) -> assertThat(secret).hasSizeGreaterThan(15));
		assertThat(logs).contains("UploadObject attempt 1 of 4 failed")
			.contains("starting the upload again")
			.contains("resuming with a Range request")
			.contains("Fetched a new download URL")
			.contains("refused the connection token");
		assertThat(shown).hasSize(10);
		assertThat(shown.get(4)).isInstanceOf(AttachmentOutcomeUnknownException.class);
		assertThat(shown.get(5)).isInstanceOf(PresignedUrlRefusedException.class);
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

	@Test
	void apacheWireLoggingIsTheOneWayToLeakTokens() {
		StartedChat chat = fixture.startChat();
		String logs;
		String connectionToken;
		try (LogCapture wire = LogCapture.start(Level.DEBUG, WIRE_LOGGERS)) {
			connectionToken = fixture.connect(chat, TestClients.fastSettings().build()).connectionToken();
			logs = wire.text();
		}
		assertThat(logs).as("the wire log shows the bearer tokens: never enable it where logs are kept")
			.contains(chat.participantToken())
			.contains(connectionToken);
	}

	@Test
	void apacheAsThePresignedUrlClientWouldLogSignatures() {
		ConnectParticipantSettings settings = TestClients.fastSettings().build();
		ParticipantConnection connection = fixture.connect(fixture.startChat(), settings);
		String logs;
		try (SdkHttpClient apache = Apache5HttpClient.create();
				LogCapture exec = LogCapture.start(Level.DEBUG, "org.apache.hc.client5.http.impl.classic")) {
			TestClients.attachments(fixture.client(), apache, settings)
				.upload(connection, AttachmentUpload.of(new ByteArrayResource(new byte[10])).withName("a.txt"));
			logs = exec.text();
		}
		assertThat(logs)
			.as("why pre-signed URLs go through the URL-connection client: HttpClient 5 logs each "
					+ "request line at DEBUG")
			.contains("executing PUT /attachments/")
			.contains("X-Amz-Signature=");
	}

	/**
	 * A client whose GetAttachment answers point elsewhere, as a hostile proxy would; the
	 * tampered URLs are secrets too.
	 */
	private static ConnectParticipantClient tamperingClient(Set<String> secrets) {
		return TestClients.participantBuilder(fixture.baseUri())
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.addExecutionInterceptor(new ExecutionInterceptor() {

					@Override
					public SdkResponse modifyResponse(Context.ModifyResponse context,
							ExecutionAttributes executionAttributes) {
						if (context.response() instanceof GetAttachmentResponse response && response.url() != null) {
							URI original = URI.create(response.url());
							String tampered = "https://files.evil.example" + original.getRawPath() + "?"
									+ original.getRawQuery();
							secrets.add(tampered);
							secrets.add(original.getRawQuery());
							return response.toBuilder().url(tampered).build();
						}
						return context.response();
					}

				}))
			.build();
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

}
