package io.github.connectparticipant;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.DefaultAttachmentService;
import io.github.connectparticipant.attachment.PresignedUrlHttpClient;
import io.github.connectparticipant.chat.ChatSessionSettings;
import io.github.connectparticipant.chat.ChatSessions;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.DefaultTranscriptService;
import io.github.connectparticipant.transcript.TranscriptService;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClientBuilder;

/**
 * The clients every integration test uses against the emulator, built as the README tells
 * users to: anonymous credentials, the SDK's own retries off.
 */
public final class TestClients {

	private static final AtomicInteger uploadThreads = new AtomicInteger();

	private static final ExecutorService UPLOADS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "connect-participant-upload-" + uploadThreads.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private TestClients() {
	}

	/**
	 * A Participant Service client for the emulator.
	 */
	public static ConnectParticipantClient participant(URI endpoint) {
		return participantBuilder(endpoint).httpClientBuilder(Apache5HttpClient.builder().maxConnections(64)).build();
	}

	/**
	 * A builder of Participant Service clients for the emulator, for tests that configure
	 * more: anonymous credentials, the Apache HTTP client, the SDK's retries off (a test
	 * that replaces the override configuration turns them off again).
	 */
	public static ConnectParticipantClientBuilder participantBuilder(URI endpoint) {
		return ConnectParticipantClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_WEST_2)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClientBuilder(Apache5HttpClient.builder())
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
	}

	/**
	 * An Amazon Connect client for the emulator's StartChatContact (the emulator takes
	 * any SigV4 signature).
	 */
	public static ConnectClient connect(URI endpoint) {
		return ConnectClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_WEST_2)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.httpClientBuilder(Apache5HttpClient.builder())
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	/**
	 * The HTTP client for pre-signed URLs.
	 */
	public static SdkHttpClient http() {
		return new PresignedUrlHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

	/**
	 * Settings with short backoffs and polls so that retries do not slow the tests, and
	 * no pacing at Connect's quotas (which the emulator does not apply unless a test sets
	 * a throttle): the tests of pacing set the quotas they test.
	 */
	public static ConnectParticipantSettings.Builder fastSettings() {
		return ConnectParticipantSettings.builder()
			.initialBackoff(Duration.ofMillis(2))
			.maxBackoff(Duration.ofMillis(20))
			.attemptTimeout(Duration.ofSeconds(5))
			.callTimeout(Duration.ofSeconds(30))
			.transferTimeout(Duration.ofSeconds(30))
			.scanPollInterval(Duration.ofMillis(20))
			.scanTimeout(Duration.ofSeconds(10))
			.requestQuotas(Map.of());
	}

	/**
	 * A connection factory on the client, without observations, with a pacer of its own.
	 */
	public static ParticipantConnectionFactory connections(ConnectParticipantClient client,
			ConnectParticipantSettings settings) {
		return new ParticipantConnectionFactory(client, settings, ObservationRegistry.NOOP, Clock.systemUTC(),
				new RequestPacer(settings));
	}

	/**
	 * An attachment service on the clients, without observations, with a pacer of its own
	 * and batches on {@link #uploadExecutor()}.
	 */
	public static DefaultAttachmentService attachments(ConnectParticipantClient client, SdkHttpClient http,
			ConnectParticipantSettings settings) {
		return attachments(client, http, settings, ObservationRegistry.NOOP);
	}

	/**
	 * An attachment service on the clients that reports its observations to the registry.
	 */
	public static DefaultAttachmentService attachments(ConnectParticipantClient client, SdkHttpClient http,
			ConnectParticipantSettings settings, ObservationRegistry registry) {
		return new DefaultAttachmentService(client, http, settings, registry, new RequestPacer(settings),
				uploadExecutor());
	}

	/**
	 * A transcript service on the client that reports its observations to the registry.
	 */
	public static TranscriptService transcripts(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ObservationRegistry registry) {
		return new DefaultTranscriptService(client, settings, registry, new RequestPacer(settings));
	}

	/**
	 * Chat sessions on the client, without observations, with a pacer of their own.
	 */
	public static ChatSessions chatSessions(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ChatSessionSettings sessionSettings) {
		return new ChatSessions(client, settings, sessionSettings, ObservationRegistry.NOOP,
				new RequestPacer(settings));
	}

	/**
	 * The executor the tests' attachment services run batches on: threads made as needed
	 * and reused, daemons, so that nothing has to close it.
	 */
	public static Executor uploadExecutor() {
		return UPLOADS;
	}

	/**
	 * An executor that paces no operation and checks no SDK client, as the tests of the
	 * executor itself want it.
	 */
	public static RetryExecutor executor(ConnectParticipantSettings settings, ObservationRegistry registry) {
		return new RetryExecutor(settings, registry, new RequestPacer(settings), null);
	}

	/**
	 * An executor without observations, as
	 * {@link #executor(ConnectParticipantSettings, ObservationRegistry)}.
	 */
	public static RetryExecutor executor(ConnectParticipantSettings settings) {
		return executor(settings, ObservationRegistry.NOOP);
	}

}
