package io.github.connectparticipant.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.connectparticipant.emulator.testsupport.RawHttp;

import static io.github.connectparticipant.sample.HostileBytes.abbreviate;
import static io.github.connectparticipant.sample.HostileBytes.latin1;

/**
 * Sends the hostile-input tests' requests to the application: through {@link HttpClient}
 * unless the request is marked raw or HttpClient refuses to send it (an illegal URI, a
 * restricted header), else over a raw socket ({@link RawHttp}) with {@code SO_TIMEOUT}.
 */
final class HostileHttp {

	static final int SO_TIMEOUT_MILLIS = 30_000;

	private static final String CRLF = "\r\n";

	private final int port;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	HostileHttp(int port) {
		this.port = port;
	}

	Answer send(Req req) {
		if (!req.raw) {
			String refused;
			try {
				return viaClient(req);
			}
			catch (IllegalArgumentException ex) {
				refused = "HttpClient refused: " + ex.getMessage();
			}
			catch (IOException ex) {
				refused = "HttpClient failed: " + ex;
			}
			Answer answer = viaSocket(req);
			return new Answer(answer.status, answer.headers, answer.body, "socket, " + abbreviate(refused),
					answer.note);
		}
		return viaSocket(req);
	}

	Answer viaClient(Req req) throws IOException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + req.path))
			.timeout(Duration.ofSeconds(SO_TIMEOUT_MILLIS / 1000));
		for (Header header : req.headers) {
			builder.header(header.name, new String(header.value, StandardCharsets.ISO_8859_1));
		}
		builder.method(req.method, (req.body != null) ? BodyPublishers.ofByteArray(req.body) : BodyPublishers.noBody());
		try {
			HttpResponse<byte[]> response = this.http.send(builder.build(), BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().map(), response.body(), "HttpClient", "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send the request over a raw socket (written by another thread, so that a server
	 * that answers and closes early never blocks the test) and read the answer with
	 * {@code SO_TIMEOUT}.
	 */
	Answer viaSocket(Req req) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(latin1(req.method + " " + req.path + " HTTP/1.1" + CRLF + "Host: localhost:" + this.port
				+ CRLF + "Connection: close" + CRLF));
		for (Header header : req.headers) {
			request.writeBytes(latin1(header.name + ": "));
			request.writeBytes(header.value);
			request.writeBytes(latin1(CRLF));
		}
		if (req.body != null || req.declaredLength >= 0) {
			long length = (req.declaredLength >= 0) ? req.declaredLength : req.body.length;
			request.writeBytes(latin1("Content-Length: " + length + CRLF));
		}
		request.writeBytes(latin1(CRLF));
		if (req.body != null) {
			request.writeBytes(req.body);
		}
		RawHttp.Response response = RawHttp.exchange("localhost", this.port, request.toByteArray(), req.halfClose,
				Duration.ofMillis(SO_TIMEOUT_MILLIS));
		return new Answer(response.status(), response.headers(), response.body(), "socket", response.note());
	}

	/**
	 * A header with a raw value (bytes, so that non-ASCII and CR/LF can be sent as they
	 * are).
	 */
	record Header(String name, byte[] value) {
	}

	/**
	 * A request: HttpClient sends it unless it is marked raw, declares a length it does
	 * not send, or HttpClient refuses it.
	 */
	record Req(String method, String path, List<Header> headers, byte[] body, long declaredLength, boolean halfClose,
			boolean raw) {

		static Req of(String method, String path) {
			return new Req(method, path, List.of(), null, -1, false, false);
		}

		Req header(String name, String value) {
			List<Header> headers = new ArrayList<>(this.headers);
			headers.add(new Header(name, value.getBytes(StandardCharsets.UTF_8)));
			return new Req(this.method, this.path, headers, this.body, this.declaredLength, this.halfClose, this.raw);
		}

		String header(String name) {
			return this.headers.stream()
				.filter((header) -> header.name.equalsIgnoreCase(name))
				.map((header) -> new String(header.value, StandardCharsets.UTF_8))
				.findFirst()
				.orElse(null);
		}

		Req replaceHeader(String name, String value) {
			List<Header> headers = new ArrayList<>(this.headers);
			headers.removeIf((header) -> header.name.equalsIgnoreCase(name));
			return new Req(this.method, this.path, headers, this.body, this.declaredLength, this.halfClose, this.raw)
				.header(name, value);
		}

		Req path(String path) {
			return new Req(this.method, path, this.headers, this.body, this.declaredLength, this.halfClose, this.raw);
		}

		Req body(byte[] body) {
			return new Req(this.method, this.path, this.headers, body, this.declaredLength, this.halfClose, this.raw);
		}

		Req declaredLength(long length) {
			return new Req(this.method, this.path, this.headers, this.body, length, this.halfClose, true);
		}

		Req halfClosed() {
			return new Req(this.method, this.path, this.headers, this.body, this.declaredLength, true, true);
		}

		Req overSocket() {
			return new Req(this.method, this.path, this.headers, this.body, this.declaredLength, this.halfClose, true);
		}

	}

	/**
	 * An answer; {@code status} is -1 when the connection closed without one, or the
	 * answer had no status line (HTTP/0.9).
	 */
	record Answer(int status, Map<String, List<String>> headers, byte[] body, String via, String note) {

		String header(String name) {
			return SampleApi.header(this.headers, name);
		}

		boolean isProblem() {
			String type = header("Content-Type");
			return type != null && type.startsWith("application/problem+json");
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
