package io.github.connectparticipant.sample.chat;

import java.net.URI;

import io.github.connectparticipant.autoconfigure.ConnectParticipantConnectionDetails;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.ConnectClientBuilder;

/**
 * The client of Amazon Connect's own API, used for StartChatContact only. Unlike the
 * Participant Service, this API is SigV4-signed: with Amazon Connect the client takes the
 * AWS SDK's default credentials (environment, profile, instance role...); with the
 * embedded emulator, which serves StartChatContact at its own URL and accepts any
 * signature, it signs with fixed dummy credentials and no AWS credentials are looked up.
 * The client is built when the first chat starts, not at start-up, and is not a bean of
 * its own ({@link ConnectApi} says why).
 */
@Configuration(proxyBeanMethods = false)
class AmazonConnectConfiguration {

	/**
	 * Instance id used with the emulator when none is configured.
	 */
	static final String EMULATOR_INSTANCE_ID = "sample-instance";

	/**
	 * Contact flow id used with the emulator when none is configured.
	 */
	static final String EMULATOR_CONTACT_FLOW_ID = "sample-contact-flow";

	@Bean
	ConnectApi connectApi(SampleProperties properties, ConnectParticipantConnectionDetails participantService,
			ObjectProvider<ConnectParticipantEmulator> emulator) {
		return new ConnectApi(() -> connectClient(properties, participantService, emulator.getIfAvailable()));
	}

	private static ConnectClient connectClient(SampleProperties properties,
			ConnectParticipantConnectionDetails participantService, @Nullable ConnectParticipantEmulator embedded) {
		ConnectClientBuilder builder = ConnectClient.builder()
			.httpClientBuilder(Apache5HttpClient.builder())
			// ChatService retries StartChatContact with the library's retry policy and
			// one ClientToken
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
		if (embedded != null) {
			return builder.endpointOverride(embedded.baseUri())
				.region(Region.US_EAST_1)
				.credentialsProvider(
						StaticCredentialsProvider.create(AwsBasicCredentials.create("emulator", "emulator")))
				.build();
		}
		String region = participantService.getRegion();
		if (region != null) {
			builder.region(Region.of(region));
		}
		URI endpoint = properties.connect().endpoint();
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
	}

	@Bean
	ContactTarget contactTarget(SampleProperties properties, ObjectProvider<ConnectParticipantEmulator> emulator) {
		SampleProperties.Connect connect = properties.connect();
		boolean embedded = emulator.getIfAvailable() != null;
		String instanceId = connect.instanceId();
		String contactFlowId = connect.contactFlowId();
		if (!StringUtils.hasText(instanceId)) {
			if (!embedded) {
				throw new IllegalStateException("sample.connect.instance-id is required to start chats on Amazon "
						+ "Connect: set it (or CONNECT_INSTANCE_ID with the aws profile) to your instance's id");
			}
			instanceId = EMULATOR_INSTANCE_ID;
		}
		if (!StringUtils.hasText(contactFlowId)) {
			if (!embedded) {
				throw new IllegalStateException("sample.connect.contact-flow-id is required to start chats on Amazon "
						+ "Connect: set it (or CONNECT_CONTACT_FLOW_ID with the aws profile) to a chat contact flow's id");
			}
			contactFlowId = EMULATOR_CONTACT_FLOW_ID;
		}
		return new ContactTarget(instanceId.trim(), contactFlowId.trim());
	}

}
