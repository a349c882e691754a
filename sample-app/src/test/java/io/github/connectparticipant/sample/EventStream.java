package io.github.connectparticipant.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client for the tests, as a browser's {@code EventSource} reads a
 * stream: the JDK's HTTP client reads the response line by line as it arrives (on a
 * thread of the test's own), and every complete event is kept, with the raw text. Closing
 * ends the response's body.
 */
public final class EventStream implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final StringBuilder raw = new StringBuilder();

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private final HttpResponse<Stream<String>> response;

	private EventStream(HttpClient http, HttpRequest request) throws Exception {
		this.response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
		Thread reader = new Thread(this::read, "event-stream-reader");
		reader.setDaemon(true);
		reader.start();
	}

	private void read() {
		Lines lines = new Lines();
		try (Stream<String> body = this.response.body()) {
			body.forEach(lines::accept);
		}
		catch (RuntimeException ex) {
			// closed by the test, or reset by the server: the stream is over either way
		}
		finally {
			this.finished.complete(null);
		}
	}

	/**
	 * Open a stream with {@code Accept: text/event-stream}, as {@code EventSource} does.
	 * @param uri the stream's URI
	 * @param lastEventId the {@code Last-Event-ID} to send, or {@code null}
	 * @return the stream, its status and headers received
	 */
	public static EventStream open(URI uri, @Nullable String lastEventId) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			return new EventStream(http, request.build());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not open " + uri, ex);
		}
	}

	public int status() {
		return this.response.statusCode();
	}

	public HttpHeaders headers() {
		return this.response.headers();
	}

	/**
	 * Return the events received so far.
	 * @return the events, in order
	 */
	public List<Event> events() {
		return List.copyOf(this.events);
	}

	/**
	 * Return the events of a name received so far.
	 * @param name the event's name
	 * @return the events, in order
	 */
	public List<Event> events(String name) {
		return this.events.stream().filter((event) -> name.equals(event.name())).toList();
	}

	/**
	 * Return everything received so far, as sent.
	 * @return the raw text
	 */
	public String raw() {
		synchronized (this.raw) {
			return this.raw.toString();
		}
	}

	/**
	 * Return whether the server has ended the response.
	 * @return whether the stream is over
	 */
	public boolean isFinished() {
		return this.finished.isDone();
	}

	@Override
	public void close() {
		this.response.body().close();
	}

	/**
	 * One event.
	 *
	 * @param id its id, if any
	 * @param name its name ({@code message} when none was given)
	 * @param data its data
	 */
	public record Event(@Nullable String id, String name, String data) {

		public JsonNode json() {
			return EventStream.json.readTree(this.data);
		}

	}

	/**
	 * Parses the lines into events: fields until an empty line.
	 */
	private final class Lines {

		private @Nullable String id;

		private @Nullable String name;

		private @Nullable StringBuilder data;

		void accept(String line) {
			synchronized (EventStream.this.raw) {
				EventStream.this.raw.append(line).append('\n');
			}
			if (line.isEmpty()) {
				if (this.data != null) {
					EventStream.this.events
						.add(new Event(this.id, (this.name != null) ? this.name : "message", this.data.toString()));
				}
				this.id = null;
				this.name = null;
				this.data = null;
				return;
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
			switch (field) {
				case "id" -> this.id = value;
				case "event" -> this.name = value;
				case "data" ->
					this.data = (this.data == null) ? new StringBuilder(value) : this.data.append('\n').append(value);
				default -> {
					// comments and retry: nothing to keep
				}
			}
		}

	}

}
