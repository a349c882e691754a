package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;

/** The real SDK clients pointed at an emulator, with SDK retries off so every request is counted once. */
final class Clients {

	private Clients() {
	}

	static ConnectParticipantClient participant(URI endpoint) {
		return ConnectParticipantClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
			.overrideConfiguration((c) -> c.retryPolicy(RetryPolicy.none()))
			.build();
	}

	static ConnectClient connect(URI endpoint) {
		return ConnectClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
			.overrideConfiguration((c) -> c.retryPolicy(RetryPolicy.none()))
			.build();
	}

	/** Starts a chat with the real ConnectClient and returns a ConnectionToken for its customer. */
	static Chat chat(ConnectClient connect, ConnectParticipantClient participant, String displayName) {
		var started = connect.startChatContact((r) -> r.instanceId("instance-1")
			.contactFlowId("flow-1")
			.participantDetails((p) -> p.displayName(displayName)));
		var connection = participant.createParticipantConnection(
				(r) -> r.participantToken(started.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS));
		return new Chat(started.contactId(), started.participantId(), started.participantToken(),
				connection.connectionCredentials().connectionToken());
	}

	record Chat(String contactId, String participantId, String participantToken, String connectionToken) {
	}

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
