package io.github.connectparticipant.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ByteArrayResource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SSRF guard end to end: the emulator's answers are tampered with on their way to the
 * library (as a hostile endpoint or proxy would), pointing the pre-signed URLs elsewhere;
 * the library refuses before a byte goes out, and neither the emulator nor a trap server
 * on another loopback port receives anything. By default the emulator (the endpoint
 * override) is accepted; a configured list replaces that.
 */
@Timeout(60)
class PresignedUrlGuardIntegrationTests {

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	private static final AtomicReference<String> tamperedBase = new AtomicReference<>();

	private static final AtomicInteger trapped = new AtomicInteger();

	private static ConnectParticipantClient client;

	private static SdkHttpClient http;

	private static HttpServer trap;

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	private StartedChat chat;

	private ParticipantConnection connection;

	@BeforeAll
	static void createClients() throws IOException {
		trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		trap.createContext("/", (exchange) -> {
			trapped.incrementAndGet();
			exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		trap.start();
		client = ConnectParticipantClient.builder()
			.endpointOverride(emulator.baseUri())
			.region(Region.US_WEST_2)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClientBuilder(Apache5HttpClient.builder())
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.addExecutionInterceptor(new UrlTampering()))
			.build();
		http = TestClients.http();
	}

	@AfterAll
	static void closeClients() {
		client.close();
		http.close();
		trap.stop(0);
	}

	@BeforeEach
	void startChat() {
		tamperedBase.set(null);
		trapped.set(0);
		this.chat = emulator().startChat("Customer");
		this.connection = TestClients.connections(client, this.settings)
			.fromParticipantToken(this.chat.participantToken());
	}

	private ConnectParticipantEmulator emulator() {
		return emulator.emulator();
	}

	private static String trapBase() {
		return "http://127.0.0.1:" + trap.getAddress().getPort();
	}

	@Test
	void theEmulatorIsAcceptedByDefault() {
		AttachmentService attachments = TestClients.attachments(client, http, this.settings);
		Attachment attachment = attachments.upload(this.connection, upload());
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		attachments.download(this.connection, attachment.id(), copy);
		assertThat(copy.toByteArray()).hasSize(2000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRAP", "https://evil.example", "https://s3.amazonaws.com@evil.example",
			"https://169.254.169.254", "http://amazon-connect-1.s3.us-west-2.amazonaws.com",
			"https://amazon-connect-1.s3.eu-central-1.amazonaws.com" })
	void anUploadUrlToAnotherHostIsRefusedBeforeAnyByte(String base) {
		String hostile = base.equals("TRAP") ? trapBase() : base;
		tamperedBase.set(hostile);
		AttachmentService attachments = TestClients.attachments(client, http, this.settings);
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> attachments.upload(this.connection, upload()))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo("UploadObject");
				assertThat(ex.getHost()).isEqualTo(URI.create(hostile).getHost());
				assertThat(ex.getMessage()).contains("'" + ex.getHost() + "'")
					.doesNotContain("X-Amz-Signature")
					.doesNotContain("/attachments/");
				assertThat(ex.getAttempts()).isZero();
			});
		assertThat(emulator().requestCount("StartAttachmentUpload")).as("not retried").isEqualTo(1);
		assertThat(emulator().requestCount("UploadObject")).isZero();
		assertThat(emulator().requestCount("CompleteAttachmentUpload")).isZero();
		assertThat(trapped).hasValue(0);
	}

	@Test
	void aDownloadUrlOrLinkToAnotherHostIsRefused() {
		AttachmentService attachments = TestClients.attachments(client, http, this.settings);
		Attachment attachment = attachments.upload(this.connection, upload());
		tamperedBase.set(trapBase());
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> attachments.download(this.connection, attachment.id(), new ByteArrayOutputStream()))
			.satisfies((ex) -> assertThat(ex.getHost()).isEqualTo("127.0.0.1"))
			.withMessageContaining("port " + trap.getAddress().getPort());
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> attachments.link(this.connection, attachment.id(), Duration.ofSeconds(60)));
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> attachments.open(this.connection, attachment.id()));
		assertThat(emulator().requestCount("GetAttachment")).as("not retried").isEqualTo(3);
		assertThat(emulator().requestCount("DownloadObject")).isZero();
		assertThat(trapped).hasValue(0);
	}

	@Test
	void configuredHostsReplaceTheDerivedOnes() {
		AttachmentService s3Only = TestClients.attachments(client, http,
				this.settings.toBuilder().presignedUrlHosts(List.of("*.s3.us-west-2.amazonaws.com")).build());
		assertThatExceptionOfType(PresignedUrlRefusedException.class)
			.isThrownBy(() -> s3Only.upload(this.connection, upload()))
			.withMessageContaining("from presignedUrlHosts: *.s3.us-west-2.amazonaws.com");
		assertThat(emulator().requestCount("UploadObject")).isZero();
		AttachmentService pinned = TestClients.attachments(client, http,
				this.settings.toBuilder()
					.presignedUrlHosts(List.of("127.0.0.1:" + emulator.baseUri().getPort()))
					.build());
		Attachment attachment = pinned.upload(this.connection, upload());
		assertThat(pinned.link(this.connection, attachment.id(), Duration.ofSeconds(60)).size()).isEqualTo(2000);
	}

	private static AttachmentUpload upload() {
		return AttachmentUpload.of(new ByteArrayResource(new byte[2000])).withName("statement.pdf");
	}

	/**
	 * Points every pre-signed URL of an answer at another base, keeping path and query.
	 */
	static final class UrlTampering implements ExecutionInterceptor {

		@Override
		public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
			String base = tamperedBase.get();
			SdkResponse response = context.response();
			if (base == null) {
				return response;
			}
			if (response instanceof StartAttachmentUploadResponse start && start.uploadMetadata() != null) {
				return start.toBuilder()
					.uploadMetadata(
							start.uploadMetadata().toBuilder().url(rebase(start.uploadMetadata().url(), base)).build())
					.build();
			}
			if (response instanceof GetAttachmentResponse get && get.url() != null) {
				return get.toBuilder().url(rebase(get.url(), base)).build();
			}
			return response;
		}

		private static String rebase(String url, String base) {
			URI original = URI.create(url);
			return base + original.getRawPath() + "?" + original.getRawQuery();
		}

	}

}
