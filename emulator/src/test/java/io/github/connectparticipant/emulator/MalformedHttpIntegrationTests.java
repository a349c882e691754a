package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.connectparticipant.emulator.BadRequests.Route;
import io.github.connectparticipant.emulator.Uploads.Upload;
import io.github.connectparticipant.emulator.testsupport.RawHttp;

import static io.github.connectparticipant.emulator.BadRequests.API_ROUTES;
import static io.github.connectparticipant.emulator.BadRequests.JSON;
import static io.github.connectparticipant.emulator.BadRequests.assertApiError;
import static io.github.connectparticipant.emulator.BadRequests.assertControlError;
import static io.github.connectparticipant.emulator.BadRequests.assertControlOk;
import static io.github.connectparticipant.emulator.BadRequests.bytes;
import static io.github.connectparticipant.emulator.BadRequests.concat;
import static io.github.connectparticipant.emulator.BadRequests.message;
import static io.github.connectparticipant.emulator.BadRequests.route;
import static io.github.connectparticipant.emulator.BadRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed HTTP on every route, sent with the JDK's HttpClient and, where a client
 * library would refuse to send it, a raw socket: huge headers, wrong methods, unknown
 * paths, junk percent-encoding and raw bytes in paths, bodies shorter than their length,
 * and bad requests to the object URLs. Every answer is a 4xx of the route's error shape
 * (S3 XML for the object URLs), never a 5xx and never a hung connection.
 */
class MalformedHttpIntegrationTests {

	@RegisterExtension
	static BadRequests fixture = new BadRequests();

	@Test
	void hugeHeadersAreAnsweredOrRefusedWithoutHanging() {
		// well over any real token, under the JDK server's header limit (384 KiB):
		// answered normally
		String big = "t".repeat(100 * 1024);
		HttpResponse<String> bearer = fixture.send("POST", "/participant/transcript", Map.of("X-Amz-Bearer", big),
				utf8("{}"));
		assertApiError(bearer, route("GetTranscript"), 403, "AccessDeniedException");
		HttpResponse<String> other = fixture.send("POST", "/participant/transcript",
				Map.of("X-Amz-Bearer", fixture.chat().connectionToken(), "X-Padding", big), utf8("{}"));
		assertThat(other.statusCode()).isEqualTo(200);
		assertControlOk(fixture.send("GET", "/_emulator/health", Map.of("X-Padding", big), null));

		// over the JDK server's limits (header bytes, header count): the JDK closes the
		// connection unanswered.
		// The emulator cannot answer those (its handler is never called); what matters is
		// that nothing hangs.
		String huge = "h".repeat(1024 * 1024);
		RawHttp.Response tooBig = fixture.raw(utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nX-Amz-Bearer: "
				+ huge + "\r\nContent-Length: 2\r\n\r\n{}"), false);
		assertThat(tooBig.status()).as("no answer, or a 4xx").isIn(-1, 400, 413, 431);
		StringBuilder many = new StringBuilder("POST /participant/message HTTP/1.1\r\nHost: x\r\n");
		for (int i = 0; i < 300; i++) {
			many.append("X-Header-").append(i).append(": v\r\n");
		}
		RawHttp.Response tooMany = fixture.raw(utf8(many + "Content-Length: 2\r\n\r\n{}"), false);
		assertThat(tooMany.status()).as("no answer, or a 4xx").isIn(-1, 400, 431);
		assertControlOk(fixture.send("GET", "/_emulator/health", Map.of(), null));
	}

	@Test
	void wrongMethodsAre405WithAllow() {
		for (Route route : API_ROUTES) {
			for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")) {
				if (method.equals(route.method())) {
					continue;
				}
				HttpResponse<String> response = fixture.send(method, route.path(), fixture.headers(route), utf8("{}"));
				assertThat(response.statusCode()).as(method + " " + route.path()).isEqualTo(405);
				assertThat(response.headers().firstValue("Allow")).hasValue(route.method());
				assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MethodNotAllowedException");
				if (!method.equals("HEAD")) {
					assertApiError(response, route, 405, "MethodNotAllowedException");
				}
			}
		}
		for (String method : List.of("POST", "DELETE", "PATCH", "OPTIONS")) {
			HttpResponse<String> response = fixture.send(method, "/attachments/contact-1/attachment-1", Map.of(),
					utf8("x"));
			EmulatorHttp.assertS3Error(response, 405, "MethodNotAllowed");
			assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, PUT");
		}
		Map<String, String> wrong = new LinkedHashMap<>();
		wrong.put("/_emulator/health", "POST");
		wrong.put("/_emulator/reset", "GET");
		wrong.put("/_emulator/requests", "DELETE");
		wrong.put("/_emulator/contacts", "POST");
		wrong.put("/_emulator/contacts/" + fixture.chat().contactId(), "DELETE");
		wrong.put("/_emulator/contacts/" + fixture.chat().contactId() + "/messages", "GET");
		wrong.put("/_emulator/contacts/" + fixture.chat().contactId() + "/end", "PUT");
		wrong.put("/_emulator/faults", "POST");
		wrong.put("/_emulator/throttling", "PATCH");
		wrong.put("/_emulator/config", "DELETE");
		wrong.put("/_emulator/clock/advance", "GET");
		wrong.put("/_emulator/attachments/a/verdict", "GET");
		wrong.put("/_emulator/views/v", "POST");
		wrong.forEach((path, method) -> assertControlError(fixture.send(method, path, Map.of(), utf8("{}")), 405));
	}

	@Test
	void unknownPathsAre404() {
		for (String path : List.of("/", "/participant", "/participant/", "/participant/messages",
				"/participant/message/", "/participant/message/extra", "/PARTICIPANT/MESSAGE", "/participant/views/",
				"/contact/chat/x", "/contact", "/participant//message", "/participant/%6Dessage", "/favicon.ico",
				"/attachments", "/attachments/c", "/attachments/c/a/b", "/attachments/c%20x/a",
				"/connect/participant/message")) {
			for (String method : List.of("GET", "POST", "PUT")) {
				HttpResponse<String> response = fixture.send(method, path, Map.of(), utf8("{}"));
				assertThat(response.statusCode()).as(method + " " + path).isEqualTo(404);
				assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
				assertThat(message(response)).isNotBlank();
			}
		}
		for (String path : List.of("/_emulator", "/_emulator/", "/_emulator/nope", "/_emulator/contacts/x/y/z",
				"/_emulator/clock/rewind", "/_emulator/attachments/a", "/_emulator/views", "/_emulator/health/x",
				"/_emulator/requests/x", "/_emulator/config/x")) {
			HttpResponse<String> response = fixture.send("GET", path, Map.of(), null);
			assertControlError(response, 404);
		}
		assertControlError(fixture.send("GET", "/_emulator/contacts/no-such-contact", Map.of(), null), 404);
		assertControlError(fixture.send("POST", "/_emulator/contacts/no-such-contact/end", Map.of(), null), 404);
		assertControlError(fixture.send("POST", "/_emulator/contacts/no-such-contact/messages", Map.of(),
				utf8("{\"role\":\"AGENT\",\"content\":\"hi\"}")), 404);
		assertControlError(fixture.send("POST", "/_emulator/attachments/no-such-attachment/verdict", Map.of(),
				utf8("{\"status\":\"APPROVED\"}")), 404);
	}

	@Test
	void percentEncodingJunkAndNonUtf8BytesInPaths() {
		String bearer = "X-Amz-Bearer: " + fixture.chat().connectionToken() + "\r\n";
		// valid escapes of bytes that are not UTF-8: decoded leniently, then judged as
		// any other value
		RawHttp.Response view = fixture
			.raw(utf8("GET /participant/views/%FF%FE%C3%28 HTTP/1.1\r\nHost: x\r\n" + bearer + "\r\n"), false);
		assertThat(view.status()).isEqualTo(404);
		assertThat(view.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
		assertThat(JSON.readTree(view.text()).get("Message").asString()).isNotBlank();
		RawHttp.Response encodedSlash = fixture
			.raw(utf8("GET /participant/views/a%2Fb%00c HTTP/1.1\r\nHost: x\r\n" + bearer + "\r\n"), false);
		assertThat(encodedSlash.status()).isEqualTo(404);
		RawHttp.Response control = fixture.raw(utf8("GET /_emulator/contacts/%C3%28%FF HTTP/1.1\r\nHost: x\r\n\r\n"),
				false);
		assertThat(control.status()).isEqualTo(404);
		assertThat(JSON.readTree(control.text()).get("message").asString()).isNotBlank();

		// raw non-ASCII bytes in the request line and in a header value
		byte[] rawPath = concat(utf8("POST /participant/"), bytes(0xff, 0xfe, 0xc3, 0x28),
				utf8(" HTTP/1.1\r\nHost: x\r\n" + "Content-Length: 2\r\n\r\n{}"));
		RawHttp.Response unknown = fixture.raw(rawPath, false);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
		byte[] rawBearer = concat(utf8("POST /participant/transcript HTTP/1.1\r\nHost: x\r\nX-Amz-Bearer: "),
				bytes(0xff, 0x80, 0x00 + 'a'), utf8("\r\nContent-Length: 2\r\n\r\n{}"));
		RawHttp.Response denied = fixture.raw(rawBearer, false);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.header("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
		byte[] rawControl = concat(utf8("GET /_emulator/contacts/"), bytes(0xff, 0xfe),
				utf8(" HTTP/1.1\r\nHost: x\r\n\r\n"));
		assertThat(fixture.raw(rawControl, false).status()).isEqualTo(404);

		// malformed escapes never reach the emulator: the JDK server refuses the request
		// line itself with a
		// plain 400 and closes the connection (a limit of the JDK HttpServer, not an
		// emulator answer)
		for (String path : List.of("/participant/views/%zz", "/participant/message%", "/_emulator/contacts/%E0%A4%A",
				"/attachments/c/a?X-Amz-Signature=%G0", "/%")) {
			RawHttp.Response answer = fixture.raw(utf8("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"), false);
			assertThat(answer.status()).as(path).isEqualTo(400);
		}
		RawHttp.Response garbage = fixture.raw(utf8("GARBAGE\r\n\r\n"), false);
		assertThat(garbage.status()).isIn(-1, 400);
		assertControlOk(fixture.send("GET", "/_emulator/health", Map.of(), null));
	}

	@Test
	void aBodyShorterThanItsContentLengthIsAnsweredAndNeverHangs() {
		// the client sends 10 of the 100 bytes it announced and closes its side
		RawHttp.Response api = fixture.raw(utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nX-Amz-Bearer: "
				+ fixture.chat().connectionToken() + "\r\nContent-Length: 100\r\n\r\n{\"Content\""), true);
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.header("x-amzn-ErrorType")).isEqualTo("SerializationException");
		assertThat(JSON.readTree(api.text()).get("Message").asString()).isNotBlank();
		assertThat(fixture.emulator().requestCount(fixture.chat().contactId(), "SendMessage")).isEqualTo(1);

		RawHttp.Response control = fixture
			.raw(utf8("PUT /_emulator/faults HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"rules\":"), true);
		assertThat(control.status()).isEqualTo(400);
		assertThat(JSON.readTree(control.text()).get("message").asString()).isNotBlank();

		RawHttp.Response chunked = fixture
			.raw(utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "zz\r\nnot a chunk\r\n"), true);
		assertThat(chunked.status()).isEqualTo(400);

		Upload upload = Uploads.start(fixture.participant(), fixture.chat(), "notes.txt", "text/plain", new byte[100],
				"short-upload");
		RawHttp.Response object = fixture
			.raw(utf8(Uploads.rawPutHead(upload.url(), "x", upload.headers()) + "\r\n0123456789"), true);
		assertThat(object.status()).isEqualTo(400);
		assertThat(object.text()).contains("<Code>IncompleteBody</Code>");
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId())).containsValue("UPLOADING");

		// the client closes completely: no one to answer, but the server carries on
		fixture.rawAndClose(
				utf8("POST /participant/message HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"));
		assertControlOk(fixture.send("GET", "/_emulator/health", Map.of(), null));
		fixture.participant()
			.sendMessage((r) -> r.connectionToken(fixture.chat().connectionToken())
				.contentType("text/plain")
				.content("still fine"));
	}

	@Test
	void objectPathsAnswerS3XmlErrors() {
		String path = "/attachments/" + fixture.chat().contactId() + "/no-such-attachment";
		EmulatorHttp.assertS3Error(fixture.send("GET", path, Map.of(), null), 403, "AccessDenied");
		EmulatorHttp.assertS3Error(fixture.send("PUT", path, Map.of(), utf8("abc")), 403, "AccessDenied");
		assertThat(fixture.send("HEAD", path, Map.of(), null).statusCode()).isEqualTo(403);
		// a signing query that does not parse, and one whose signature is not hex
		Map<String, String> codeByQuery = Map.of(
				"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=yesterday&X-Amz-Expires=soon"
						+ "&X-Amz-SignedHeaders=&X-Amz-Signature=00",
				"AuthorizationQueryParametersError",
				"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60"
						+ "&X-Amz-SignedHeaders=&X-Amz-Signature=%FF%FE",
				"SignatureDoesNotMatch");
		codeByQuery.forEach((query, code) -> EmulatorHttp
			.assertS3Error(fixture.send("GET", path + query, Map.of(), null), 403, code));

		Upload upload = Uploads.start(fixture.participant(), fixture.chat(), "notes.txt", "text/plain",
				utf8("0123456789"), "u1");
		String url = upload.url();
		Map<String, String> signed = new LinkedHashMap<>(upload.headers());
		signed.remove("Content-Length");
		String tampered = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
		EmulatorHttp.assertS3Error(fixture.sendUri("PUT", URI.create(tampered), signed, utf8("0123456789")), 403,
				"SignatureDoesNotMatch");
		// a large body the URL was not signed for: refused, and the refusal reaches the
		// client still sending
		EmulatorHttp.assertS3Error(fixture.sendUri("PUT", URI.create(url), signed, new byte[3 * 1024 * 1024]), 403,
				"SignatureDoesNotMatch");
		// no Content-Length at all (a chunked body): 411, as S3 answers
		String chunked = Uploads.rawPutHead(url, "x", signed);
		RawHttp.Response noLength = fixture
			.raw(utf8(chunked + "Transfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\n\r\n"), false);
		assertThat(noLength.status()).isEqualTo(411);
		assertThat(noLength.text()).contains("<Code>MissingContentLength</Code>");
		assertThat(fixture.sendUri("PUT", URI.create(url), signed, utf8("0123456789")).statusCode()).isEqualTo(200);
	}

}
