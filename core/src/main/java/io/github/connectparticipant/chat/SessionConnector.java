package io.github.connectparticipant.chat;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.WebSocketUrl;
import io.github.connectparticipant.transcript.ScanDirection;
import io.github.connectparticipant.transcript.SortOrder;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptPage;
import io.github.connectparticipant.transcript.TranscriptQuery;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one session connected: gets a WebSocket URL (reused inside its window), opens a
 * {@link SocketLink}, fills the gap from the transcript once it is subscribed, reconnects
 * with exponential backoff and jitter when it is lost, and replaces it before its
 * lifetime ends, subscribing the new socket before closing the old.
 */
final class SessionConnector implements LinkEvents, ItemSequencer.Sink {

	private static final Log logger = LogFactory.getLog(SessionConnector.class);

	/** A URL is not reused this close to the end of its window. */
	private static final Duration URL_MARGIN = Duration.ofSeconds(15);

	private static final int PAGE_SIZE = 100;

	private final ChatSession session;

	private final SessionRuntime runtime;

	private final ParticipantConnection connection;

	private final ItemSequencer sequencer;

	private boolean everConnected;

	private @Nullable SocketLink current;

	private @Nullable SocketLink candidate;

	/** The URL in use; read and written by one connection attempt at a time. */
	private volatile @Nullable WebSocketUrl url;

	/** Whether an attempt is getting its URL. */
	private boolean connecting;

	private int failures;

	private boolean stopped;

	SessionConnector(ChatSession session, SessionRuntime runtime, ParticipantConnection connection,
			@Nullable String afterItemId) {
		this.session = session;
		this.runtime = runtime;
		this.connection = connection;
		this.sequencer = new ItemSequencer(this, afterItemId);
	}

	/**
	 * Called under the sequencer's lock, in order.
	 */
	@Override
	public void deliver(TranscriptItem item) {
		String contactId = item.contactId();
		this.session.deliver(item, (contactId != null) ? this.sequencer.sameContactId(contactId) : null);
	}

	@Override
	public void chatEnded() {
		// not under the sequencer's lock: ending stops this connector, which takes its
		// own
		work(() -> this.session.end(ChatEndReason.CHAT_ENDED, null));
	}

	void start() {
		work(this::connect);
	}

	/**
	 * Open a candidate socket: the first one, a replacement of a lost one, or the
	 * successor of one due for rotation.
	 */
	private void connect() {
		synchronized (this) {
			if (this.stopped || this.candidate != null || this.connecting) {
				return;
			}
			this.connecting = true;
		}
		URI uri;
		try {
			uri = url();
		}
		catch (ParticipantAccessDeniedException ex) {
			this.session.end(ChatEndReason.ACCESS_DENIED, ex);
			return;
		}
		catch (UrlRefusedException ex) {
			this.session.end(ChatEndReason.FAILED, ex.getCause());
			return;
		}
		catch (RuntimeException | Error ex) {
			// an Error too (the SDK's HTTP client can throw InternalError): this attempt
			// failed, the next one may not, and the session must not wait for nothing
			synchronized (this) {
				this.connecting = false;
				this.failures++;
				report(ex, "Could not get a chat WebSocket URL");
				retry();
			}
			return;
		}
		SocketLink link;
		synchronized (this) {
			this.connecting = false;
			if (this.stopped) {
				return;
			}
			link = new SocketLink(this, this.runtime.scheduler, this.runtime.sessionSettings.heartbeatInterval());
			this.candidate = link;
		}
		CompletableFuture<WebSocket> opening;
		try {
			opening = this.runtime.sockets.open(uri, link);
		}
		catch (RuntimeException | Error ex) {
			// the JDK's client throws as well as failing its future
			report(ex, "Could not open a chat WebSocket");
			link.lost("could not connect: " + ex.getClass().getSimpleName());
			return;
		}
		// the client's connect timeout ends a handshake that takes too long; this ends
		// an opening the client never completes at all
		link.expectOpenWithin(this.runtime.settings.attemptTimeout().multipliedBy(2));
		opening.whenComplete((socket, failure) -> {
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
				if (cause instanceof WebSocketHandshakeException) {
					// the URL's window passed, or the chat is over: the next attempt asks
					// for a new one
					forgetUrl();
				}
				link.lost("could not connect: " + ((cause != null) ? cause.getClass().getSimpleName() : "unknown"));
			}
		});
	}

	/**
	 * Log a failed step: at debug for the exceptions a network has, at warn for an
	 * {@link Error}, which tells of a bug in a library below. Only the class is named:
	 * messages can carry the URL.
	 */
	private static void report(Throwable ex, String step) {
		String message = step + " (" + ex.getClass().getName() + "); the session reconnects";
		if (ex instanceof Error) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private URI url() {
		WebSocketUrl known = this.url;
		if (known == null || known.expiry() == null || !Instant.now().isBefore(known.expiry().minus(URL_MARGIN))) {
			known = this.connection.createWebSocketUrl();
			this.url = known;
		}
		try {
			return this.runtime.guard.check(known.url());
		}
		catch (RuntimeException ex) {
			this.url = null;
			throw new UrlRefusedException(ex);
		}
	}

	private void forgetUrl() {
		this.url = null;
	}

	@Override
	public void subscribed(SocketLink link) {
		SocketLink replaced;
		synchronized (this) {
			if (link != this.candidate || this.stopped) {
				link.close();
				return;
			}
			this.candidate = null;
			replaced = this.current;
			this.current = link;
		}
		if (replaced != null && replaced.isSubscribed()) {
			// a rotation: both sockets got every push while they overlapped, so there is
			// no gap
			replaced.close();
			connected(link);
			return;
		}
		int fill = this.sequencer.beginFill();
		work(() -> fill(link, fill));
	}

	private void fill(SocketLink link, int fill) {
		try {
			int filled = read(fill, false);
			this.sequencer.endFill(fill);
			if (logger.isDebugEnabled()) {
				logger.debug("Chat session connected; " + filled + " items filled from the transcript");
			}
			boolean reconnected;
			synchronized (this) {
				reconnected = this.everConnected;
				this.everConnected = true;
			}
			if (reconnected) {
				this.session.reconnected(filled);
			}
			connected(link);
		}
		catch (ParticipantAccessDeniedException ex) {
			this.session.end(ChatEndReason.ACCESS_DENIED, ex);
		}
		catch (RuntimeException | Error ex) {
			// an Error too: a fill that ends without a word leaves the pushes held for
			// ever
			synchronized (this) {
				this.failures++;
			}
			report(ex, "Could not fill the gap from the transcript");
			link.lost("the transcript could not be read: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * Read the transcript forward from the last item delivered to its end, page by page;
	 * an id the transcript does not know makes it start from that item's time.
	 */
	private int read(int fill, boolean byTime) {
		TranscriptQuery query = TranscriptQuery.builder()
			.forward(this.sequencer.fillStart(byTime))
			.sortOrder(SortOrder.ASCENDING)
			.maxResults(PAGE_SIZE)
			.build();
		int filled = 0;
		String nextToken = null;
		do {
			if (!this.sequencer.isCurrent(fill)) {
				return filled;
			}
			TranscriptPage page;
			try {
				page = this.runtime.transcripts.page(this.connection, query, nextToken);
			}
			catch (InvalidRequestException ex) {
				if (byTime || nextToken != null || query.direction() != ScanDirection.FORWARD) {
					throw ex;
				}
				return read(fill, true);
			}
			filled += this.sequencer.filled(fill, page.items(), page.initialContactId());
			nextToken = page.nextToken();
		}
		while (nextToken != null);
		return filled;
	}

	private synchronized void connected(SocketLink link) {
		this.failures = 0;
		if (!this.stopped && link == this.current) {
			link.rotateAfter(this.runtime.sessionSettings.rotationInterval());
		}
	}

	@Override
	public void rotationDue(SocketLink link) {
		synchronized (this) {
			if (this.stopped || link != this.current) {
				return;
			}
		}
		work(this::connect);
	}

	@Override
	public void item(SocketLink link, TranscriptItem item) {
		this.sequencer.pushed(item);
	}

	@Override
	public synchronized void lost(SocketLink link, String why) {
		if (this.stopped) {
			return;
		}
		if (link == this.candidate) {
			this.candidate = null;
			this.failures++;
		}
		else if (link == this.current) {
			this.current = null;
		}
		else {
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Chat WebSocket lost (" + why + "); reconnecting");
		}
		retry();
	}

	/**
	 * Try again after the backoff: up to the initial backoff (jitter only) after a socket
	 * that worked, then doubling with each failure up to the maximum, each wait drawn
	 * between half and all of its bound.
	 */
	private void retry() {
		ChatSessionSettings settings = this.runtime.sessionSettings;
		long initial = settings.initialBackoff().toNanos();
		long delay;
		if (this.failures == 0) {
			delay = ThreadLocalRandom.current().nextLong(initial + 1);
		}
		else {
			long bound = Math.min(settings.maxBackoff().toNanos(), initial << Math.min(this.failures - 1, 30));
			bound = Math.max(bound, initial);
			delay = bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
		}
		try {
			this.runtime.scheduler.schedule(() -> work(this::connect), delay, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the sessions are shut down
		}
	}

	/**
	 * Stop: no more reconnections, the sockets closed normally.
	 */
	void stop() {
		SocketLink open;
		SocketLink opening;
		synchronized (this) {
			this.stopped = true;
			open = this.current;
			opening = this.candidate;
			this.current = null;
			this.candidate = null;
		}
		if (open != null) {
			open.close();
		}
		if (opening != null) {
			opening.close();
		}
	}

	private void work(Runnable task) {
		try {
			this.runtime.workers.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the sessions are shut down
		}
	}

	/**
	 * The service gave a WebSocket URL the guard refused.
	 */
	private static final class UrlRefusedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UrlRefusedException(RuntimeException cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
