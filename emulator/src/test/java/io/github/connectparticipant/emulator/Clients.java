package io.github.connectparticipant.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real SDK clients pointed at an emulator, with SDK retries off so every request is
 * counted once.
 * <p>
 * The static factories build clients for any endpoint. Registered in an instance field,
 * after the emulator's extension, an instance opens both clients on that emulator before
 * each test and closes them after it ({@link EmulatorFixture} registers both in one
 * field):
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();
 *
 * &#64;RegisterExtension
 * final Clients clients = new Clients(emulator);
 * </pre>
 */
final class Clients implements BeforeEachCallback, AfterEachCallback {

	private final ConnectParticipantEmulatorExtension emulator;

	private ConnectParticipantClient participant;

	private ConnectClient connect;

	Clients(ConnectParticipantEmulatorExtension emulator) {
		this.emulator = emulator;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.participant = participant(this.emulator.baseUri());
		this.connect = connect(this.emulator.baseUri());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// both are closed even if closing one fails; a client never opened is null and
		// skipped
		try (ConnectParticipantClient participant = this.participant; ConnectClient connect = this.connect) {
			this.participant = null;
			this.connect = null;
		}
	}

	/** This test's Participant Service client. */
	ConnectParticipantClient participant() {
		return open(this.participant);
	}

	/** This test's Amazon Connect client. */
	ConnectClient connect() {
		return open(this.connect);
	}

	/**
	 * Starts a chat with this test's clients; see
	 * {@link #chat(ConnectClient, ConnectParticipantClient, String)}.
	 */
	Chat chat(String displayName) {
		return chat(connect(), participant(), displayName);
	}

	/** Sends a {@code text/plain} message as the chat's customer. */
	SendMessageResponse sendMessage(Chat chat, String text) {
		return sendMessage(chat, text, null);
	}

	/**
	 * Sends a {@code text/plain} message as the chat's customer, with a ClientToken (or
	 * none when null).
	 */
	SendMessageResponse sendMessage(Chat chat, String text, String clientToken) {
		return participant().sendMessage((r) -> r.connectionToken(chat.connectionToken())
			.contentType("text/plain")
			.content(text)
			.clientToken(clientToken));
	}

	/**
	 * Runs an SDK call that must fail with a service exception of the type, and returns
	 * the exception for further assertions.
	 */
	static <T extends AwsServiceException> T thrownBy(Class<T> type, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			assertThat(ex).isInstanceOf(type);
			return type.cast(ex);
		}
		throw new AssertionError("Expected " + type.getSimpleName() + " but the call succeeded");
	}

	private static <T> T open(T client) {
		if (client == null) {
			throw new IllegalStateException("The clients are open only while a test runs");
		}
		return client;
	}

	// ---------------------------------------------------------------- factories

	static ConnectParticipantClient participant(URI endpoint) {
		return participant(endpoint, (http) -> {
		});
	}

	/**
	 * A participant client whose Apache HTTP client is further configured, e.g. its
	 * connection pool.
	 */
	static ConnectParticipantClient participant(URI endpoint, Consumer<ApacheHttpClient.Builder> http) {
		ApacheHttpClient.Builder httpClient = ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(10));
		http.accept(httpClient);
		return ConnectParticipantClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClientBuilder(httpClient)
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

	/**
	 * Starts a chat with the real ConnectClient and returns a ConnectionToken for its
	 * customer.
	 */
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

}
