package io.github.connectparticipant.chat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.ScanVerdicts;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.DefaultTranscriptService;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

/**
 * Opens {@link ChatSession chat sessions}: a participant's chat WebSocket, held open,
 * with every item of the chat delivered once and in order to a listener.
 * <pre class="code">
 * ChatSessions sessions = new ChatSessions(client, settings, ChatSessionSettings.defaults(),
 *         ObservationRegistry.NOOP, new RequestPacer(settings));
 * ChatSession session = sessions.open(connections.fromParticipantToken(participantToken), (item) -&gt; ...);
 * session.sendMessage("Hello");
 * </pre> All sessions share one WebSocket client, one scheduler and two fixed thread
 * pools (service calls, listener calls), so the number of threads does not grow with the
 * number of sessions. Service calls use the library's retries, timeouts and pacing.
 * {@link #close()} closes every session (the chats go on) and stops the threads.
 * <p>
 * As {@link ScanVerdicts}, given to
 * {@link io.github.connectparticipant.attachment.DefaultAttachmentService#setScanVerdicts},
 * it lets {@code awaitScan} take an attachment's verdict from an open session of the
 * connection instead of polling the transcript.
 */
public final class ChatSessions implements ScanVerdicts, AutoCloseable {

	private final SingletonSupplier<SessionRuntime> runtime;

	private final List<ChatSessionObserver> observers = new CopyOnWriteArrayList<>();

	private final ChatSessionObserver observer = new Observers(this.observers);

	private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	private volatile boolean runtimeRequested;

	/**
	 * Create the sessions' shared resources; the threads and the WebSocket client are
	 * made when the first session opens.
	 * @param client the SDK client, built with anonymous credentials and its own retries
	 * off
	 * @param settings the library's settings for service calls
	 * @param sessionSettings the sessions' settings
	 * @param observationRegistry where service calls are observed
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param pacer the request pacer, shared by the services that call the same account
	 */
	public ChatSessions(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ChatSessionSettings sessionSettings, ObservationRegistry observationRegistry, RequestPacer pacer) {
		Assert.notNull(client, "client is required");
		Assert.notNull(sessionSettings, "sessionSettings is required");
		// checks the settings, the registry and the pacer; makes no thread and reads
		// nothing of the client
		RetryExecutor executor = new RetryExecutor(settings, observationRegistry, pacer, client);
		this.runtime = SingletonSupplier.of(() -> {
			this.runtimeRequested = true;
			return new SessionRuntime(client, settings, sessionSettings, executor,
					new DefaultTranscriptService(client, settings, observationRegistry, pacer));
		});
	}

	/**
	 * Add an observer of every session opened from now on.
	 * @param observer the observer
	 */
	public void addObserver(ChatSessionObserver observer) {
		Assert.notNull(observer, "observer is required");
		this.observers.add(observer);
	}

	/**
	 * Open a session that delivers the chat from its first item on.
	 * @param connection the participant's connection, made from a participant token
	 * @param listener hears the items and the session's end
	 * @return the session, connecting in the background
	 * @throws IllegalArgumentException if the connection was made from a connection token
	 * (the service gives WebSocket URLs only for a participant token)
	 */
	public ChatSession open(ParticipantConnection connection, ChatSessionListener listener) {
		return open(connection, listener, null);
	}

	/**
	 * Open a session that delivers the items after the given one: to resume a session of
	 * an earlier run without repeating what it delivered.
	 * @param connection the participant's connection, made from a participant token
	 * @param listener hears the items and the session's end
	 * @param afterItemId the id of the last item already handled, or {@code null} to
	 * start at the chat's first item
	 * @return the session, connecting in the background
	 * @throws IllegalArgumentException if the connection was made from a connection token
	 * @throws IllegalStateException if these sessions are closed
	 */
	public ChatSession open(ParticipantConnection connection, ChatSessionListener listener,
			@Nullable String afterItemId) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(listener, "listener is required");
		Assert.isTrue(connection.isRefreshable(),
				"A chat session needs a connection made from a participant token (ParticipantConnectionFactory"
						+ ".fromParticipantToken): the service gives WebSocket URLs only for one");
		Assert.state(!this.closed, "The chat sessions are closed");
		ChatSession session = new ChatSession(this.runtime.obtain(), connection, listener, afterItemId, this.sessions,
				this.observer);
		this.sessions.add(session);
		session.start();
		return session;
	}

	@Override
	public @Nullable CompletableFuture<AttachmentStatus> verdict(ParticipantConnection connection,
			String attachmentId) {
		for (ChatSession session : this.sessions) {
			if (session.connection() == connection && session.isOpen()) {
				return session.verdict(attachmentId);
			}
		}
		return null;
	}

	/**
	 * Return the open sessions.
	 * @return a snapshot of the sessions not yet ended
	 */
	public List<ChatSession> sessions() {
		return List.copyOf(this.sessions);
	}

	/**
	 * Close every session ({@link ChatEndReason#CLOSED}; the chats go on) and stop the
	 * shared threads, waiting up to 5 seconds for the listeners to hear what was queued.
	 */
	@Override
	public void close() {
		close(Duration.ofSeconds(5));
	}

	/**
	 * Close every session and stop the shared threads, waiting up to the given time for
	 * the listeners to hear what was queued.
	 * @param wait the longest wait
	 */
	public void close(Duration wait) {
		this.closed = true;
		for (ChatSession session : sessions()) {
			session.close();
		}
		// the first session makes the runtime: asked for before that, the supplier would
		// make one only to shut it down (and build the SDK client to do so)
		SessionRuntime created = this.runtimeRequested ? this.runtime.get() : null;
		if (created != null) {
			created.shutdown(wait);
		}
	}

	/**
	 * Tells every observer, each failure logged rather than passed on to the session.
	 */
	private record Observers(List<ChatSessionObserver> observers) implements ChatSessionObserver {

		private static final Log logger = LogFactory.getLog(ChatSessions.class);

		@Override
		public void opened(ChatSession session) {
			each((observer) -> observer.opened(session));
		}

		@Override
		public void item(ChatSession session, TranscriptItem item) {
			each((observer) -> observer.item(session, item));
		}

		@Override
		public void reconnected(ChatSession session, int filledItems) {
			each((observer) -> observer.reconnected(session, filledItems));
		}

		@Override
		public void ended(ChatSession session, ChatEndReason reason, @Nullable Throwable cause) {
			each((observer) -> observer.ended(session, reason, cause));
		}

		private void each(Consumer<ChatSessionObserver> call) {
			for (ChatSessionObserver observer : this.observers) {
				try {
					call.accept(observer);
				}
				catch (RuntimeException ex) {
					logger.warn("A chat session observer failed", ex);
				}
			}
		}

	}

}
