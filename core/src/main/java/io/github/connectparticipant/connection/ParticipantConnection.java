package io.github.connectparticipant.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.github.connectparticipant.ParticipantAccessDeniedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;

/**
 * A participant's connection to a chat: what every Participant Service call needs to
 * authenticate. Either a connection token given as is ({@link #ofConnectionToken}), or
 * one created from a participant token by a {@link ParticipantConnectionFactory}, which
 * is created on first use, reused until a margin before its expiry, then replaced, and
 * replaced once more when the service refuses it although it looked valid.
 * <p>
 * Thread-safe: concurrent callers that find the token due share a single refresh.
 * {@link #toString()} never shows a token.
 */
public final class ParticipantConnection {

	private static final Log logger = LogFactory.getLog(ParticipantConnection.class);

	private static final String ACCESS_DENIED = "AccessDeniedException";

	private final String description;

	/**
	 * Creates a new token, with a WebSocket URL when asked; {@code null} for a fixed
	 * token.
	 */
	private final @Nullable Creator creator;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable Credentials current;

	private ParticipantConnection(String description, @Nullable Credentials fixed, @Nullable Creator creator,
			Clock clock) {
		this.description = description;
		this.current = fixed;
		this.creator = creator;
		this.clock = clock;
	}

	/**
	 * Return a connection for a connection token obtained elsewhere (for example by a
	 * browser client that called CreateParticipantConnection). It is used as is and never
	 * refreshed.
	 * @param connectionToken the connection token
	 * @return the connection
	 */
	public static ParticipantConnection ofConnectionToken(String connectionToken) {
		Assert.hasText(connectionToken, "connectionToken must not be empty");
		return new ParticipantConnection("connection token", new Credentials(connectionToken, null, Instant.MAX), null,
				Clock.systemUTC());
	}

	/**
	 * Return a connection whose token is created by the given creator on first use and
	 * again when due, and whose WebSocket URLs come from it too (with a new token).
	 */
	static ParticipantConnection refreshing(Creator creator, Clock clock) {
		return new ParticipantConnection("participant token", null, creator, clock);
	}

	/**
	 * Return whether this connection can get a new connection token by itself (it was
	 * made from a participant token).
	 * @return whether the connection refreshes its token
	 */
	public boolean isRefreshable() {
		return this.creator != null;
	}

	/**
	 * Return the connection token's expiry, when known.
	 * @return the expiry, or {@code null} when no token was created yet or the token was
	 * given without one
	 */
	public @Nullable Instant expiry() {
		Credentials credentials = this.current;
		return (credentials != null) ? credentials.expiry() : null;
	}

	/**
	 * Return a connection token that is valid as far as this connection knows, creating
	 * or replacing it first if needed. The token is a bearer secret: do not log it.
	 * @return the connection token
	 */
	public String connectionToken() {
		Credentials credentials = this.current;
		if (credentials != null && !isDue(credentials)) {
			return credentials.token();
		}
		this.lock.lock();
		try {
			credentials = this.current;
			if (credentials == null || isDue(credentials)) {
				credentials = create(credentials != null);
			}
			return credentials.token();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Replace a token the service refused, unless another caller already did. Only
	 * connections made from a participant token can do this.
	 * @param refusedToken the token the service refused
	 * @return the token to use now
	 * @throws IllegalStateException if this connection is not refreshable
	 */
	public String refresh(String refusedToken) {
		Assert.state(isRefreshable(), "A connection made from a connection token cannot be refreshed");
		this.lock.lock();
		try {
			Credentials credentials = this.current;
			if (credentials != null && !credentials.token().equals(refusedToken) && !isDue(credentials)) {
				return credentials.token();
			}
			return create(true).token();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ask the service for a chat WebSocket URL: one CreateParticipantConnection with
	 * {@code WEBSOCKET} and {@code CONNECTION_CREDENTIALS}, as AWS's chat clients make
	 * it. The connection token of the same answer replaces this connection's. The URL is
	 * a bearer secret: do not log it.
	 * @return the URL and the end of the window in which it may be connected to
	 * @throws IllegalStateException if this connection was not made from a participant
	 * token (the service gives WebSocket URLs only for one)
	 */
	public WebSocketUrl createWebSocketUrl() {
		Creator creator = this.creator;
		Assert.state(creator != null, "A chat WebSocket needs a connection made from a participant token");
		this.lock.lock();
		try {
			SocketCredentials created = creator.create(true);
			this.current = created.credentials();
			WebSocketUrl webSocket = created.webSocket();
			Assert.state(webSocket != null, "The connection was created without a WebSocket");
			return webSocket;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Run a call with this connection's token. When the service refuses a token of a
	 * refreshable connection with {@code AccessDeniedException} (the SDK's, or the
	 * library's {@link ParticipantAccessDeniedException} with that error code), the token
	 * is replaced once and the call repeated once.
	 * @param <T> the result type
	 * @param call the call, given the connection token
	 * @return the call's result
	 */
	public <T> T withToken(Function<String, T> call) {
		String token = connectionToken();
		try {
			return call.apply(token);
		}
		catch (ParticipantAccessDeniedException | AccessDeniedException ex) {
			if (!isRefreshable() || (ex instanceof ParticipantAccessDeniedException denied
					&& !ACCESS_DENIED.equals(denied.getErrorCode()))) {
				throw ex;
			}
			logger.debug("The service refused the connection token; creating a new connection and repeating the "
					+ "call once");
			return call.apply(refresh(token));
		}
	}

	private boolean isDue(Credentials credentials) {
		return !this.clock.instant().isBefore(credentials.refreshAt());
	}

	private Credentials create(boolean replacing) {
		Creator creator = this.creator;
		Assert.state(creator != null, "A connection made from a connection token cannot be refreshed");
		Credentials credentials = creator.create(false).credentials();
		if (logger.isDebugEnabled()) {
			logger.debug((replacing ? "Replaced" : "Created") + " the participant's connection token"
					+ ((credentials.expiry() != null) ? "; it expires at " + credentials.expiry() : ""));
		}
		this.current = credentials;
		return credentials;
	}

	@Override
	public String toString() {
		Credentials credentials = this.current;
		return "ParticipantConnection[from " + this.description
				+ ((credentials != null && credentials.expiry() != null) ? ", expires " + credentials.expiry() : "")
				+ "]";
	}

	/**
	 * A connection token with its expiry and the time to replace it.
	 */
	record Credentials(String token, @Nullable Instant expiry, Instant refreshAt) {

		/**
		 * Return credentials due for replacement at the later of half their life and the
		 * margin before their expiry (so a short-lived token is not replaced on every
		 * call).
		 */
		static Credentials of(String token, @Nullable Instant expiry, Instant now, Duration margin) {
			if (expiry == null) {
				return new Credentials(token, null, Instant.MAX);
			}
			Instant halfLife = now.plus(Duration.between(now, expiry).dividedBy(2));
			Instant beforeExpiry = expiry.minus(margin);
			return new Credentials(token, expiry, beforeExpiry.isAfter(halfLife) ? beforeExpiry : halfLife);
		}

		@Override
		public String toString() {
			return "Credentials[token=<redacted>, expiry=" + this.expiry + "]";
		}

	}

	/**
	 * Makes one CreateParticipantConnection: one per connection, whether it asks for a
	 * WebSocket URL or not.
	 */
	@FunctionalInterface
	interface Creator {

		SocketCredentials create(boolean webSocket);

	}

	/**
	 * What one CreateParticipantConnection with a WebSocket gives: a connection token and
	 * a WebSocket URL.
	 */
	record SocketCredentials(Credentials credentials, @Nullable WebSocketUrl webSocket) {

	}

}
