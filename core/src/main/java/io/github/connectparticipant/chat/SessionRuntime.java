package io.github.connectparticipant.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.TranscriptService;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

/**
 * What all sessions of one {@link ChatSessions} share: one WebSocket HTTP client, one
 * scheduler for heartbeats, backoffs and rotations, a fixed pool for service calls and
 * one for listener calls. The number of threads is fixed by the settings, whatever the
 * number of sessions.
 */
final class SessionRuntime {

	/**
	 * Threads of the WebSocket client's callbacks, which only parse frames and hand them
	 * on.
	 */
	private static final int IO_THREADS = 2;

	final ConnectParticipantClient client;

	final ConnectParticipantSettings settings;

	final ChatSessionSettings sessionSettings;

	final RetryExecutor executor;

	final TranscriptService transcripts;

	final WebSocketUrlGuard guard;

	final ScheduledExecutorService scheduler;

	final ExecutorService workers;

	final ExecutorService delivery;

	private final ExecutorService io;

	/** Opens the chat WebSockets, on the JDK's client. */
	final SocketOpener sockets;

	SessionRuntime(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ChatSessionSettings sessionSettings, RetryExecutor executor, TranscriptService transcripts) {
		this(client, settings, sessionSettings, executor, transcripts, UnaryOperator.identity());
	}

	/**
	 * Create the runtime with its socket opener wrapped: how a test makes the WebSocket
	 * client fail as the JDK's can.
	 */
	SessionRuntime(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ChatSessionSettings sessionSettings, RetryExecutor executor, TranscriptService transcripts,
			UnaryOperator<SocketOpener> openers) {
		this.client = client;
		this.settings = settings;
		this.sessionSettings = sessionSettings;
		this.executor = executor;
		this.transcripts = transcripts;
		this.guard = WebSocketUrlGuard.forClient(client);
		// a cancelled task leaves the queue at once rather than at its time, with what
		// it holds (a replaced socket's link, a rotation of a closed session)
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads("chat-session-scheduler"));
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
		this.workers = Executors.newFixedThreadPool(sessionSettings.workerThreads(), threads("chat-session-worker"));
		this.delivery = Executors.newFixedThreadPool(sessionSettings.deliveryThreads(),
				threads("chat-session-delivery"));
		this.io = Executors.newFixedThreadPool(IO_THREADS, threads("chat-session-io"));
		// no connect timeout on the client: the socket builder's timeout bounds the whole
		// opening handshake, the connection's establishment included, and a client's
		// timeout would leave a timer event on every socket's connection for its life
		HttpClient http = HttpClient.newBuilder().executor(this.io).build();
		this.sockets = openers.apply((uri, listener) -> http.newWebSocketBuilder()
			.connectTimeout(settings.attemptTimeout())
			.buildAsync(uri, listener));
	}

	/**
	 * Stop every thread, waiting up to the given time for queued listener calls.
	 */
	void shutdown(Duration wait) {
		this.scheduler.shutdownNow();
		this.workers.shutdownNow();
		this.delivery.shutdown();
		try {
			this.delivery.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.delivery.shutdownNow();
		this.io.shutdownNow();
	}

	/**
	 * Opens one chat WebSocket.
	 */
	@FunctionalInterface
	interface SocketOpener {

		CompletableFuture<WebSocket> open(URI uri, WebSocket.Listener listener);

	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
