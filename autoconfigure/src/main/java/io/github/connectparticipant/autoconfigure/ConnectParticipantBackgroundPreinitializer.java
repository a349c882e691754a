package io.github.connectparticipant.autoconfigure;

import java.net.URI;

import javax.net.ssl.SSLContext;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.util.ClassUtils;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * Loads and initializes, on Spring Boot's background pre-initialization thread, what the
 * starter's beans would otherwise load on the main thread while the context starts: the
 * AWS SDK's client machinery (service metadata, endpoint rules, protocol marshallers),
 * the HTTP clients' classes and the JVM's default TLS context, and, when the emulator is on
 * the class path, the emulator's classes and service models. It builds a throwaway client
 * (anonymous credentials, fixed region and endpoint: nothing is looked up, nothing is
 * sent) and closes it; it starts no emulator. Off with
 * {@code spring.backgroundpreinitializer.ignore=true}, like Boot's own pre-initializers.
 */
final class ConnectParticipantBackgroundPreinitializer implements BackgroundPreinitializer {

	private static final String CONNECT_PARTICIPANT_CLIENT = "software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient";

	private static final String APACHE_CLIENT = "software.amazon.awssdk.http.apache.ApacheHttpClient";

	private static final String URL_CONNECTION_CLIENT = "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient";

	private static final String EMULATOR = "io.github.connectparticipant.emulator.ConnectParticipantEmulator";

	@Override
	public void preinitialize() throws Exception {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(CONNECT_PARTICIPANT_CLIENT, classLoader)) {
			return;
		}
		SSLContext.getDefault();
		if (ClassUtils.isPresent(APACHE_CLIENT, classLoader)) {
			SdkClient.build();
		}
		if (ClassUtils.isPresent(URL_CONNECTION_CLIENT, classLoader)) {
			UrlConnection.build();
		}
		if (ClassUtils.isPresent(EMULATOR, classLoader)) {
			Emulator.preload();
		}
	}

	/**
	 * Kept apart so that its SDK types are loaded only once they are known to be present.
	 */
	private static final class SdkClient {

		static void build() {
			try (ConnectParticipantClient client = ConnectParticipantClient.builder()
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.region(Region.US_EAST_1)
				.endpointOverride(URI.create("http://127.0.0.1:9"))
				.httpClientBuilder(ApacheHttpClient.builder())
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build()) {
				client.serviceClientConfiguration();
			}
		}

	}

	/**
	 * Kept apart so that the emulator's types are loaded only once they are known to be
	 * present.
	 */
	private static final class Emulator {

		static void preload() {
			ConnectParticipantEmulator.preload();
		}

	}

	/**
	 * Kept apart so that its SDK types are loaded only once they are known to be present.
	 */
	private static final class UrlConnection {

		static void build() {
			UrlConnectionHttpClient.create().close();
		}

	}

}
