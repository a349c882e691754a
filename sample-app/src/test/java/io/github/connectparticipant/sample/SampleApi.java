package io.github.connectparticipant.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's REST API over real HTTP, for the tests: JSON in, raw bytes and JSON out.
 * Every exchange is remembered so that a test can check everything the API sent.
 */
public final class SampleApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<Response> exchanges = new ArrayList<>();

	public SampleApi(int port) {
		this.base = URI.create("http://localhost:" + port);
	}

	public URI base() {
		return this.base;
	}

	public List<Response> exchanges() {
		return this.exchanges;
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).GET());
	}

	public Response postJson(String path, Object body) {
		return postJson(path, json.writeValueAsString(body));
	}

	public Response postJson(String path, String body) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body)));
	}

	public Response post(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body)));
	}

	/**
	 * Upload one file as the {@code file} part of a multipart form.
	 */
	public Response upload(String path, String fileName, String partContentType, byte[] content) {
		return multipart(path, "file", fileName, partContentType, content);
	}

	public Response multipart(String path, String partName, String fileName, String partContentType, byte[] content) {
		String boundary = "sample-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		write(body, "--" + boundary + "\r\n");
		write(body, "Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName + "\"\r\n");
		write(body, "Content-Type: " + partContentType + "\r\n\r\n");
		body.writeBytes(content);
		write(body, "\r\n--" + boundary + "--\r\n");
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Start a chat and return its JSON.
	 */
	public JsonNode startChat(String displayName) {
		Response response = postJson("/api/chats", Map.of("displayName", displayName));
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.json();
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<byte[]> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					BodyHandlers.ofByteArray());
			Response answer = new Response(response.statusCode(), response.headers().map(), response.body());
			synchronized (this.exchanges) {
				this.exchanges.add(answer);
			}
			return answer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a header's values, whatever the case of its name.
	 * @param headers the headers of a response
	 * @param name the header's name
	 * @return its values joined by commas, or {@code null} when it is absent
	 */
	static String header(Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map((entry) -> String.join(", ", entry.getValue()))
			.findFirst()
			.orElse(null);
	}

	/**
	 * One response.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body
	 */
	public record Response(int status, Map<String, List<String>> headers, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return json.readTree(this.body);
		}

		public String header(String name) {
			return SampleApi.header(this.headers, name);
		}

		/**
		 * Assert that this is a problem detail with the given status and code, and return
		 * it.
		 */
		public JsonNode problem(int expectedStatus, String expectedCode) {
			assertThat(this.status).as(text()).isEqualTo(expectedStatus);
			assertThat(header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(problem.get("code").asString()).isEqualTo(expectedCode);
			return problem;
		}

	}

}
