package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat WebSocket client on the JDK's {@link WebSocket}: text frames and pongs queue up
 * for the test to take, with a timeout, in the order they arrived.
 */
final class SocketClient implements WebSocket.Listener, AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final ObjectMapper JSON = JsonMapper.builder().build();

	static final String SUBSCRIBE = "{\"topic\":\"aws/subscribe\",\"content\":{\"topics\":[\"aws/chat\"]}}";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();

	/**
	 * The close code the server sent, or -1 when the connection ended without a close
	 * frame.
	 */
	final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	private SocketClient() {
	}

	/** Opens a socket on the URL; fails with the handshake's failure. */
	static SocketClient open(String url) {
		SocketClient client = new SocketClient();
		client.socket = HTTP.newWebSocketBuilder()
			.connectTimeout(TIMEOUT)
			.buildAsync(URI.create(url), client)
			.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
		return client;
	}

	/** Opens a socket and subscribes it to {@code aws/chat}, checking the answer. */
	static SocketClient subscribed(String url) {
		SocketClient client = open(url);
		client.send(SUBSCRIBE);
		JsonNode answer = client.next();
		assertThat(answer.path("topic").asString()).isEqualTo("aws/subscribe");
		assertThat(answer.path("content").path("status").asString()).isEqualTo("success");
		return client;
	}

	void send(String text) {
		this.socket.sendText(text, true).join();
	}

	void ping(String payload) {
		this.socket.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))).join();
	}

	/** The next frame, which must come within the timeout. */
	JsonNode next() {
		String frame = poll(TIMEOUT);
		assertThat(frame).as("a frame within " + TIMEOUT).isNotNull();
		return JSON.readTree(frame);
	}

	/**
	 * The next frame's item: the frame must be an {@code aws/chat} frame whose content is
	 * a JSON string.
	 */
	JsonNode nextItem() {
		JsonNode frame = next();
		assertThat(frame.path("topic").asString()).as(frame.toString()).isEqualTo("aws/chat");
		assertThat(frame.path("contentType").asString()).isEqualTo("application/json");
		assertThat(frame.get("content").isString()).as("content is a JSON string").isTrue();
		return JSON.readTree(frame.get("content").asString());
	}

	/** The next frame if one is there now, else null. */
	String pollNow() {
		return this.frames.poll();
	}

	String poll(Duration timeout) {
		try {
			return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next pong's payload, which must come within the timeout. */
	String nextPong() {
		try {
			String pong = this.pongs.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(pong).as("a pong within " + TIMEOUT).isNotNull();
			return pong;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The close code, which must come within the timeout. */
	int closeCode() {
		return this.closed.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		this.pongs.add(StandardCharsets.UTF_8.decode(message).toString());
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(-1);
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally((ex) -> null);
		}
		this.socket.abort();
	}

}
