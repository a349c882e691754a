package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw HTTP to an emulator with the JDK's {@link HttpClient}: the pre-signed object URLs
 * and the {@code /_emulator/} control API, over HTTP/1.1. Connecting times out after
 * {@link #TIMEOUT}; so does waiting for a control API answer, while the requests to the
 * object URLs set no timeout of their own, so that a hung answer is never taken for a
 * dropped connection ({@link java.net.http.HttpTimeoutException} is an
 * {@link IOException}).
 */
final class EmulatorHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final HttpClient SHARED = newClient();

	private EmulatorHttp() {
	}

	// ---------------------------------------------------------------- sending

	/**
	 * A new client, with no pooled connection. The JDK client silently retries a GET
	 * whose reused connection closes before any answer, which would hide a dropped
	 * request and add one to the request counts; a request sent by a new client cannot be
	 * retried that way.
	 */
	static HttpClient newClient() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
	}

	/** The shared client, whose connections are pooled. */
	static HttpClient client() {
		return SHARED;
	}

	/** Sends with the {@link #client() shared client}; the body as a string. */
	static HttpResponse<String> send(HttpRequest request) {
		return send(SHARED, request, HttpResponse.BodyHandlers.ofString());
	}

	/** Sends with the {@link #client() shared client}; the body as bytes. */
	static HttpResponse<byte[]> sendBytes(HttpRequest request) {
		return send(SHARED, request, HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * Sends with a {@link #newClient() new client}, on a connection of its own; the body
	 * as a string.
	 */
	static HttpResponse<String> sendOnNewConnection(HttpRequest request) {
		return send(newClient(), request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends with a {@link #newClient() new client}, on a connection of its own; the body
	 * as bytes.
	 */
	static HttpResponse<byte[]> sendBytesOnNewConnection(HttpRequest request) {
		return send(newClient(), request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static <T> HttpResponse<T> send(HttpClient client, HttpRequest request,
			HttpResponse.BodyHandler<T> handler) {
		try {
			return client.send(request, handler);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------- requests

	static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url)).GET().build();
	}

	/** A GET with a {@code Range} header, e.g. {@code bytes=100-}. */
	static HttpRequest range(String url, String range) {
		return HttpRequest.newBuilder(URI.create(url)).header("Range", range).GET().build();
	}

	static HttpRequest head(String url) {
		return HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
	}

	// ---------------------------------------------------------------- control API

	/** Sends a request to the control API, with a JSON body or (when null) none. */
	static HttpResponse<String> control(URI baseUri, String method, String path, String body) {
		return send(HttpRequest.newBuilder(baseUri.resolve(path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/**
	 * The control API's view of a contact ({@code GET /_emulator/contacts/{contactId}}),
	 * which must be 200.
	 */
	static JsonNode contactState(URI baseUri, String contactId) {
		HttpResponse<String> response = control(baseUri, "GET", "/_emulator/contacts/" + contactId, null);
		assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** The elements of a JSON array. */
	static List<JsonNode> list(JsonNode array) {
		List<JsonNode> result = new ArrayList<>();
		array.forEach(result::add);
		return result;
	}

	// ---------------------------------------------------------------- assertions

	/**
	 * An S3 error answer of the object URLs: the status, and the XML error document with
	 * the code.
	 */
	static void assertS3Error(HttpResponse<String> response, int status, String code) {
		String context = describe(response);
		assertThat(response.statusCode()).as(context).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(context).hasValue("application/xml");
		assertThat(response.body()).as(context)
			.startsWith("<?xml")
			.contains("<Error><Code>" + code + "</Code><Message>")
			.contains("<RequestId>");
	}

	/** A timestamp as the service writes it: ISO-8601 in UTC, to the millisecond. */
	static void assertIsoMillis(String time) {
		assertThat(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
	}

	/** The request and the answer, for assertion messages. */
	private static String describe(HttpResponse<String> response) {
		return response.request().method() + " " + response.uri().getRawPath() + " -> " + response.statusCode() + " "
				+ response.body();
	}

}
