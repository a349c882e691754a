package io.github.connectparticipant.connection;

import java.time.Clock;
import java.util.List;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.ServiceTime;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionCredentials;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionResponse;
import software.amazon.awssdk.services.connectparticipant.model.Websocket;

/**
 * Makes {@link ParticipantConnection participant connections}. From a participant token
 * (returned by Amazon Connect's StartChatContact) it calls CreateParticipantConnection
 * with {@code Type=CONNECTION_CREDENTIALS} on first use, with the library's retries, and
 * again when the token is due ({@link ConnectParticipantSettings#tokenRefreshMargin()}
 * before its expiry) or was refused. <pre class="code">
 * ParticipantConnectionFactory connections = new ParticipantConnectionFactory(client, settings,
 *         ObservationRegistry.NOOP, Clock.systemUTC(), new RequestPacer(settings));
 * ParticipantConnection connection = connections.fromParticipantToken(participantToken);
 * </pre>
 */
public final class ParticipantConnectionFactory {

	private static final String OPERATION = "CreateParticipantConnection";

	private final ConnectParticipantClient client;

	private final RetryExecutor executor;

	private final Clock clock;

	/**
	 * Create a factory.
	 * @param client the SDK client, built with anonymous credentials and its own retries
	 * off
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param clock the clock used to decide when a token is due
	 * @param pacer the request pacer, shared by the services that call the same account
	 */
	public ParticipantConnectionFactory(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ObservationRegistry observationRegistry, Clock clock, RequestPacer pacer) {
		Assert.notNull(client, "client is required");
		Assert.notNull(clock, "clock is required");
		this.client = client;
		// checks the settings, the registry and the pacer
		this.executor = new RetryExecutor(settings, observationRegistry, pacer, client);
		this.clock = clock;
	}

	/**
	 * Return a connection made from a participant token. Nothing is sent until the
	 * connection is first used.
	 * @param participantToken the participant token from StartChatContact
	 * @return the connection
	 */
	public ParticipantConnection fromParticipantToken(String participantToken) {
		Assert.hasText(participantToken, "participantToken must not be empty");
		return ParticipantConnection.refreshing((webSocket) -> create(participantToken, webSocket), this.clock);
	}

	/**
	 * Return a connection for a connection token obtained elsewhere; it is used as is and
	 * never refreshed.
	 * @param connectionToken the connection token
	 * @return the connection
	 */
	public ParticipantConnection fromConnectionToken(String connectionToken) {
		return ParticipantConnection.ofConnectionToken(connectionToken);
	}

	private ParticipantConnection.SocketCredentials create(String participantToken, boolean webSocket) {
		RetryExecutor executor = this.executor;
		List<ConnectionType> types = webSocket
				? List.of(ConnectionType.WEBSOCKET, ConnectionType.CONNECTION_CREDENTIALS)
				: List.of(ConnectionType.CONNECTION_CREDENTIALS);
		return executor.observe("connection.create",
				() -> executor.call(ParticipantOperation.CREATE_PARTICIPANT_CONNECTION, (context) -> {
					CreateParticipantConnectionResponse response = this.client.createParticipantConnection(
							(request) -> context.bounded(request.participantToken(participantToken).type(types)));
					ConnectionCredentials credentials = response.connectionCredentials();
					if (credentials == null || credentials.connectionToken() == null
							|| credentials.connectionToken().isEmpty()) {
						throw ConnectParticipantException.unexpectedResponse(
								ParticipantOperation.CREATE_PARTICIPANT_CONNECTION,
								"the response carried no connection token", response.responseMetadata().requestId(),
								context.number());
					}
					Websocket socket = response.websocket();
					if (webSocket && (socket == null || socket.url() == null || socket.url().isEmpty())) {
						throw ConnectParticipantException.unexpectedResponse(
								ParticipantOperation.CREATE_PARTICIPANT_CONNECTION,
								"the response carried no WebSocket URL", response.responseMetadata().requestId(),
								context.number());
					}
					return new ParticipantConnection.SocketCredentials(
							ParticipantConnection.Credentials.of(credentials.connectionToken(),
									ServiceTime.parse(credentials.expiry()), this.clock.instant(),
									executor.settings().tokenRefreshMargin()),
							webSocket ? new WebSocketUrl(socket.url(), ServiceTime.parse(socket.connectionExpiry()))
									: null);
				}));
	}

}
