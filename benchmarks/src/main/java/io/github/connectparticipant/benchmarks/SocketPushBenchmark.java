package io.github.connectparticipant.benchmarks;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;

import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.Report.ratio;

/**
 * Pushes on the chat WebSocket: an agent's message added to a chat with many subscribed
 * sockets, timed until every socket has its {@code aws/chat} frame; against the floor, a
 * bare Java-WebSocket server (the library the emulator serves sockets with) that
 * broadcasts a frame of the same size to as many sockets. Both run side by side, the same
 * JDK WebSocket clients on each, in interleaved rounds.
 */
final class SocketPushBenchmark {

	/** Sockets subscribed to the chat. */
	private final int sockets;

	/** Pushes per variant and round. */
	private final int pushes;

	/** Rounds kept, after a warm-up round. */
	private final int rounds;

	private final Report report;

	SocketPushBenchmark(BenchmarkConfig config, Report report) {
		boolean full = "full".equals(config.name());
		this.sockets = full ? 1000 : 20;
		this.pushes = full ? 200 : 10;
		this.rounds = full ? 5 : 1;
		this.report = report;
	}

	void run() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		List<Double> emulatorLatencies = Collections.synchronizedList(new ArrayList<>());
		List<Double> floorLatencies = Collections.synchronizedList(new ArrayList<>());
		List<Double> emulatorRates = new ArrayList<>();
		List<Double> floorRates = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		int frameBytes;
		try (ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start();
				ConnectParticipantClient sdk = Harness.rawClient(emulator.baseUri(), new RequestCounter())) {
			StartedChat chat = emulator.startChat("Ada");
			String url = sdk
				.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
					.type(ConnectionType.WEBSOCKET, ConnectionType.CONNECTION_CREDENTIALS))
				.websocket()
				.url();
			// the agent joins before the sockets open: each push is then one frame, the
			// message
			emulator.addMessage(chat.contactId(), "AGENT", "Sam", "joined");
			Clients onEmulator = Clients.open(http, url, this.sockets);
			Pusher emulatorPush = (i) -> emulator.addMessage(chat.contactId(), "AGENT", "Sam", "push " + i);
			// the floor broadcasts a frame as large as the emulator's
			String frame = onEmulator.firstFrame(emulatorPush);
			frameBytes = frame.length();
			FloorServer floor = FloorServer.started();
			try {
				Clients onFloor = Clients.open(http, "ws://127.0.0.1:" + floor.getPort() + "/", this.sockets);
				Pusher floorPush = (i) -> floor.broadcast(frame, floor.getConnections());
				for (int round = -1; round < this.rounds; round++) {
					double emulatorRate = onEmulator.pushes(emulatorPush, this.pushes,
							(round >= 0) ? emulatorLatencies : null);
					double floorRate = onFloor.pushes(floorPush, this.pushes, (round >= 0) ? floorLatencies : null);
					if (round >= 0) {
						emulatorRates.add(emulatorRate);
						floorRates.add(floorRate);
						ratios.add(emulatorRate / floorRate);
					}
				}
				onFloor.close();
			}
			finally {
				try {
					floor.stop(1000);
				}
				catch (java.nio.channels.ClosedSelectorException ex) {
					// Java-WebSocket's thread closed its selector while stop() still
					// closed sockets: all closed
				}
			}
			onEmulator.close();
		}
		double ratio = Measure.median(ratios);
		double emulatorP99 = Measure.percentile(emulatorLatencies, 99);
		double floorP99 = Measure.percentile(floorLatencies, 99);
		this.report.row(Benchmark.WEBSOCKET_PUSH,
				f("chat WebSocket, %d sockets: pushes/s emulator / floor", this.sockets), ratio(ratio), "(reported)",
				Report.Verdict.INFO);
		this.report.row(Benchmark.WEBSOCKET_PUSH, "chat WebSocket: p99 push latency emulator, floor",
				millis(emulatorP99) + ", " + millis(floorP99), "(reported)", Report.Verdict.INFO);
		this.report.section(Benchmark.WEBSOCKET_PUSH, "Chat WebSocket pushes",
				f("%d subscribed JDK WebSocket clients on one chat of the "
						+ "emulator; a push is an agent's message added to the chat (in process), done when every socket has "
						+ "its `aws/chat` frame (%d bytes); %d pushes one after the other per variant and round, %d rounds "
						+ "after a warm-up round, the variants interleaved. The floor is a bare Java-WebSocket server "
						+ "broadcasting the same frame to as many clients. Latency is from the push to a socket's frame, "
						+ "over every socket and push.%n%n"
						+ "| variant | pushes/s (median of rounds) | frames/s | p50 latency | p99 latency |%n| --- | --- | --- | --- | --- |%n"
						+ "| emulator | %.0f | %.0f | %s | %s |%n| floor (bare Java-WebSocket) | %.0f | %.0f | %s | %s |%n%n"
						+ "Pushes/s emulator / floor, median of the per-round ratios: %s.", this.sockets, frameBytes,
						this.pushes, this.rounds, Measure.median(emulatorRates),
						Measure.median(emulatorRates) * this.sockets, millis(Measure.percentile(emulatorLatencies, 50)),
						millis(emulatorP99), Measure.median(floorRates), Measure.median(floorRates) * this.sockets,
						millis(Measure.percentile(floorLatencies, 50)), millis(floorP99), ratio(ratio)));
	}

	/** One push of a variant. */
	@FunctionalInterface
	private interface Pusher {

		void push(int index) throws Exception;

	}

	/**
	 * Many subscribed JDK WebSocket clients, and the time each push takes to reach all of
	 * them.
	 */
	private static final class Clients {

		private final List<Listener> listeners = new ArrayList<>();

		private final List<WebSocket> sockets = new ArrayList<>();

		static Clients open(HttpClient http, String url, int count) throws Exception {
			Clients clients = new Clients();
			CountDownLatch subscribed = new CountDownLatch(count);
			List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Listener listener = new Listener(subscribed);
				clients.listeners.add(listener);
				opening.add(http.newWebSocketBuilder().buildAsync(URI.create(url), listener));
			}
			for (CompletableFuture<WebSocket> future : opening) {
				WebSocket socket = future.get(60, TimeUnit.SECONDS);
				clients.sockets.add(socket);
				socket.sendText(ChatSocketListener.SUBSCRIBE, true);
			}
			if (!subscribed.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException(subscribed.getCount() + " of " + count
						+ " sockets not subscribed; a first frame: " + clients.listeners.get(0).lastFrame);
			}
			return clients;
		}

		/** The frame of a first push, as the first client receives it. */
		String firstFrame(Pusher pusher) throws Exception {
			pushes(pusher, 1, null);
			return this.listeners.get(0).lastFrame;
		}

		/**
		 * Pushes one after the other, each awaited on every socket; answers pushes per
		 * second.
		 */
		double pushes(Pusher pusher, int count, List<Double> latencies) throws Exception {
			long start = System.nanoTime();
			for (int i = 1; i <= count; i++) {
				CountDownLatch reached = new CountDownLatch(this.listeners.size());
				long pushed = System.nanoTime();
				this.listeners.forEach((listener) -> listener.expect(reached, pushed, latencies));
				pusher.push(i);
				if (!reached.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("Push " + i + " did not reach " + reached.getCount() + " of "
							+ this.listeners.size() + " sockets");
				}
			}
			return count / ((System.nanoTime() - start) / 1e9);
		}

		void close() {
			this.sockets.forEach(WebSocket::abort);
		}

	}

	private static final class Listener extends ChatSocketListener {

		private volatile CountDownLatch reached;

		private volatile long pushed;

		private volatile List<Double> latencies;

		Listener(CountDownLatch subscribed) {
			super(subscribed);
		}

		void expect(CountDownLatch reached, long pushed, List<Double> latencies) {
			this.pushed = pushed;
			this.latencies = latencies;
			this.reached = reached;
		}

		@Override
		void onFrame(String frame, long receivedNanos) {
			List<Double> sink = this.latencies;
			if (sink != null) {
				sink.add((receivedNanos - this.pushed) / 1e6);
			}
			this.reached.countDown();
		}

	}

	/** A bare Java-WebSocket server: answers a subscribe, broadcasts what it is given. */
	private static final class FloorServer extends WebSocketServer {

		private final CompletableFuture<Void> started = new CompletableFuture<>();

		private final List<org.java_websocket.WebSocket> subscribed = new CopyOnWriteArrayList<>();

		private FloorServer() {
			super(new InetSocketAddress("127.0.0.1", 0));
			setTcpNoDelay(true);
			setConnectionLostTimeout(0);
			setDaemon(true);
		}

		static FloorServer started() throws Exception {
			FloorServer server = new FloorServer();
			server.start();
			server.started.get(30, TimeUnit.SECONDS);
			return server;
		}

		@Override
		public void onOpen(org.java_websocket.WebSocket conn, ClientHandshake handshake) {
		}

		@Override
		public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {
			this.subscribed.remove(conn);
		}

		@Override
		public void onMessage(org.java_websocket.WebSocket conn, String message) {
			this.subscribed.add(conn);
			conn.send("{\"topic\":\"aws/subscribe\",\"content\":{\"status\":\"success\",\"topics\":[\"aws/chat\"]}}");
		}

		@Override
		public void onError(org.java_websocket.WebSocket conn, Exception ex) {
			if (conn == null) {
				this.started.completeExceptionally(ex);
			}
		}

		@Override
		public void onStart() {
			this.started.complete(null);
		}

	}

}
