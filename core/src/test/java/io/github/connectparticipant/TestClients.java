package io.github.connectparticipant;

import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.connectparticipant.attachment.PresignedUrlHttpClient;
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
