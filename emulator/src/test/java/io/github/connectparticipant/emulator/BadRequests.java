package io.github.connectparticipant.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.github.connectparticipant.emulator.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bad requests to an emulator, as the bad-input tests send them: with the JDK's
 * HttpClient and, where a client library would refuse to send it, a raw socket; and the
 * checks of the routes' error shapes (AWS JSON with {@code x-amzn-ErrorType} and
 * {@code Message} for the API, {@code {"message"}} for the control API). Every answer is
 * checked to be no 5xx and to arrive: a hang fails the test. The {@link EmulatorFixture}
 * of the bad-input test classes, registered in one {@code static} field as that is.
 */
final class BadRequests extends EmulatorFixture {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final String SIGV4 = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/connect/aws4_request, "
			+ "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

	/**
	 * The 13 API routes: the 11 Participant Service operations and Amazon Connect's two,
	 * at the methods and paths of the service models the emulator bundles, which
	 * {@link ServiceModelSdkParityTests} holds to the SDK's.
	 */
	static final List<Route> API_ROUTES = apiRoutes();

	private Clients.Chat chat;

	/**
	 * Before each test, after the emulator is reset and the clients are open, starts a
	 * live chat whose ConnectionToken is sent, so that body errors are shown to come
	 * before authentication.
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		super.beforeEach(context);
		this.chat = chat("Ada");
	}

	/** The chat started before the test. */
	Clients.Chat chat() {
		return this.chat;
	}

	private static List<Route> apiRoutes() {
		List<Route> routes = new ArrayList<>();
		for (String resource : List.of(Routes.PARTICIPANT_MODEL, Routes.CONNECT_MODEL)) {
			boolean connect = resource.equals(Routes.CONNECT_MODEL);
			ServiceModel.load(JSON, resource)
				.operations()
				.values()
				.forEach((operation) -> routes.add(new Route(operation.name(), operation.method(),
						operation.requestUri().replace("{ViewToken}", "view-token-1"), connect)));
		}
		return List.copyOf(routes);
	}

	static Route route(String operation) {
		return API_ROUTES.stream().filter((r) -> r.operation().equals(operation)).findFirst().orElseThrow();
	}

	List<Control> bodyTakingControlRoutes() {
		return List.of(new Control("POST", "/_emulator/contacts/" + this.chat.contactId() + "/messages"),
				new Control("PUT", "/_emulator/faults"), new Control("PUT", "/_emulator/throttling"),
				new Control("PUT", "/_emulator/config"), new Control("POST", "/_emulator/clock/advance"),
				new Control("POST", "/_emulator/attachments/x/verdict"), new Control("PUT", "/_emulator/views/v"));
	}

	Map<String, String> headers(Route route) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		if (route.connect()) {
			headers.put("Authorization", SIGV4);
			headers.put("X-Amz-Date", "20260101T000000Z");
		}
		else {
			headers.put("X-Amz-Bearer", this.chat.connectionToken());
		}
		return headers;
	}

	HttpResponse<String> send(Route route, byte[] body) {
		return send(route.method(), route.path(), headers(route), body);
	}

	HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body) {
		return sendUri(method, URI.create(baseUri() + path), headers, body);
	}

	HttpResponse<String> sendUri(String method, URI uri, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = EmulatorHttp.client()
				.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(method + " " + uri.getRawPath() + ": never a 5xx").isLessThan(500);
			return response;
		}
		catch (java.net.http.HttpTimeoutException ex) {
			return fail(method + " " + uri.getRawPath() + " hung for " + TIMEOUT, ex);
		}
		catch (IOException ex) {
			return fail(method + " " + uri.getRawPath() + " got no answer: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("interrupted", ex);
		}
	}

	/**
	 * Sends bytes on a fresh connection and reads the answer. {@code halfClose} shuts the
	 * output down after sending (the client has nothing more to send). A read that times
	 * out fails the test: that is a hang; so does a partial answer. Status -1: the server
	 * closed (or reset) the connection without answering.
	 */
	RawHttp.Response raw(byte[] request, boolean halfClose) {
		RawHttp.Response answer = RawHttp.exchange("127.0.0.1", emulator().port(), request, halfClose, TIMEOUT);
		if (answer.timedOut()) {
			fail("the request hung: no answer and no close within " + TIMEOUT);
		}
		assertThat(answer.complete() && (answer.status() >= 0 || answer.body().length == 0))
			.as("a partial answer: " + answer.text())
			.isTrue();
		return answer;
	}

	void rawAndClose(byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", emulator().port())) {
			socket.getOutputStream().write(request);
		}
		catch (IOException ex) {
			fail("could not talk to the emulator: " + ex, ex);
		}
	}

	static void assertApiError(HttpResponse<String> response, Route route, int status, String type) {
		String context = route.method() + " " + route.path() + " -> " + response.statusCode() + " " + response.body();
		assertThat(response.statusCode()).as(context).isEqualTo(status);
		String expectedType = (route.connect() && type.equals("ValidationException")) ? "InvalidParameterException"
				: type;
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(context).hasValue(expectedType);
		assertThat(response.headers().firstValue("Content-Type")).as(context).hasValue("application/json");
		assertThat(message(response)).as(context).isNotBlank();
	}

	static String message(HttpResponse<String> response) {
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.isObject()).isTrue();
		assertThat(body.get("Message")).as("Message in " + response.body()).isNotNull();
		assertThat(body.get("Message").isString()).isTrue();
		return body.get("Message").asString();
	}

	static void assertControlError(HttpResponse<String> response, int status) {
		String context = response.request().method() + " " + response.uri().getRawPath() + " -> " + response.body();
		assertThat(response.statusCode()).as(context).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(context).hasValue("application/json");
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("message")).as(context).isNotNull();
		assertThat(body.get("message").asString()).as(context).isNotBlank();
	}

	static void assertControlOk(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("UP");
	}

	static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** An API route of the service models. */
	record Route(String operation, String method, String path, boolean connect) {
	}

	/** A control route. */
	record Control(String method, String path) {
	}

}
