package io.github.connectparticipant.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.java_websocket.WebSocket;

/**
 * One open (or closed) chat WebSocket of a participant: who it belongs to, when it opened
 * and subscribed, and the frames it was sent (the newest {@value #KEPT_FRAMES} of them
 * kept for the control API).
 */
final class ChatSocket {

	static final int KEPT_FRAMES = 100;

	final String id = UUID.randomUUID().toString();

	final ChatSockets.UrlGrant grant;

	final WebSocket connection;

	final Instant openedAt;

	private volatile Instant subscribedAt;

	/** Set once, by the first close seen, so that its time and code are read together. */
	private final AtomicReference<Close> close = new AtomicReference<>();

	private final AtomicLong framesSent = new AtomicLong();

	private final Deque<String> frames = new ArrayDeque<>();

	ChatSocket(ChatSockets.UrlGrant grant, WebSocket connection, Instant openedAt) {
		this.grant = grant;
		this.connection = connection;
		this.openedAt = openedAt;
	}

	String contactId() {
		return this.grant.contactId();
	}

	boolean subscribed() {
		return this.subscribedAt != null && open();
	}

	Instant subscribedAt() {
		return this.subscribedAt;
	}

	void subscribe(Instant at) {
		if (this.subscribedAt == null) {
			this.subscribedAt = at;
		}
	}

	void unsubscribe() {
		this.subscribedAt = null;
	}

	/** Whether the socket is open: not closed, and no close begun by either side. */
	boolean open() {
		return this.close.get() == null && this.connection.isOpen();
	}

	void closed(Instant at, int code) {
		this.close.compareAndSet(null, new Close(at, code));
	}

	/** How the socket closed, or null while it is open. */
	Close close() {
		return this.close.get();
	}

	/** Notes a frame that was sent. */
	void sent(String frame) {
		this.framesSent.incrementAndGet();
		synchronized (this.frames) {
			if (this.frames.size() == KEPT_FRAMES) {
				this.frames.removeFirst();
			}
			this.frames.addLast(frame);
		}
	}

	long framesSent() {
		return this.framesSent.get();
	}

	List<String> frames() {
		synchronized (this.frames) {
			return new ArrayList<>(this.frames);
		}
	}

	/** When a socket closed, and the close code it closed with. */
	record Close(Instant at, int code) {
	}

}
