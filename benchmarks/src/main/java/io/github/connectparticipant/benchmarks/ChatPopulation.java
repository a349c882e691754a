package io.github.connectparticipant.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.chat.ChatSession;
import io.github.connectparticipant.chat.ChatSessions;
import io.github.connectparticipant.chat.ChatSessionListener;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.TranscriptItem;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;

/**
 * Chats of the emulator, each heard by a chat session of the starter and, beside it, by a
 * raw JDK WebSocket subscribed to the same chat: the emulator's own push, the floor a
 * session's delivery is timed against. Opening the population measures what the raw
 * sockets and the sessions retain on this JVM's heap and its threads once they are all
 * open and idle.
 */
final class ChatPopulation implements AutoCloseable {

	/** The message every chat holds before its session opens. */
	private static final String READY = "ready";

	private static final long WAIT_SECONDS = 300;

	private final ChatControl control;

	private final List<Member> members = new ArrayList<>();

	private @Nullable Idle idle;

	private ChatPopulation(ChatControl control) {
		this.control = control;
	}

	/**
	 * Start the chats on the harness's emulator, subscribe a raw WebSocket to each, then
	 * open a session of the harness's starter on each.
	 * @param harness the emulator, the raw SDK client and the starter
	 * @param http the client of the raw WebSockets
	 * @param size how many chats
	 * @return the population, every session idle
	 */
	static ChatPopulation open(Harness harness, HttpClient http, int size) throws Exception {
		return open(ChatControl.of(harness.emulator()), harness.raw(), harness.starter(), http, size);
	}

	/**
	 * Start the chats, subscribe a raw WebSocket to each, then open a session on each and
	 * wait until every session has delivered the chat's items so far.
	 * @param control the emulator, which starts the chats and adds to them
	 * @param raw the raw SDK client that makes the raw WebSockets' connections
	 * @param starter the starter whose sessions hear the chats
	 * @param http the client of the raw WebSockets
	 * @param size how many chats
	 * @return the population, every session idle
	 */
	static ChatPopulation open(ChatControl control, ConnectParticipantClient raw, Harness.Starter starter,
			HttpClient http, int size) throws Exception {
		ChatPopulation population = new ChatPopulation(control);
		try {
			List<StartedChat> chats = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				chats.add(control.startChat("Bench"));
			}
			long opening = System.nanoTime();
			for (StartedChat chat : chats) {
				// the agent joins first: every later add is then one item, one frame
				control.addMessage(chat.contactId(), "AGENT", "Sam", READY);
			}
			long started = Footprint.usedHeapAfterGc();
			CountDownLatch subscribed = new CountDownLatch(size);
			List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
			for (StartedChat chat : chats) {
				String url = raw.createParticipantConnection(
						(request) -> request.participantToken(chat.participantToken()).type(ConnectionType.WEBSOCKET))
					.websocket()
					.url();
				RawSubscriber subscriber = new RawSubscriber(subscribed);
				sockets.add(http.newWebSocketBuilder().buildAsync(URI.create(url), subscriber));
				population.members.add(new Member(chat, subscriber, new SessionListener()));
			}
			for (int i = 0; i < size; i++) {
				WebSocket socket = sockets.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
				population.members.get(i).raw().socket = socket;
				socket.sendText(ChatSocketListener.SUBSCRIBE, true);
			}
			await(subscribed, "raw WebSockets subscribed");
			long withRawSockets = Footprint.usedHeapAfterGc();
			Map<String, Long> classesBefore = Footprint.liveBytesByClass();
			Map<String, Integer> threadsBeforeSessions = Footprint.liveThreadsByName();
			CountDownLatch ready = new CountDownLatch(size);
			for (Member member : population.members) {
				member.listener().ready = ready;
				// the connection is the session's: its heap counts with the session's
				ParticipantConnection connection = starter.bean(ParticipantConnectionFactory.class)
					.fromParticipantToken(member.chat().participantToken());
				member.listener().connection = connection;
				member.listener().session = starter.bean(ChatSessions.class).open(connection, member.listener());
			}
			await(ready, "sessions that delivered the chat so far");
			System.out.printf("  chats with a raw WebSocket and a chat session each: %,d, open in %.1f s%n", size,
					(System.nanoTime() - opening) / 1e9);
			long withSessions = Footprint.usedHeapAfterGc();
			Map<String, Long> sessionClasses = new HashMap<>();
			Footprint.liveBytesByClass().forEach((name, bytes) -> {
				long retained = bytes - classesBefore.getOrDefault(name, 0L);
				if (retained != 0) {
					sessionClasses.put(name, retained);
				}
			});
			population.idle = new Idle(withRawSockets - started, withSessions - withRawSockets, sessionClasses,
					threadsBeforeSessions, Footprint.liveThreadsByName());
			return population;
		}
		catch (Exception | Error ex) {
			population.close();
			throw ex;
		}
	}

	private static void await(CountDownLatch latch, String what) throws InterruptedException {
		if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
			throw new IllegalStateException(latch.getCount() + " " + what + " missing after " + WAIT_SECONDS + " s");
		}
	}

	int size() {
		return this.members.size();
	}

	/** What the raw sockets and the sessions retain, once every session was idle. */
	Idle idle() {
		return Objects.requireNonNull(this.idle);
	}

	/** The connection of a chat's session. */
	ParticipantConnection connection(int index) {
		return Objects.requireNonNull(this.members.get(index).listener().connection);
	}

	/** The contact of a chat. */
	String contactId(int index) {
		return this.members.get(index).chat().contactId();
	}

	/**
	 * Add an agent's message to a chat through the emulator, and time it until the
	 * session's listener has it and until the raw WebSocket has its frame.
	 * @param index which chat
	 * @param content the message, unique in the run
	 * @return milliseconds from the add to the listener, and to the raw WebSocket
	 */
	Delivery add(int index, String content) throws Exception {
		Member member = this.members.get(index);
		Probe probe = new Probe(content);
		member.listener().probe = probe;
		member.raw().probe = probe;
		probe.added = System.nanoTime();
		this.control.addMessage(member.chat().contactId(), "AGENT", "Sam", content);
		if (!probe.arrived.await(30, TimeUnit.SECONDS)) {
			ChatSession session = member.listener().session;
			throw new IllegalStateException("'" + content + "' did not reach "
					+ ((probe.session == 0) ? "the session" : "the raw WebSocket") + " of chat " + index
					+ " within 30 s; the session ended: " + ((session != null) ? session.endReason() : null));
		}
		return new Delivery((probe.session - probe.added) / 1e6, (probe.raw - probe.added) / 1e6);
	}

	@Override
	public void close() {
		for (Member member : this.members) {
			ChatSession session = member.listener().session;
			if (session != null) {
				session.close();
			}
			WebSocket socket = member.raw().socket;
			if (socket != null) {
				socket.abort();
			}
		}
	}

	/**
	 * One add timed.
	 *
	 * @param sessionMillis from the add to the session's listener
	 * @param rawMillis from the add to the raw WebSocket's frame
	 */
	record Delivery(double sessionMillis, double rawMillis) {
	}

	/**
	 * What a population retains on this JVM's heap and the threads it runs, read after
	 * full collections.
	 *
	 * @param rawSocketHeap bytes the raw subscribed WebSockets retain, all of them
	 * @param sessionHeap bytes the idle sessions retain, all of them
	 * @param sessionClasses bytes the sessions retain by class: the live bytes of each
	 * class once they are open, less those before, where they differ
	 * @param threadsBeforeSessions the live threads by name (digits dropped) with the raw
	 * sockets subscribed, before the sessions opened
	 * @param threadsByName the live threads by name (digits dropped) once every session
	 * was open and idle
	 */
	record Idle(long rawSocketHeap, long sessionHeap, Map<String, Long> sessionClasses,
			Map<String, Integer> threadsBeforeSessions, Map<String, Integer> threadsByName) {
	}

	private record Member(StartedChat chat, RawSubscriber raw, SessionListener listener) {
	}

	/** One add awaited by both listeners of its chat. */
	private static final class Probe {

		private final String content;

		/** The frame's content as the raw socket sees it, closed by a quote. */
		private final String quoted;

		private final CountDownLatch arrived = new CountDownLatch(2);

		private volatile long added;

		private volatile long session;

		private volatile long raw;

		Probe(String content) {
			this.content = content;
			this.quoted = content + "\\\"";
		}

	}

	private static final class SessionListener implements ChatSessionListener {

		private volatile @Nullable CountDownLatch ready;

		private volatile @Nullable Probe probe;

		private volatile @Nullable ChatSession session;

		private volatile @Nullable ParticipantConnection connection;

		@Override
		public void onItem(TranscriptItem item) {
			long now = System.nanoTime();
			Probe expected = this.probe;
			if (expected != null && expected.content.equals(item.content())) {
				expected.session = now;
				expected.arrived.countDown();
			}
			CountDownLatch waiting = this.ready;
			if (waiting != null && READY.equals(item.content())) {
				this.ready = null;
				waiting.countDown();
			}
		}

	}

	private static final class RawSubscriber extends ChatSocketListener {

		private volatile @Nullable Probe probe;

		private volatile @Nullable WebSocket socket;

		RawSubscriber(CountDownLatch subscribed) {
			super(subscribed);
		}

		@Override
		void onFrame(String frame, long receivedNanos) {
			Probe expected = this.probe;
			if (expected != null && frame.contains(expected.quoted)) {
				expected.raw = receivedNanos;
				expected.arrived.countDown();
			}
		}

	}

}
