package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand subscribed sockets on one emulator: every push reaches every socket, in
 * order. Bounded: a fixed number of pushes, each awaited on a latch with a timeout far
 * beyond what a busy machine takes.
 */
class ChatSocketScaleIntegrationTests {

	private static final int SOCKETS = 1000;

	private static final int PUSHES = 20;

	/**
	 * Handshakes under way at once: no more than the server's queue of connections not
	 * yet accepted holds (Java-WebSocket binds with the JDK's default backlog, 50), since
	 * a connection beyond it waits for TCP's retransmission timers, seconds each.
	 */
	private static final int OPENING_AT_ONCE = 50;

	/**
	 * Longest wait for one step: a socket to open, all to subscribe, a push to reach all.
	 */
	private static final long WAIT_SECONDS = 60;

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void everyPushReachesEverySocket(Clients.Chat chat) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		List<Counter> counters = new ArrayList<>();
		List<WebSocket> sockets = new ArrayList<>();
		try {
			CountDownLatch subscribed = new CountDownLatch(SOCKETS);
			String url = null;
			for (int first = 0; first < SOCKETS; first += OPENING_AT_ONCE) {
				List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
				for (int i = first; i < Math.min(SOCKETS, first + OPENING_AT_ONCE); i++) {
					// a URL may be used again inside its window: a few URLs serve all the
					// sockets
					url = (i % 100 == 0) ? fixture.websocketUrl(chat) : url;
					Counter counter = new Counter(subscribed);
					counters.add(counter);
					opening.add(http.newWebSocketBuilder().buildAsync(URI.create(url), counter));
				}
				for (CompletableFuture<WebSocket> future : opening) {
					WebSocket socket = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
					sockets.add(socket);
					socket.sendText(SocketClient.SUBSCRIBE, true);
				}
			}
			assertThat(subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every socket subscribed").isTrue();

			for (int push = 1; push <= PUSHES; push++) {
				CountDownLatch reached = new CountDownLatch(SOCKETS);
				counters.forEach((counter) -> counter.expect(reached));
				fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "push " + push);
				assertThat(reached.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("push " + push + " reached every socket")
					.isTrue();
			}
			assertThat(counters).allSatisfy((counter) -> {
				assertThat(counter.items.get()).isEqualTo(PUSHES);
				assertThat(counter.outOfOrder.get()).isZero();
			});
			// the control API renders a thousand sockets and their frames: on a busy
			// machine that takes longer than the control helper waits
			HttpResponse<String> state = EmulatorHttp
				.send(HttpRequest.newBuilder(fixture.baseUri().resolve("/_emulator/contacts/" + chat.contactId()))
					.timeout(Duration.ofSeconds(WAIT_SECONDS))
					.GET()
					.build());
			assertThat(state.statusCode()).isEqualTo(200);
			int shown = 0;
			for (var socket : EmulatorHttp.json(state).path("sockets")) {
				if (socket.path("subscribed").asBoolean() && socket.path("framesSent").asInt() == PUSHES + 1) {
					shown++;
				}
			}
			assertThat(shown).as("subscribed sockets the control API shows with every frame").isEqualTo(SOCKETS);
		}
		finally {
			sockets.forEach(WebSocket::abort);
		}
	}

	/** Counts the items a socket receives and checks they come in push order. */
	private static final class Counter implements WebSocket.Listener {

		final AtomicInteger items = new AtomicInteger();

		final AtomicInteger outOfOrder = new AtomicInteger();

		private final CountDownLatch subscribed;

		private volatile CountDownLatch reached;

		private final StringBuilder partial = new StringBuilder();

		Counter(CountDownLatch subscribed) {
			this.subscribed = subscribed;
		}

		void expect(CountDownLatch reached) {
			this.reached = reached;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String frame = this.partial.toString();
				this.partial.setLength(0);
				if (frame.contains("\"aws/subscribe\"")) {
					this.subscribed.countDown();
				}
				else if (frame.contains("\"aws/chat\"")) {
					int n = this.items.incrementAndGet();
					if (!frame.contains("push " + n + "\\\"")) {
						this.outOfOrder.incrementAndGet();
					}
					this.reached.countDown();
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
