package io.github.connectparticipant.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.github.connectparticipant.emulator.Uploads.Upload;
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bad input on every route, sent with the JDK's HttpClient and, where a client library would
 * refuse to send it, a raw socket: every answer is a 4xx of the route's error shape (AWS JSON
 * with {@code x-amzn-ErrorType} and {@code Message} for the API, S3 XML for the object URLs,
 * {@code {"message"}} for the control API), never a 5xx and never a hung connection.
 */
class BadInputIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final String SIGV4 = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/connect/aws4_request, "
			+ "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

	/** The 13 API routes: the 11 Participant Service operations and Amazon Connect's two. */
	private static final List<Route> API_ROUTES = List.of(
			new Route("CreateParticipantConnection", "POST", "/participant/connection", false),
			new Route("DisconnectParticipant", "POST", "/participant/disconnect", false),
			new Route("SendMessage", "POST", "/participant/message", false),
			new Route("SendEvent", "POST", "/participant/event", false),
			new Route("GetTranscript", "POST", "/participant/transcript", false),
			new Route("StartAttachmentUpload", "POST", "/participant/start-attachment-upload", false),
			new Route("CompleteAttachmentUpload", "POST", "/participant/complete-attachment-upload", false),
			new Route("GetAttachment", "POST", "/participant/attachment", false),
			new Route("GetAuthenticationUrl", "POST", "/participant/authentication-url", false),
			new Route("CancelParticipantAuthentication", "POST", "/participant/cancel-authentication", false),
			new Route("DescribeView", "GET", "/participant/views/view-token-1", false),
			new Route("StartChatContact", "PUT", "/contact/chat", true),
			new Route("StopContact", "POST", "/contact/stop", true));

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	@RegisterExtension
	final Clients clients = new Clients(emulator);

	/** A live chat whose ConnectionToken is sent, so that body errors are shown to come before authentication. */
	private Clients.Chat chat;

	@BeforeEach
	void startChat() {
		this.chat = this.clients.chat("Ada");
	}

	// ---------------------------------------------------------------- API routes

	@Test
	void malformedJsonIsASerializationExceptionOnEveryApiRoute() {
		List<byte[]> bodies = List.of(utf8("{bad"), utf8("{\"Content\":"), utf8("}"), utf8("{'single':1}"),
				utf8("{\"ContentType\":\"text/plain\"}}"), utf8("{\"Content\":\"x\"} trailing"),
				utf8("{\"Content\":\"x\"} {\"Content\":\"y\"}"), utf8("{\"Content\":\"x\",\"Content\":\"y\"}"),
				utf8("nul"), utf8("{\"Content\":\"x\"\u0000}"), utf8("{\"Content\":\"\\uZZZZ\"}"),
				// not UTF-8: a lone continuation byte, an unfinished two-byte sequence, Latin-1 text
				bytes(0x7b, 0x22, 0x43, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d), bytes(0x7b, 0x22, 0x43, 0x22, 0x3a, 0x22, 0xc3,
						0x28, 0x22, 0x7d),
				"{\"Content\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
		for (Route route : API_ROUTES) {
			for (byte[] body : bodies) {
				HttpResponse<String> response = send(route, body);
				assertApiError(response, route, 400, "SerializationException");
			}
		}
	}

	@Test
	void jsonThatIsNotAnObjectIsASerializationExceptionOnEveryApiRoute() {
		for (Route route : API_ROUTES) {
			for (String body : List.of("[]", "[{}]", "\"a string\"", "42", "-1.5e3", "true", "null")) {
				assertApiError(send(route, utf8(body)), route, 400, "SerializationException");
			}
		}
	}

	@Test
	void membersOfTheWrongTypeAreASerializationExceptionNamingTheMember() {
		Map<Route, List<String>> cases = new LinkedHashMap<>();
		cases.put(route("CreateParticipantConnection"),
				List.of("{\"Type\":\"CONNECTION_CREDENTIALS\"}", "{\"Type\":[1]}", "{\"ConnectParticipant\":\"yes\"}"));
		cases.put(route("DisconnectParticipant"), List.of("{\"ClientToken\":7}"));
		cases.put(route("SendMessage"), List.of("{\"ContentType\":5,\"Content\":\"x\"}",
				"{\"ContentType\":\"text/plain\",\"Content\":{\"a\":1}}", "{\"ContentType\":[\"text/plain\"],\"Content\":\"x\"}"));
		cases.put(route("SendEvent"), List.of("{\"ContentType\":5}", "{\"ContentType\":true}"));
		cases.put(route("GetTranscript"),
				List.of("{\"MaxResults\":\"10\"}", "{\"MaxResults\":1.5}", "{\"MaxResults\":99999999999}",
						"{\"ScanDirection\":1}", "{\"StartPosition\":\"MostRecent\"}",
						"{\"StartPosition\":{\"MostRecent\":\"5\"}}", "{\"NextToken\":[]}"));
		cases.put(route("StartAttachmentUpload"), List.of(
				"{\"ContentType\":5,\"AttachmentSizeInBytes\":1,\"AttachmentName\":\"a.txt\",\"ClientToken\":\"c\"}",
				"{\"ContentType\":\"text/plain\",\"AttachmentSizeInBytes\":\"1\",\"AttachmentName\":\"a.txt\",\"ClientToken\":\"c\"}",
				"{\"ContentType\":\"text/plain\",\"AttachmentSizeInBytes\":1,\"AttachmentName\":[],\"ClientToken\":\"c\"}"));
		cases.put(route("CompleteAttachmentUpload"), List.of("{\"AttachmentIds\":{\"id\":\"a\"},\"ClientToken\":\"c\"}",
				"{\"AttachmentIds\":\"a\",\"ClientToken\":\"c\"}", "{\"AttachmentIds\":[5],\"ClientToken\":\"c\"}"));
		cases.put(route("GetAttachment"),
				List.of("{\"AttachmentId\":5}", "{\"AttachmentId\":\"a\",\"UrlExpiryInSeconds\":\"60\"}"));
		cases.put(route("GetAuthenticationUrl"), List.of("{\"SessionId\":5,\"RedirectUri\":\"https://x\"}",
				"{\"SessionId\":\"123e4567-e89b-12d3-a456-426614174000\",\"RedirectUri\":[]}"));
		cases.put(route("CancelParticipantAuthentication"), List.of("{\"SessionId\":false}"));
		cases.put(route("StartChatContact"), List.of(
				"{\"InstanceId\":5,\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"A\"}}",
				"{\"InstanceId\":\"i\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":\"Ada\"}",
				"{\"InstanceId\":\"i\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"A\"},\"Attributes\":[]}",
				"{\"InstanceId\":\"i\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"A\"},\"ChatDurationInMinutes\":\"60\"}"));
		cases.put(route("StopContact"), List.of("{\"ContactId\":5,\"InstanceId\":\"i\"}"));
		cases.forEach((route, bodies) -> {
			for (String body : bodies) {
				HttpResponse<String> response = send(route, utf8(body));
				assertApiError(response, route, 400, "SerializationException");
				String member = JSON.readTree(body).propertyNames().stream()
					.filter((name) -> response.body().contains("'" + name))
					.findFirst()
					.orElse(null);
				assertThat(member).as(route.operation() + " " + body + " -> " + response.body() + " names a member")
					.isNotNull();
			}
		});
	}

	@Test
	void nullsAreMissingMembers() {
		Map<Route, Map<String, List<String>>> cases = new LinkedHashMap<>();
		cases.put(route("SendMessage"),
				Map.of("{\"ContentType\":null,\"Content\":null}", List.of("ContentType", "Content")));
		cases.put(route("StartAttachmentUpload"),
				Map.of("{\"ContentType\":null,\"AttachmentSizeInBytes\":null,\"AttachmentName\":null,\"ClientToken\":null}",
						List.of("ContentType", "AttachmentSizeInBytes", "AttachmentName", "ClientToken")));
		cases.put(route("CompleteAttachmentUpload"),
				Map.of("{\"AttachmentIds\":[null],\"ClientToken\":\"c\"}", List.of("AttachmentIds[0]")));
		cases.put(route("GetAttachment"), Map.of("{\"AttachmentId\":null}", List.of("AttachmentId")));
		cases.put(route("GetAuthenticationUrl"),
				Map.of("{\"SessionId\":null,\"RedirectUri\":null}", List.of("SessionId", "RedirectUri")));
		cases.put(route("StartChatContact"),
				Map.of("{\"InstanceId\":null,\"ContactFlowId\":null,\"ParticipantDetails\":{\"DisplayName\":null}}",
						List.of("InstanceId", "ContactFlowId", "ParticipantDetails.DisplayName")));
		cases.forEach((route, bodies) -> bodies.forEach((body, members) -> {
			HttpResponse<String> response = send(route, utf8(body));
			assertApiError(response, route, 400, "ValidationException");
			for (String member : members) {
				assertThat(message(response)).contains("'" + member + "'");
			}
		}));
		// a null optional member is an absent one
		HttpResponse<String> transcript = send(route("GetTranscript"),
				utf8("{\"MaxResults\":null,\"StartPosition\":null,\"NextToken\":null,\"ScanDirection\":null}"));
		assertThat(transcript.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(transcript.body()).get("Transcript")).hasSize(1);
	}

	@Test
	void constraintViolationsAreValidationExceptionsNamingTheField() {
		String session = "123e4567-e89b-12d3-a456-426614174000";
		Map<Route, Map<String, String>> cases = new LinkedHashMap<>();
		cases.put(route("CreateParticipantConnection"), Map.of("{\"Type\":[\"CARRIER_PIGEON\"]}", "Type[0]",
				"{\"Type\":[]}", "Type"));
		cases.put(route("SendMessage"), Map.of("{\"ContentType\":\"text/plain\",\"Content\":\"\"}", "Content",
				"{\"ContentType\":\"\",\"Content\":\"x\"}", "ContentType",
				"{\"ContentType\":\"text/plain\",\"Content\":\"x\",\"ClientToken\":\"" + "c".repeat(501) + "\"}",
				"ClientToken"));
		cases.put(route("GetTranscript"),
				Map.of("{\"MaxResults\":101}", "MaxResults", "{\"MaxResults\":-1}", "MaxResults",
						"{\"ScanDirection\":\"SIDEWAYS\"}", "ScanDirection", "{\"SortOrder\":\"RANDOM\"}", "SortOrder",
						"{\"StartPosition\":{\"MostRecent\":101}}", "StartPosition.MostRecent",
						"{\"StartPosition\":{\"Id\":\"\"}}", "StartPosition.Id", "{\"NextToken\":\"\"}", "NextToken"));
		cases.put(route("StartAttachmentUpload"), Map.of(
				"{\"ContentType\":\"text/plain\",\"AttachmentSizeInBytes\":0,\"AttachmentName\":\"a.txt\",\"ClientToken\":\"c\"}",
				"AttachmentSizeInBytes",
				"{\"ContentType\":\"text/plain\",\"AttachmentSizeInBytes\":1,\"AttachmentName\":\"\",\"ClientToken\":\"c\"}",
				"AttachmentName",
				"{\"ContentType\":\"text/plain\",\"AttachmentSizeInBytes\":1,\"AttachmentName\":\"" + "n".repeat(257)
						+ "\",\"ClientToken\":\"c\"}",
				"AttachmentName",
				"{\"ContentType\":\"text/plain\",\"AttachmentSizeInBytes\":1,\"AttachmentName\":\"a.txt\",\"ClientToken\":\"\"}",
				"ClientToken"));
		cases.put(route("CompleteAttachmentUpload"), Map.of("{\"AttachmentIds\":[],\"ClientToken\":\"c\"}",
				"AttachmentIds", "{\"AttachmentIds\":[\"a\",\"b\"],\"ClientToken\":\"c\"}", "AttachmentIds"));
		cases.put(route("GetAttachment"), Map.of("{\"AttachmentId\":\"a\",\"UrlExpiryInSeconds\":4}", "UrlExpiryInSeconds",
				"{\"AttachmentId\":\"a\",\"UrlExpiryInSeconds\":301}", "UrlExpiryInSeconds", "{\"AttachmentId\":\"\"}",
				"AttachmentId"));
		cases.put(route("GetAuthenticationUrl"), Map.of("{\"SessionId\":\"short\",\"RedirectUri\":\"https://x\"}",
				"SessionId", "{\"SessionId\":\"" + session + "\",\"RedirectUri\":\"\"}", "RedirectUri"));
		cases.put(route("CancelParticipantAuthentication"), Map.of("{\"SessionId\":\"short\"}", "SessionId"));
		cases.put(route("StartChatContact"), Map.of(
				"{\"InstanceId\":\"\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"A\"}}", "InstanceId",
				"{\"InstanceId\":\"i\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"A\"},\"ChatDurationInMinutes\":59}",
				"ChatDurationInMinutes"));
		cases.put(route("StopContact"), Map.of("{\"ContactId\":\"\",\"InstanceId\":\"i\"}", "ContactId"));
		cases.forEach((route, bodies) -> bodies.forEach((body, member) -> {
			HttpResponse<String> response = send(route, utf8(body));
			assertApiError(response, route, 400, "ValidationException");
			assertThat(message(response)).as(route.operation() + " " + body).contains("'" + member + "'");
		}));
		HttpResponse<String> longView = send(new Route("DescribeView", "GET", "/participant/views/" + "v".repeat(1001), false),
				new byte[0]);
		assertApiError(longView, route("DescribeView"), 400, "ValidationException");
		assertThat(message(longView)).contains("'ViewToken'");
	}

	@Test
	void bodiesOverOneMebibyteAre413OnEveryRouteAndTheAnswerArrives() {
		byte[] oversize = utf8("{\"Content\":\"" + "a".repeat(EmulatorServer.MAX_JSON_BODY) + "\"}");
		byte[] farOversize = utf8("{\"Content\":\"" + "a".repeat(6 * EmulatorServer.MAX_JSON_BODY) + "\"}");
		for (Route route : API_ROUTES) {
			for (byte[] body : List.of(oversize, farOversize)) {
				HttpResponse<String> response = send(route, body);
				assertApiError(response, route, 413, "RequestEntityTooLargeException");
				assertThat(message(response)).contains(route.operation());
			}
		}
		// exactly the limit is read and judged on its content
		String filler = "a".repeat(EmulatorServer.MAX_JSON_BODY - "{\"ContentType\":\"text/plain\",\"Content\":\"\"}".length());
		byte[] atLimit = utf8("{\"ContentType\":\"text/plain\",\"Content\":\"" + filler + "\"}");
		assertThat(atLimit).hasSize(EmulatorServer.MAX_JSON_BODY);
		HttpResponse<String> response = send(route("SendMessage"), atLimit);
		assertApiError(response, route("SendMessage"), 400, "ValidationException");
		assertThat(message(response)).contains("Content");

		for (Control control : bodyTakingControlRoutes()) {
			HttpResponse<String> answer = send(control.method(), control.path(), Map.of(), farOversize);
			assertControlError(answer, 413);
		}
	}

	@Test
	void hugeHeadersAreAnsweredOrRefusedWithoutHanging() {
		// well over any real token, under the JDK server's header limit (384 KiB): answered normally
		String big = "t".repeat(100 * 1024);
		HttpResponse<String> bearer = send("POST", "/participant/transcript", Map.of("X-Amz-Bearer", big), utf8("{}"));
		assertApiError(bearer, route("GetTranscript"), 403, "AccessDeniedException");
		HttpResponse<String> other = send("POST", "/participant/transcript",
				Map.of("X-Amz-Bearer", this.chat.connectionToken(), "X-Padding", big), utf8("{}"));
		assertThat(other.statusCode()).isEqualTo(200);
		assertControlOk(send("GET", "/_emulator/health", Map.of("X-Padding", big), null));

		// over the JDK server's limits (header bytes, header count): the JDK closes the connection unanswered.
		// The emulator cannot answer those (its handler is never called); what matters is that nothing hangs.
		String huge = "h".repeat(1024 * 1024);
		RawAnswer tooBig = raw(utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nX-Amz-Bearer: " + huge
				+ "\r\nContent-Length: 2\r\n\r\n{}"), false);
		assertThat(tooBig.status()).as("no answer, or a 4xx").isIn(-1, 400, 413, 431);
		StringBuilder many = new StringBuilder("POST /participant/message HTTP/1.1\r\nHost: x\r\n");
		for (int i = 0; i < 300; i++) {
			many.append("X-Header-").append(i).append(": v\r\n");
		}
		RawAnswer tooMany = raw(utf8(many + "Content-Length: 2\r\n\r\n{}"), false);
		assertThat(tooMany.status()).as("no answer, or a 4xx").isIn(-1, 400, 431);
		assertControlOk(send("GET", "/_emulator/health", Map.of(), null));
	}

	@Test
	void wrongMethodsAre405WithAllow() {
		for (Route route : API_ROUTES) {
			for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")) {
				if (method.equals(route.method())) {
					continue;
				}
				HttpResponse<String> response = send(method, route.path(), headers(route), utf8("{}"));
				assertThat(response.statusCode()).as(method + " " + route.path()).isEqualTo(405);
				assertThat(response.headers().firstValue("Allow")).hasValue(route.method());
				assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MethodNotAllowedException");
				if (!method.equals("HEAD")) {
					assertApiError(response, route, 405, "MethodNotAllowedException");
				}
			}
		}
		for (String method : List.of("POST", "DELETE", "PATCH", "OPTIONS")) {
			HttpResponse<String> response = send(method, "/attachments/contact-1/attachment-1", Map.of(), utf8("x"));
			EmulatorHttp.assertS3Error(response, 405, "MethodNotAllowed");
			assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, PUT");
		}
		Map<String, String> wrong = new LinkedHashMap<>();
		wrong.put("/_emulator/health", "POST");
		wrong.put("/_emulator/reset", "GET");
		wrong.put("/_emulator/requests", "DELETE");
		wrong.put("/_emulator/contacts", "POST");
		wrong.put("/_emulator/contacts/" + this.chat.contactId(), "DELETE");
		wrong.put("/_emulator/contacts/" + this.chat.contactId() + "/messages", "GET");
		wrong.put("/_emulator/contacts/" + this.chat.contactId() + "/end", "PUT");
		wrong.put("/_emulator/faults", "POST");
		wrong.put("/_emulator/throttling", "PATCH");
		wrong.put("/_emulator/config", "DELETE");
		wrong.put("/_emulator/clock/advance", "GET");
		wrong.put("/_emulator/attachments/a/verdict", "GET");
		wrong.put("/_emulator/views/v", "POST");
		wrong.forEach((path, method) -> assertControlError(send(method, path, Map.of(), utf8("{}")), 405));
	}

	@Test
	void unknownPathsAre404() {
		for (String path : List.of("/", "/participant", "/participant/", "/participant/messages", "/participant/message/",
				"/participant/message/extra", "/PARTICIPANT/MESSAGE", "/participant/views/", "/contact/chat/x",
				"/contact", "/participant//message", "/participant/%6Dessage", "/favicon.ico", "/attachments",
				"/attachments/c", "/attachments/c/a/b", "/attachments/c%20x/a", "/connect/participant/message")) {
			for (String method : List.of("GET", "POST", "PUT")) {
				HttpResponse<String> response = send(method, path, Map.of(), utf8("{}"));
				assertThat(response.statusCode()).as(method + " " + path).isEqualTo(404);
				assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
				assertThat(message(response)).isNotBlank();
			}
		}
		for (String path : List.of("/_emulator", "/_emulator/", "/_emulator/nope", "/_emulator/contacts/x/y/z",
				"/_emulator/clock/rewind", "/_emulator/attachments/a", "/_emulator/views", "/_emulator/health/x",
				"/_emulator/requests/x", "/_emulator/config/x")) {
			HttpResponse<String> response = send("GET", path, Map.of(), null);
			assertControlError(response, 404);
		}
		assertControlError(send("GET", "/_emulator/contacts/no-such-contact", Map.of(), null), 404);
		assertControlError(send("POST", "/_emulator/contacts/no-such-contact/end", Map.of(), null), 404);
		assertControlError(send("POST", "/_emulator/contacts/no-such-contact/messages", Map.of(),
				utf8("{\"role\":\"AGENT\",\"content\":\"hi\"}")), 404);
		assertControlError(send("POST", "/_emulator/attachments/no-such-attachment/verdict", Map.of(),
				utf8("{\"status\":\"APPROVED\"}")), 404);
	}

	@Test
	void percentEncodingJunkAndNonUtf8BytesInPaths() {
		String bearer = "X-Amz-Bearer: " + this.chat.connectionToken() + "\r\n";
		// valid escapes of bytes that are not UTF-8: decoded leniently, then judged as any other value
		RawAnswer view = raw(utf8("GET /participant/views/%FF%FE%C3%28 HTTP/1.1\r\nHost: x\r\n" + bearer + "\r\n"), false);
		assertThat(view.status()).isEqualTo(404);
		assertThat(view.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
		assertThat(JSON.readTree(view.body()).get("Message").asString()).isNotBlank();
		RawAnswer encodedSlash = raw(utf8("GET /participant/views/a%2Fb%00c HTTP/1.1\r\nHost: x\r\n" + bearer + "\r\n"),
				false);
		assertThat(encodedSlash.status()).isEqualTo(404);
		RawAnswer control = raw(utf8("GET /_emulator/contacts/%C3%28%FF HTTP/1.1\r\nHost: x\r\n\r\n"), false);
		assertThat(control.status()).isEqualTo(404);
		assertThat(JSON.readTree(control.body()).get("message").asString()).isNotBlank();

		// raw non-ASCII bytes in the request line and in a header value
		byte[] rawPath = concat(utf8("POST /participant/"), bytes(0xff, 0xfe, 0xc3, 0x28), utf8(" HTTP/1.1\r\nHost: x\r\n"
				+ "Content-Length: 2\r\n\r\n{}"));
		RawAnswer unknown = raw(rawPath, false);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
		byte[] rawBearer = concat(utf8("POST /participant/transcript HTTP/1.1\r\nHost: x\r\nX-Amz-Bearer: "),
				bytes(0xff, 0x80, 0x00 + 'a'), utf8("\r\nContent-Length: 2\r\n\r\n{}"));
		RawAnswer denied = raw(rawBearer, false);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.header("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
		byte[] rawControl = concat(utf8("GET /_emulator/contacts/"), bytes(0xff, 0xfe), utf8(" HTTP/1.1\r\nHost: x\r\n\r\n"));
		assertThat(raw(rawControl, false).status()).isEqualTo(404);

		// malformed escapes never reach the emulator: the JDK server refuses the request line itself with a
		// plain 400 and closes the connection (a limit of the JDK HttpServer, not an emulator answer)
		for (String path : List.of("/participant/views/%zz", "/participant/message%", "/_emulator/contacts/%E0%A4%A",
				"/attachments/c/a?X-Amz-Signature=%G0", "/%")) {
			RawAnswer answer = raw(utf8("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"), false);
			assertThat(answer.status()).as(path).isEqualTo(400);
		}
		RawAnswer garbage = raw(utf8("GARBAGE\r\n\r\n"), false);
		assertThat(garbage.status()).isIn(-1, 400);
		assertControlOk(send("GET", "/_emulator/health", Map.of(), null));
	}

	@Test
	void aBodyShorterThanItsContentLengthIsAnsweredAndNeverHangs() {
		// the client sends 10 of the 100 bytes it announced and closes its side
		RawAnswer api = raw(utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nX-Amz-Bearer: "
				+ this.chat.connectionToken() + "\r\nContent-Length: 100\r\n\r\n{\"Content\""), true);
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.header("x-amzn-ErrorType")).isEqualTo("SerializationException");
		assertThat(JSON.readTree(api.body()).get("Message").asString()).isNotBlank();
		assertThat(emulator.emulator().requestCount(this.chat.contactId(), "SendMessage")).isEqualTo(1);

		RawAnswer control = raw(utf8("PUT /_emulator/faults HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"rules\":"),
				true);
		assertThat(control.status()).isEqualTo(400);
		assertThat(JSON.readTree(control.body()).get("message").asString()).isNotBlank();

		RawAnswer chunked = raw(utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "zz\r\nnot a chunk\r\n"), true);
		assertThat(chunked.status()).isEqualTo(400);

		Upload upload = Uploads.start(this.clients.participant(), this.chat, "notes.txt", "text/plain", new byte[100],
				"short-upload");
		RawAnswer object = raw(utf8(Uploads.rawPutHead(upload.url(), "x", upload.headers()) + "\r\n0123456789"), true);
		assertThat(object.status()).isEqualTo(400);
		assertThat(object.body()).contains("<Code>IncompleteBody</Code>");
		assertThat(emulator.emulator().attachmentStatuses(this.chat.contactId())).containsValue("UPLOADING");

		// the client closes completely: no one to answer, but the server carries on
		rawAndClose(utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"));
		assertControlOk(send("GET", "/_emulator/health", Map.of(), null));
		this.clients.participant().sendMessage(
				(r) -> r.connectionToken(this.chat.connectionToken()).contentType("text/plain").content("still fine"));
	}

	@Test
	void objectPathsAnswerS3XmlErrors() {
		String path = "/attachments/" + this.chat.contactId() + "/no-such-attachment";
		EmulatorHttp.assertS3Error(send("GET", path, Map.of(), null), 403, "AccessDenied");
		EmulatorHttp.assertS3Error(send("PUT", path, Map.of(), utf8("abc")), 403, "AccessDenied");
		assertThat(send("HEAD", path, Map.of(), null).statusCode()).isEqualTo(403);
		EmulatorHttp.assertS3Error(
				send("GET", path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=yesterday&X-Amz-Expires=soon"
						+ "&X-Amz-SignedHeaders=&X-Amz-Signature=00", Map.of(), null),
				403, "AuthorizationQueryParametersError");
		EmulatorHttp.assertS3Error(
				send("GET", path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60"
						+ "&X-Amz-SignedHeaders=&X-Amz-Signature=%FF%FE", Map.of(), null),
				403, "SignatureDoesNotMatch");

		Upload upload = Uploads.start(this.clients.participant(), this.chat, "notes.txt", "text/plain",
				utf8("0123456789"), "u1");
		String url = upload.url();
		Map<String, String> signed = new LinkedHashMap<>(upload.headers());
		signed.remove("Content-Length");
		String tampered = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
		EmulatorHttp.assertS3Error(sendUri("PUT", URI.create(tampered), signed, utf8("0123456789")), 403,
				"SignatureDoesNotMatch");
		// a large body the URL was not signed for: refused, and the refusal reaches the client still sending
		EmulatorHttp.assertS3Error(sendUri("PUT", URI.create(url), signed, new byte[3 * 1024 * 1024]), 403,
				"SignatureDoesNotMatch");
		// no Content-Length at all (a chunked body): 411, as S3 answers
		String chunked = Uploads.rawPutHead(url, "x", signed);
		RawAnswer noLength = raw(utf8(chunked + "Transfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\n\r\n"), false);
		assertThat(noLength.status()).isEqualTo(411);
		assertThat(noLength.body()).contains("<Code>MissingContentLength</Code>");
		assertThat(sendUri("PUT", URI.create(url), signed, utf8("0123456789")).statusCode()).isEqualTo(200);
	}

	// ---------------------------------------------------------------- control routes

	@Test
	void controlRoutesAnswerBadBodiesWith400AndAMessage() {
		for (Control control : bodyTakingControlRoutes()) {
			for (String body : List.of("{bad", "[]", "\"x\"", "42", "null", "{\"a\":1,\"a\":2}", "{} trailing")) {
				assertControlError(send(control.method(), control.path(), Map.of(), utf8(body)), 400);
			}
			assertControlError(send(control.method(), control.path(), Map.of(),
					bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d)), 400);
		}
		String messages = "/_emulator/contacts/" + this.chat.contactId() + "/messages";
		Map<String, List<String>> wrong = new LinkedHashMap<>();
		wrong.put(messages, List.of("{}", "{\"role\":5,\"content\":\"x\"}", "{\"role\":\"AGENT\",\"content\":5}",
				"{\"role\":\"AGENT\",\"content\":\"\"}", "{\"role\":\"AGENT\",\"content\":\"x\",\"displayName\":5}",
				"{\"role\":\"AGENT\",\"content\":\"x\",\"contentType\":[]}", "{\"role\":\"ROBOT\",\"content\":\"x\"}",
				"{\"role\":\"AGENT\",\"content\":\"x\",\"contentType\":\"image/png\"}",
				"{\"role\":\"AGENT\",\"content\":\"" + "x".repeat(1025) + "\"}"));
		wrong.put("/_emulator/faults", List.of("{}", "{\"rules\":\"THROTTLE\"}", "{\"rules\":[5]}",
				"{\"rules\":[{\"operation\":\"*\"}]}", "{\"rules\":[{\"operation\":\"*\",\"fault\":\"EXPLODE\"}]}",
				"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"probability\":2}]}",
				"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"probability\":\"0.3\"}]}",
				"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"times\":\"once\"}]}",
				"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"times\":-1}]}",
				"{\"rules\":[{\"operation\":\"*\",\"fault\":\"DELAY\",\"delayMillis\":\"slow\"}]}",
				"{\"seed\":\"forty-two\",\"rules\":[]}"));
		wrong.put("/_emulator/throttling", List.of("{}", "{\"rules\":{}}", "{\"rules\":[{\"ratePerSecond\":1,\"burst\":1}]}",
				"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":0,\"burst\":1}]}",
				"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":1,\"burst\":0}]}",
				"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":\"fast\",\"burst\":1}]}"));
		wrong.put("/_emulator/config", List.of("{\"scanDelayMillis\":\"soon\"}", "{\"scanDelayMillis\":-1}",
				"{\"scanDelayMillis\":{}}", "{\"connectionTokenExpirySeconds\":0}",
				"{\"connectionTokenExpirySeconds\":\"abc\"}", "{\"connectionTokenExpirySeconds\":9223372036854775807}",
				"{\"uploadUrlExpirySeconds\":1.5}", "{\"maxAttachmentSizeBytes\":0}", "{\"maxAttachmentSizeBytes\":[]}",
				"{\"maxAttachmentsPerContact\":1e20}", "{\"maxAttachmentsPerContact\":0}",
				"{\"allowedContentTypes\":\"text/plain\"}", "{\"allowedContentTypes\":[1,2]}"));
		wrong.put("/_emulator/clock/advance", List.of("{}", "{\"seconds\":0}", "{\"seconds\":-5}", "{\"seconds\":\"5\"}",
				"{\"millis\":1e300}", "{\"seconds\":9223372036854775}", "{\"millis\":true}"));
		wrong.put("/_emulator/attachments/x/verdict", List.of("{}", "{\"status\":5}", "{\"status\":\"MAYBE\"}"));
		wrong.forEach((path, bodies) -> {
			String method = (path.endsWith("faults") || path.endsWith("throttling") || path.endsWith("config")) ? "PUT"
					: "POST";
			for (String body : bodies) {
				HttpResponse<String> response = send(method, path, Map.of(), utf8(body));
				assertThat(response.statusCode()).as(method + " " + path + " " + body + " -> " + response.body())
					.isBetween(400, 404);
				assertControlError(response, response.statusCode());
			}
		});
		// nothing of the refused requests took effect
		JsonNode faults = JSON.readTree(send("GET", "/_emulator/faults", Map.of(), null).body());
		assertThat(faults.get("rules")).isEmpty();
		JsonNode config = JSON.readTree(send("GET", "/_emulator/config", Map.of(), null).body());
		assertThat(config.get("scanDelayMillis").asLong()).isZero();
		assertThat(config.get("connectionTokenExpirySeconds").asLong()).isEqualTo(24 * 3600);
		JsonNode clock = JSON.readTree(send("GET", "/_emulator/clock", Map.of(), null).body());
		assertThat(clock.get("offsetMillis").asLong()).isZero();
		this.clients.participant().sendMessage(
				(r) -> r.connectionToken(this.chat.connectionToken()).contentType("text/plain").content("still fine"));
	}

	// ---------------------------------------------------------------- concurrency

	@Test
	void concurrentMixedOperationsOnSeveralChatsKeepExactCounts() throws Exception {
		int threads = 32;
		int perThread = 50;
		int chats = 8;
		ConnectParticipantClient shared = Clients.participant(emulator.baseUri(),
				(http) -> http.maxConnections(threads));
		try (shared) {
			List<Clients.Chat> all = new ArrayList<>();
			for (int i = 0; i < chats; i++) {
				all.add(Clients.chat(this.clients.connect(), shared, "Customer " + i));
			}
			long transcriptsBefore = emulator.emulator().requestCount("GetTranscript");
			long connectionsBefore = emulator.emulator().requestCount("CreateParticipantConnection");
			AtomicLong[] customerMessages = new AtomicLong[chats];
			AtomicLong[] agentMessages = new AtomicLong[chats];
			for (int i = 0; i < chats; i++) {
				customerMessages[i] = new AtomicLong();
				agentMessages[i] = new AtomicLong();
			}
			AtomicLong sends = new AtomicLong();
			AtomicLong events = new AtomicLong();
			AtomicLong transcripts = new AtomicLong();
			AtomicLong connections = new AtomicLong();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						int c = (thread + i) % chats;
						Clients.Chat chat = all.get(c);
						String text = "t" + thread + "-" + i;
						switch ((thread * perThread + i) % 5) {
							case 0 -> {
								shared.sendMessage((r) -> r.connectionToken(chat.connectionToken())
									.contentType("text/plain")
									.content(text));
								customerMessages[c].incrementAndGet();
								sends.incrementAndGet();
							}
							case 1 -> {
								shared.sendEvent((r) -> r.connectionToken(chat.connectionToken())
									.contentType("application/vnd.amazonaws.connect.event.typing"));
								events.incrementAndGet();
							}
							case 2 -> {
								assertThat(shared.getTranscript((r) -> r.connectionToken(chat.connectionToken())
									.maxResults(100)).transcript()).isNotEmpty();
								transcripts.incrementAndGet();
							}
							case 3 -> {
								shared.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
									.type(ConnectionType.CONNECTION_CREDENTIALS));
								connections.incrementAndGet();
							}
							default -> {
								HttpResponse<String> added = send("POST", "/_emulator/contacts/" + chat.contactId()
										+ "/messages", Map.of(), utf8("{\"role\":\"AGENT\",\"displayName\":\"Agent\","
												+ "\"content\":\"" + text + "\"}"));
								assertThat(added.statusCode()).isEqualTo(200);
								agentMessages[c].incrementAndGet();
							}
						}
					}
					return null;
				}));
			}
			pool.shutdown();
			assertThat(pool.awaitTermination(45, TimeUnit.SECONDS)).as("all requests finished").isTrue();
			for (Future<?> future : futures) {
				future.get(); // rethrows the first error of a thread
			}
			assertThat(sends.get() + events.get() + transcripts.get() + connections.get()
					+ java.util.Arrays.stream(agentMessages).mapToLong(AtomicLong::get).sum())
				.isEqualTo((long) threads * perThread);
			assertThat(emulator.emulator().requestCount("SendMessage")).isEqualTo(sends.get());
			assertThat(emulator.emulator().requestCount("SendEvent")).isEqualTo(events.get());
			assertThat(emulator.emulator().requestCount("GetTranscript") - transcriptsBefore).isEqualTo(transcripts.get());
			assertThat(emulator.emulator().requestCount("CreateParticipantConnection") - connectionsBefore)
				.isEqualTo(connections.get());
			for (int c = 0; c < chats; c++) {
				Clients.Chat chat = all.get(c);
				JsonNode state = JSON.readTree(send("GET", "/_emulator/contacts/" + chat.contactId(), Map.of(), null).body());
				long agentJoined = (agentMessages[c].get() > 0) ? 1 : 0;
				assertThat(state.get("items").size()).as("items of chat " + c)
					.isEqualTo(1 + customerMessages[c].get() + agentMessages[c].get() + agentJoined);
				assertThat(emulator.emulator().requestCount(chat.contactId(), "SendMessage"))
					.isEqualTo(customerMessages[c].get());
				long ids = java.util.stream.StreamSupport.stream(state.get("items").spliterator(), false)
					.map((item) -> item.get("Id").asString())
					.distinct()
					.count();
				assertThat(ids).isEqualTo(state.get("items").size());
			}
		}
	}

	// ---------------------------------------------------------------- helpers

	private static Route route(String operation) {
		return API_ROUTES.stream().filter((r) -> r.operation().equals(operation)).findFirst().orElseThrow();
	}

	private List<Control> bodyTakingControlRoutes() {
		return List.of(new Control("POST", "/_emulator/contacts/" + this.chat.contactId() + "/messages"),
				new Control("PUT", "/_emulator/faults"), new Control("PUT", "/_emulator/throttling"),
				new Control("PUT", "/_emulator/config"), new Control("POST", "/_emulator/clock/advance"),
				new Control("POST", "/_emulator/attachments/x/verdict"), new Control("PUT", "/_emulator/views/v"));
	}

	private Map<String, String> headers(Route route) {
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

	private HttpResponse<String> send(Route route, byte[] body) {
		return send(route.method(), route.path(), headers(route), body);
	}

	private static HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body) {
		return sendUri(method, URI.create(emulator.baseUri() + path), headers, body);
	}

	private static HttpResponse<String> sendUri(String method, URI uri, Map<String, String> headers, byte[] body) {
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

	private static void assertApiError(HttpResponse<String> response, Route route, int status, String type) {
		String context = route.method() + " " + route.path() + " -> " + response.statusCode() + " " + response.body();
		assertThat(response.statusCode()).as(context).isEqualTo(status);
		String expectedType = (route.connect() && type.equals("ValidationException")) ? "InvalidParameterException" : type;
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(context).hasValue(expectedType);
		assertThat(response.headers().firstValue("Content-Type")).as(context).hasValue("application/json");
		assertThat(message(response)).as(context).isNotBlank();
	}

	private static String message(HttpResponse<String> response) {
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.isObject()).isTrue();
		assertThat(body.get("Message")).as("Message in " + response.body()).isNotNull();
		assertThat(body.get("Message").isString()).isTrue();
		return body.get("Message").asString();
	}

	private static void assertControlError(HttpResponse<String> response, int status) {
		String context = response.request().method() + " " + response.uri().getRawPath() + " -> " + response.body();
		assertThat(response.statusCode()).as(context).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(context).hasValue("application/json");
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("message")).as(context).isNotNull();
		assertThat(body.get("message").asString()).as(context).isNotBlank();
	}

	private static void assertControlOk(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("UP");
	}

	/**
	 * Sends bytes on a fresh connection and reads the answer. {@code halfClose} shuts the
	 * output down after sending (the client has nothing more to send). A read that times out
	 * fails the test: that is a hang.
	 */
	private static RawAnswer raw(byte[] request, boolean halfClose) {
		try (Socket socket = new Socket("127.0.0.1", emulator.emulator().port())) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
				if (halfClose) {
					socket.shutdownOutput();
				}
			}
			catch (IOException ex) {
				// the server may close while a huge request is still being written; read what it answered
			}
			return RawAnswer.read(socket.getInputStream());
		}
		catch (SocketTimeoutException ex) {
			return fail("the request hung: no answer and no close within " + TIMEOUT, ex);
		}
		catch (IOException ex) {
			return fail("could not talk to the emulator: " + ex, ex);
		}
	}

	private static void rawAndClose(byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", emulator.emulator().port())) {
			socket.getOutputStream().write(request);
		}
		catch (IOException ex) {
			fail("could not talk to the emulator: " + ex, ex);
		}
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
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

	/**
	 * An answer read off a raw socket: status -1 when the server closed (or reset) the
	 * connection without answering.
	 */
	record RawAnswer(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		static RawAnswer read(InputStream in) throws IOException {
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				int n;
				while ((n = in.read(buffer)) != -1) {
					received.write(buffer, 0, n);
					RawAnswer answer = parse(received.toString(StandardCharsets.ISO_8859_1));
					if (answer != null) {
						return answer;
					}
				}
			}
			catch (SocketTimeoutException ex) {
				throw ex;
			}
			catch (IOException ex) {
				// reset by the server
			}
			RawAnswer answer = parse(received.toString(StandardCharsets.ISO_8859_1));
			if (answer != null) {
				return answer;
			}
			assertThat(received.size()).as("a partial answer: " + received).isZero();
			return new RawAnswer(-1, Map.of(), "");
		}

		private static RawAnswer parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				return null;
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
			int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
			String body = text.substring(end + 4);
			if (body.getBytes(StandardCharsets.ISO_8859_1).length < length) {
				return null;
			}
			return new RawAnswer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
		}

	}

}
