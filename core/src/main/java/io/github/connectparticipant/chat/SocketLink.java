package io.github.connectparticipant.chat;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptItemJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * One chat WebSocket, from the JDK's client: subscribes to {@code aws/chat} when it
 * opens, sends a heartbeat at once and then every interval, reads the frames and hands
 * pushed items to its {@link Events}. A heartbeat still unanswered at the next beat, a
 * subscription not confirmed by then, a close or an error make the link lost, once.
 */
final class SocketLink implements WebSocket.Listener {

	private static final Log logger = LogFactory.getLog(SocketLink.class);

	private static final String SUBSCRIBE = "{\"topic\":\"aws/subscribe\",\"content\":{\"topics\":[\"aws/chat\"]}}";

	private static final String HEARTBEAT = "{\"topic\":\"aws/heartbeat\"}";

	/**
	 * How long a closed socket waits for the server's close frame before the connection
	 * is cut.
	 */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * What a link tells its session.
	 */
	interface Events {

		void subscribed(SocketLink link);

		void item(SocketLink link, TranscriptItem item);

		void lost(SocketLink link, String why);

	}

	private final Events events;

	private final ScheduledExecutorService scheduler;

	private final Duration heartbeatInterval;

	private final AtomicBoolean finished = new AtomicBoolean();

	private final StringBuilder partial = new StringBuilder();

	private volatile @Nullable WebSocket socket;

	private volatile @Nullable ScheduledFuture<?> heartbeat;

	private volatile @Nullable ScheduledFuture<?> openingDeadline;

	private volatile boolean subscribed;

	private volatile boolean awaitingHeartbeat;

	/**
	 * Heartbeats sent; after the first, the subscription has had one interval to be
	 * confirmed.
	 */
	private volatile int beats;

	/**
	 * Frames are sent one after the other: the JDK's socket refuses a send while one is
	 * under way.
	 */
	private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

	SocketLink(Events events, ScheduledExecutorService scheduler, Duration heartbeatInterval) {
		this.events = events;
		this.scheduler = scheduler;
		this.heartbeatInterval = heartbeatInterval;
	}

	boolean isSubscribed() {
		return this.subscribed && !this.finished.get();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		if (this.finished.get()) {
			// closed or lost while it was connecting: nobody wants it any more
			webSocket.abort();
			return;
		}
		cancelOpeningDeadline();
		webSocket.request(1);
		send(SUBSCRIBE);
		long interval = this.heartbeatInterval.toNanos();
		this.heartbeat = this.scheduler.scheduleAtFixedRate(this::beat, 0, interval, TimeUnit.NANOSECONDS);
		if (this.finished.get()) {
			stopHeartbeat();
		}
	}

	/**
	 * Make the link lost if its socket has not opened within the time.
	 */
	void expectOpenWithin(Duration timeout) {
		try {
			this.openingDeadline = this.scheduler.schedule(() -> {
				if (this.socket == null) {
					lost("the socket did not open within " + timeout);
				}
			}, timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (this.socket != null) {
				cancelOpeningDeadline();
			}
		}
		catch (RejectedExecutionException ex) {
			// the sessions are shut down
		}
	}

	/**
	 * Drop the deadline of an opening that is over, so that the scheduler no longer holds
	 * this link until the deadline's time.
	 */
	private void cancelOpeningDeadline() {
		ScheduledFuture<?> deadline = this.openingDeadline;
		if (deadline != null) {
			deadline.cancel(false);
			this.openingDeadline = null;
		}
	}

	private void beat() {
		try {
			checkAndBeat();
		}
		catch (RuntimeException | Error ex) {
			// a periodic task that throws is never run again: the link would be left
			// without heartbeats, so a dead socket would go unnoticed
			lost("the heartbeat failed: " + ex.getClass().getSimpleName());
		}
	}

	private void checkAndBeat() {
		if (this.finished.get()) {
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
		synchronized (this.partial) {
			if (last && this.partial.isEmpty()) {
				// a whole frame, as the service sends them: the builder is not needed
				text = data.toString();
			}
			else {
				this.partial.append(data);
				if (!last) {
					webSocket.request(1);
					return null;
				}
				text = this.partial.toString();
				// an idle session keeps no buffer the size of its largest frame
				this.partial.setLength(0);
				this.partial.trimToSize();
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
					if (!this.finished.get()) {
						this.events.subscribed(this);
					}
				}
				else {
					lost("the subscription to aws/chat failed");
				}
			}
			case "aws/chat" -> {
				JsonNode content = fields.get("content");
				if (content != null && content.isString() && !this.finished.get()) {
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
		if (this.finished.compareAndSet(false, true)) {
			stopHeartbeat();
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
		if (this.finished.compareAndSet(false, true)) {
			stopHeartbeat();
			WebSocket webSocket = this.socket;
			if (webSocket != null) {
				synchronized (this) {
					// the JDK closes the connection when the server's close frame comes
					// back
					this.sending = this.sending.handle((ignored, failure) -> null)
						.thenCompose((ignored) -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, ""))
						.whenComplete((ignored, failure) -> {
							if (failure != null) {
								webSocket.abort();
							}
						});
				}
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

	private void send(String frame) {
		WebSocket webSocket = this.socket;
		if (webSocket == null || this.finished.get()) {
			return;
		}
		synchronized (this) {
			this.sending = this.sending.handle((ignored, failure) -> null)
				.thenCompose((ignored) -> webSocket.sendText(frame, true))
				.whenComplete((ignored, failure) -> {
					if (failure != null) {
						lost("a frame could not be sent: " + failure.getClass().getSimpleName());
					}
				});
		}
	}

	private void stopHeartbeat() {
		cancelOpeningDeadline();
		ScheduledFuture<?> beat = this.heartbeat;
		if (beat != null) {
			beat.cancel(false);
		}
	}

}
