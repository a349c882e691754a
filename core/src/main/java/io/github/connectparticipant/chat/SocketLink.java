package io.github.connectparticipant.chat;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.connectparticipant.transcript.TranscriptItemJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * One chat WebSocket, from the JDK's client: subscribes to {@code aws/chat} when it
 * opens, sends a heartbeat at once and then every interval, reads the frames and hands
 * pushed items to its {@link LinkEvents}. A heartbeat still unanswered at the next beat,
 * a subscription not confirmed by then, a close or an error make the link lost, once.
 */
final class SocketLink implements WebSocket.Listener, Callable<Void> {

	private static final Log logger = LogFactory.getLog(SocketLink.class);

	private static final String SUBSCRIBE = "{\"topic\":\"aws/subscribe\",\"content\":{\"topics\":[\"aws/chat\"]}}";

	private static final String HEARTBEAT = "{\"topic\":\"aws/heartbeat\"}";

	/** How long a closed socket waits for the server's close frame before it is cut. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final LinkEvents events;

	private final ScheduledExecutorService scheduler;

	private final Duration heartbeatInterval;

	/** Set once, when the link is lost or closed. */
	private volatile boolean finished;

	/** A message's frames read so far, while it comes in more than one. */
	private @Nullable StringBuilder partial;

	private volatile @Nullable WebSocket socket;

	/** The opening's deadline, then the next heartbeat or rotation: one task a link. */
	private @Nullable ScheduledFuture<?> timer;

	/** When the next heartbeat is due ({@link System#nanoTime()}). */
	private long nextBeat;

	/** When the link is due for rotation, if {@link #rotationPending}. */
	private long rotationDue;

	private boolean rotationPending;

	private volatile boolean subscribed;

	private volatile boolean awaitingHeartbeat;

	/** Heartbeats sent; after the first, the subscription is due. */
	private volatile int beats;

	/** The send under way: the JDK's socket refuses a send while one is. */
	private @Nullable CompletableFuture<?> sending;

	SocketLink(LinkEvents events, ScheduledExecutorService scheduler, Duration heartbeatInterval) {
		this.events = events;
		this.scheduler = scheduler;
		this.heartbeatInterval = heartbeatInterval;
	}

	boolean isSubscribed() {
		return this.subscribed && !this.finished;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		if (this.finished) {
			// closed or lost while it was connecting: nobody wants it any more
			webSocket.abort();
			return;
		}
		webSocket.request(1);
		send(SUBSCRIBE);
		synchronized (this) {
			if (!this.finished) {
				long now = System.nanoTime();
				this.nextBeat = now;
				scheduleTimer(now);
			}
		}
	}

	/**
	 * Tell the session when the link is due for replacement, measured from now.
	 */
	synchronized void rotateAfter(Duration age) {
		long now = System.nanoTime();
		this.rotationDue = now + age.toNanos();
		this.rotationPending = true;
		if (this.timer != null && !this.finished) {
			// the timer may be set for a later beat
			scheduleTimer(now);
		}
	}

	/**
	 * The timer's task, the link itself (no wrapper per run): run what is due, the
	 * rotation, the heartbeat or both, and set the timer for what comes next.
	 */
	@Override
	public @Nullable Void call() {
		boolean beat;
		boolean rotate;
		synchronized (this) {
			if (this.finished) {
				return null;
			}
			long now = System.nanoTime();
			beat = now - this.nextBeat >= 0;
			if (beat) {
				long interval = this.heartbeatInterval.toNanos();
				// at a fixed rate, but a stalled JVM's missed beats are not made up in a
				// burst
				this.nextBeat = (now - this.nextBeat < interval) ? this.nextBeat + interval : now + interval;
			}
			rotate = this.rotationPending && now - this.rotationDue >= 0;
			if (rotate) {
				this.rotationPending = false;
			}
			scheduleTimer(now);
		}
		if (rotate) {
			this.events.rotationDue(this);
		}
		if (beat) {
			beat();
		}
		return null;
	}

	private void scheduleTimer(long now) {
		long next = (this.rotationPending && this.rotationDue - this.nextBeat < 0) ? this.rotationDue : this.nextBeat;
		ScheduledFuture<?> previous = this.timer;
		if (previous != null) {
			previous.cancel(false);
		}
		try {
			this.timer = this.scheduler.schedule(this, Math.max(0, next - now), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the sessions are shut down
			this.timer = null;
		}
	}

	/**
	 * Make the link lost if its socket has not opened within the time.
	 */
	void expectOpenWithin(Duration timeout) {
		synchronized (this) {
			if (this.socket != null || this.finished || this.timer != null) {
				return;
			}
			try {
				// the opening's deadline is the link's timer until the socket opens
				this.timer = this.scheduler.schedule(() -> {
					if (this.socket == null) {
						lost("the socket did not open within " + timeout);
					}
				}, timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// the sessions are shut down
			}
		}
	}

	private void beat() {
		try {
			checkAndBeat();
		}
		catch (RuntimeException | Error ex) {
			// a heartbeat that cannot be sent leaves a dead socket unnoticed
			lost("the heartbeat failed: " + ex.getClass().getSimpleName());
		}
	}

	private void checkAndBeat() {
		if (this.finished) {
			return;
		}
		if (this.awaitingHeartbeat) {
			lost("no answer to the last heartbeat within " + this.heartbeatInterval);
			return;
		}
		if (!this.subscribed && this.beats > 0) {
			lost("the subscription to aws/chat was not confirmed within " + this.heartbeatInterval);
			return;
		}
		this.beats++;
		this.awaitingHeartbeat = true;
		send(HEARTBEAT);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		String text;
		synchronized (this) {
			if (last && this.partial == null) {
				// a whole frame, as the service sends them: the builder is not needed
				text = data.toString();
			}
			else {
				if (this.partial == null) {
					this.partial = new StringBuilder();
				}
				this.partial.append(data);
				if (!last) {
					webSocket.request(1);
					return null;
				}
				text = this.partial.toString();
				// an idle session keeps no buffer the size of its largest message
				this.partial = null;
			}
		}
		try {
			frame(text);
		}
		catch (RuntimeException ex) {
			// a frame the library cannot read is skipped: the gap fill after the next
			// reconnect reads its item from the transcript
			logger.debug("Skipped a chat WebSocket frame the library cannot read: " + ex.getMessage());
		}
		webSocket.request(1);
		return null;
	}

	private void frame(String text) {
		JsonNode frame = JsonNode.parser().parse(text);
		if (!frame.isObject()) {
			return;
		}
		Map<String, JsonNode> fields = frame.asObject();
		JsonNode topic = fields.get("topic");
		if (topic == null || !topic.isString()) {
			if (fields.containsKey("message")) {
				lost("the service refused a frame (" + fields.get("message").text() + ")");
			}
			return;
		}
		switch (topic.asString()) {
			case "aws/heartbeat" -> this.awaitingHeartbeat = false;
			case "aws/subscribe" -> {
				JsonNode content = fields.get("content");
				JsonNode status = (content != null && content.isObject()) ? content.asObject().get("status") : null;
				if (status != null && "success".equals(status.text())) {
					this.subscribed = true;
					if (!this.finished) {
						this.events.subscribed(this);
					}
				}
				else {
					lost("the subscription to aws/chat failed");
				}
			}
			case "aws/chat" -> {
				JsonNode content = fields.get("content");
				if (content != null && content.isString() && !this.finished) {
					this.events.item(this, TranscriptItemJson.parse(content.asString()));
				}
			}
			default -> {
				// aws/ping answers and topics the library does not use
			}
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		lost("the socket was closed with code " + statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		lost("the socket failed: " + error.getClass().getSimpleName());
	}

	/**
	 * Make the link lost: stop it, abort its socket and tell the session, once.
	 */
	void lost(String why) {
		if (finish()) {
			stopTimer();
			WebSocket webSocket = this.socket;
			if (webSocket != null) {
				webSocket.abort();
			}
			this.events.lost(this, why);
		}
	}

	/**
	 * Close the socket normally (code 1000) without telling the session: it replaced or
	 * closed the link itself.
	 */
	void close() {
		if (finish()) {
			stopTimer();
			WebSocket webSocket = this.socket;
			if (webSocket != null) {
				// the JDK closes the connection when the server's close frame comes back
				queue(webSocket, (open) -> open.sendClose(WebSocket.NORMAL_CLOSURE, ""),
						(failure) -> webSocket.abort());
				try {
					this.scheduler.schedule(() -> {
						if (!webSocket.isInputClosed()) {
							webSocket.abort();
						}
					}, CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
				}
				catch (RejectedExecutionException ex) {
					webSocket.abort();
				}
			}
		}
	}

	/**
	 * Mark the link finished.
	 * @return whether it was not before
	 */
	private synchronized boolean finish() {
		if (this.finished) {
			return false;
		}
		this.finished = true;
		return true;
	}

	private void send(String frame) {
		WebSocket webSocket = this.socket;
		if (webSocket == null || this.finished) {
			return;
		}
		queue(webSocket, (open) -> open.sendText(frame, true),
				(failure) -> lost("a frame could not be sent: " + failure.getClass().getSimpleName()));
	}

	/**
	 * Send after the send under way, if any; once every send is done, none is kept.
	 */
	private synchronized void queue(WebSocket webSocket, Function<WebSocket, CompletableFuture<?>> send,
			Consumer<Throwable> onFailure) {
		CompletableFuture<?> previous = this.sending;
		CompletableFuture<?> sent;
		try {
			sent = (previous != null)
					? previous.handle((ignored, failure) -> null).thenCompose((ignored) -> send.apply(webSocket))
					: send.apply(webSocket);
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		this.sending = sent;
		CompletableFuture<?> queued = sent;
		queued.whenComplete((ignored, failure) -> {
			synchronized (this) {
				if (this.sending == queued) {
					this.sending = null;
				}
			}
			if (failure != null) {
				onFailure.accept(failure);
			}
		});
	}

	private synchronized void stopTimer() {
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

}
