package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import tools.jackson.databind.ObjectMapper;

import io.github.connectparticipant.emulator.Wire.TranscriptItem;

/**
 * The chat WebSockets of every contact: the URLs handed out by
 * CreateParticipantConnection and their window, the open sockets, the frames pushed to
 * them, and the faults a test puts on them. Pushes go to every subscribed socket of the
 * contact, in the order the transcript records the items.
 */
final class ChatSockets implements ChatListener {

	/**
	 * What a WebSocket URL grants: a participant's socket on a contact, until
	 * {@code expiry}.
	 */
	record UrlGrant(String contactId, String participantId, ParticipantRole role, Instant expiry) {
	}

	/**
	 * Faults on a contact's sockets: no answers to heartbeats and pings until a time, and
	 * a delay on every frame.
	 */
	record SocketFault(long unresponsiveUntilNanos, long delayMillis) {
	}

	private static final System.Logger LOGGER = System.getLogger(ChatSockets.class.getName());

	private final ChatStore store;

	private final EmulatorClock clock;

	private final SocketProtocol protocol;

	private final SubscribeRule rule;

	private final ScheduledExecutorService scheduler;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, UrlGrant> urls = new ConcurrentHashMap<>();

	private final Map<String, List<ChatSocket>> sockets = new ConcurrentHashMap<>();

	private final Map<String, SocketFault> faults = new ConcurrentHashMap<>();

	private final Map<String, List<Supplier<TranscriptItem>>> pendingVerdicts = new ConcurrentHashMap<>();

	private final ChatSocketServer server;

	private final String urlBase;

	ChatSockets(ChatStore store, EmulatorClock clock, ObjectMapper mapper, String host, int port, String urlHost)
			throws IOException {
		this.store = store;
		this.clock = clock;
		this.protocol = new SocketProtocol(mapper);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "connect-participant-emulator-sockets");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
		this.rule = new SubscribeRule(clock, store::settings, this::endUnsubscribed);
		this.server = ChatSocketServer.start(host, port, this);
		this.urlBase = "ws://" + urlHost + ":" + this.server.getPort() + "/";
		this.scheduler.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
		clock.onAdvance(this::tick);
	}

	// ---------------------------------------------------------------- from the chat
	// store

	@Override
	public void chatStarted(String contactId, Instant startedAt) {
		this.rule.started(contactId, startedAt);
	}

	@Override
	public String websocketUrl(String contactId, String participantId, ParticipantRole role, Instant expiry) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.urls.put(token, new UrlGrant(contactId, participantId, role, expiry));
		String url = this.urlBase + "?AuthToken=" + token;
		// a bearer secret: at TRACE only, for debugging a client against the emulator
		LOGGER.log(System.Logger.Level.TRACE, "Chat WebSocket URL for contact {0}: {1}", contactId, url);
		return url;
	}

	@Override
	public void itemAdded(String contactId, Supplier<TranscriptItem> item) {
		TranscriptItem rendered = item.get();
		if (rendered.type() == ItemType.ATTACHMENT && rendered.attachmentStatus() == AttachmentStatus.IN_PROGRESS) {
			// pushed again with its verdict once the scan is done
			this.pendingVerdicts.computeIfAbsent(contactId, (id) -> new CopyOnWriteArrayList<>()).add(item);
		}
		push(contactId, this.protocol.chat(rendered));
	}

	@Override
	public void chatEnded(String contactId) {
		this.rule.ended(contactId);
		this.pendingVerdicts.remove(contactId);
		this.urls.values().removeIf((grant) -> grant.contactId().equals(contactId));
		// after the chat-ended frame, which was pushed before this call
		for (ChatSocket socket : open(contactId)) {
			later(contactId, () -> socket.connection.close(CloseFrame.NORMAL, "Chat ended"));
		}
	}

	// ---------------------------------------------------------------- from the server

	/** The grant of a URL that may be connected to now, or null. */
	UrlGrant admit(String token) {
		UrlGrant grant = this.urls.get(token);
		if (grant == null || this.clock.instant().isAfter(grant.expiry())
				|| !this.store.accepts(grant.contactId(), grant.participantId())) {
			LOGGER.log(System.Logger.Level.DEBUG,
					"Chat WebSocket handshake refused: an unknown or expired URL, or the chat ended");
			return null;
		}
		return grant;
	}

	ChatSocket opened(WebSocket connection, UrlGrant grant) {
		ChatSocket socket = new ChatSocket(grant, connection, this.clock.instant());
		this.sockets.computeIfAbsent(grant.contactId(), (id) -> new CopyOnWriteArrayList<>()).add(socket);
		LOGGER.log(System.Logger.Level.DEBUG, "Chat WebSocket {0} opened for contact {1}, participant {2}", socket.id,
				grant.contactId(), grant.participantId());
		if (!this.store.accepts(grant.contactId(), grant.participantId())) {
			// the chat ended between the handshake and now
			connection.close(CloseFrame.NORMAL, "Chat ended");
		}
		return socket;
	}

	void received(ChatSocket socket, String text) {
		SocketProtocol.Request request = this.protocol.parse(text);
		switch (request.kind()) {
			case SUBSCRIBE -> {
				if (request.chat()) {
					socket.subscribe(this.clock.instant());
					if (socket.grant.role() == ParticipantRole.CUSTOMER) {
						this.rule.subscribed(socket.contactId());
					}
				}
				send(socket, this.protocol.subscription(request));
			}
			case UNSUBSCRIBE -> {
				if (request.chat()) {
					socket.unsubscribe();
				}
				send(socket, this.protocol.subscription(request));
			}
			case HEARTBEAT -> {
				if (answers(socket)) {
					send(socket, this.protocol.heartbeat());
				}
			}
			case PING -> {
				if (answers(socket)) {
					send(socket, this.protocol.ping());
				}
			}
			case INVALID -> send(socket, this.protocol.error(socket.id));
		}
	}

	/** Whether heartbeats and pings of the socket are answered now. */
	boolean answers(ChatSocket socket) {
		SocketFault fault = this.faults.get(socket.contactId());
		return fault == null || System.nanoTime() - fault.unresponsiveUntilNanos() >= 0;
	}

	void closed(ChatSocket socket, int code) {
		socket.closed(this.clock.instant(), code);
		LOGGER.log(System.Logger.Level.DEBUG, "Chat WebSocket {0} of contact {1} closed with code {2}", socket.id,
				socket.contactId(), code);
	}

	// ---------------------------------------------------------------- control

	/**
	 * Closes every open socket of a contact: with a close frame and {@code code}, or
	 * abruptly (no close frame).
	 */
	int closeAll(String contactId, int code, boolean abrupt) {
		List<ChatSocket> open = open(contactId);
		for (ChatSocket socket : open) {
			if (abrupt) {
				socket.connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "");
			}
			else {
				socket.connection.close(code, "Closed by the emulator");
			}
		}
		return open.size();
	}

	void fault(String contactId, long unresponsiveMillis, long delayMillis) {
		this.faults.put(contactId,
				new SocketFault(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(unresponsiveMillis), delayMillis));
	}

	void clearFault(String contactId) {
		this.faults.remove(contactId);
	}

	List<ChatSocket> sockets(String contactId) {
		return List.copyOf(this.sockets.getOrDefault(contactId, List.of()));
	}

	/** Open sockets of a contact that have subscribed. */
	int subscribed(String contactId) {
		return (int) open(contactId).stream().filter(ChatSocket::subscribed).count();
	}

	void reset() {
		for (List<ChatSocket> list : this.sockets.values()) {
			list.stream().filter(ChatSocket::open).forEach((s) -> s.connection.close(CloseFrame.GOING_AWAY, "Reset"));
		}
		this.sockets.clear();
		this.urls.clear();
		this.faults.clear();
		this.pendingVerdicts.clear();
		this.rule.reset();
	}

	void stop() {
		this.scheduler.shutdownNow();
		this.server.shutdown();
	}

	// ---------------------------------------------------------------- pushing

	private void push(String contactId, String frame) {
		List<ChatSocket> targets = this.sockets.getOrDefault(contactId, List.of());
		if (targets.isEmpty()) {
			return;
		}
		List<WebSocket> now = new ArrayList<>(targets.size());
		for (ChatSocket socket : targets) {
			if (socket.subscribed()) {
				socket.sent(frame);
				now.add(socket.connection);
			}
		}
		later(contactId, () -> this.server.send(frame, now));
	}

	private void send(ChatSocket socket, String frame) {
		socket.sent(frame);
		later(socket.contactId(), () -> {
			try {
				socket.connection.send(frame);
			}
			catch (WebsocketNotConnectedException ex) {
				// closed meanwhile: the frame is lost, as on a real network
			}
		});
	}

	/** Runs an action on a contact's sockets now, or after the contact's frame delay. */
	private void later(String contactId, Runnable action) {
		SocketFault fault = this.faults.get(contactId);
		if (fault == null || fault.delayMillis() <= 0) {
			action.run();
		}
		else {
			this.scheduler.schedule(action, fault.delayMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private List<ChatSocket> open(String contactId) {
		return this.sockets.getOrDefault(contactId, List.of()).stream().filter(ChatSocket::open).toList();
	}

	/**
	 * Work that is due by the clock: verdicts whose scan is done, chats past the
	 * subscribe rule, stale URLs.
	 */
	private void tick() {
		this.pendingVerdicts.forEach((contactId, items) -> {
			for (Supplier<TranscriptItem> item : items) {
				TranscriptItem rendered = item.get();
				if (rendered.attachmentStatus() != AttachmentStatus.IN_PROGRESS && items.remove(item)) {
					push(contactId, this.protocol.chat(rendered));
				}
			}
		});
		Instant now = this.clock.instant();
		this.urls.values().removeIf((grant) -> now.isAfter(grant.expiry()));
		this.rule.sweep();
	}

	private void endUnsubscribed(String contactId) {
		try {
			this.store.endContact(contactId);
		}
		catch (ApiException ex) {
			// the contact is gone (a reset): nothing to end
		}
	}

}
