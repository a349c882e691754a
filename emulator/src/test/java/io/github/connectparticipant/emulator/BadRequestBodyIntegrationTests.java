package io.github.connectparticipant.emulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.connectparticipant.emulator.BadRequests.Control;
import io.github.connectparticipant.emulator.BadRequests.Route;

import static io.github.connectparticipant.emulator.BadRequests.API_ROUTES;
import static io.github.connectparticipant.emulator.BadRequests.JSON;
import static io.github.connectparticipant.emulator.BadRequests.assertApiError;
import static io.github.connectparticipant.emulator.BadRequests.assertControlError;
import static io.github.connectparticipant.emulator.BadRequests.bytes;
import static io.github.connectparticipant.emulator.BadRequests.message;
import static io.github.connectparticipant.emulator.BadRequests.route;
import static io.github.connectparticipant.emulator.BadRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad request bodies on every API and control route: malformed JSON, JSON of the wrong
 * shape, members of the wrong type, nulls, constraint violations and bodies over the size
 * limit are each a 4xx of the route's error shape naming what is wrong, never a 5xx.
 */
class BadRequestBodyIntegrationTests {

	@RegisterExtension
	static BadRequests fixture = new BadRequests();

	// ---------------------------------------------------------------- API routes

	@Test
	void malformedJsonIsASerializationExceptionOnEveryApiRoute() {
		List<byte[]> bodies = List.of(utf8("{bad"), utf8("{\"Content\":"), utf8("}"), utf8("{'single':1}"),
				utf8("{\"ContentType\":\"text/plain\"}}"), utf8("{\"Content\":\"x\"} trailing"),
				utf8("{\"Content\":\"x\"} {\"Content\":\"y\"}"), utf8("{\"Content\":\"x\",\"Content\":\"y\"}"),
				utf8("nul"), utf8("{\"Content\":\"x\"\u0000}"), utf8("{\"Content\":\"\\uZZZZ\"}"),
				// not UTF-8: a lone continuation byte, an unfinished two-byte sequence,
				// Latin-1 text
				bytes(0x7b, 0x22, 0x43, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d),
				bytes(0x7b, 0x22, 0x43, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d),
				"{\"Content\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
		for (Route route : API_ROUTES) {
			for (byte[] body : bodies) {
				HttpResponse<String> response = fixture.send(route, body);
				assertApiError(response, route, 400, "SerializationException");
			}
		}
	}

	@Test
	void jsonThatIsNotAnObjectIsASerializationExceptionOnEveryApiRoute() {
		for (Route route : API_ROUTES) {
			for (String body : List.of("[]", "[{}]", "\"a string\"", "42", "-1.5e3", "true", "null")) {
				assertApiError(fixture.send(route, utf8(body)), route, 400, "SerializationException");
			}
		}
	}

	@Test
	void membersOfTheWrongTypeAreASerializationExceptionNamingTheMember() {
		Map<Route, List<String>> cases = new LinkedHashMap<>();
		cases.put(route("CreateParticipantConnection"),
				List.of("{\"Type\":\"CONNECTION_CREDENTIALS\"}", "{\"Type\":[1]}", "{\"ConnectParticipant\":\"yes\"}"));
		cases.put(route("DisconnectParticipant"), List.of("{\"ClientToken\":7}"));
		cases.put(route("SendMessage"),
				List.of("{\"ContentType\":5,\"Content\":\"x\"}",
						"{\"ContentType\":\"text/plain\",\"Content\":{\"a\":1}}",
						"{\"ContentType\":[\"text/plain\"],\"Content\":\"x\"}"));
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
				HttpResponse<String> response = fixture.send(route, utf8(body));
				assertApiError(response, route, 400, "SerializationException");
				String member = JSON.readTree(body)
					.propertyNames()
					.stream()
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
		cases.put(route("StartAttachmentUpload"), Map.of(
				"{\"ContentType\":null,\"AttachmentSizeInBytes\":null,\"AttachmentName\":null,\"ClientToken\":null}",
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
			HttpResponse<String> response = fixture.send(route, utf8(body));
			assertApiError(response, route, 400, "ValidationException");
			for (String member : members) {
				assertThat(message(response)).contains("'" + member + "'");
			}
		}));
		// a null optional member is an absent one
		HttpResponse<String> transcript = fixture.send(route("GetTranscript"),
				utf8("{\"MaxResults\":null,\"StartPosition\":null,\"NextToken\":null,\"ScanDirection\":null}"));
		assertThat(transcript.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(transcript.body()).get("Transcript")).hasSize(1);
	}

	@Test
	void constraintViolationsAreValidationExceptionsNamingTheField() {
		String session = "123e4567-e89b-12d3-a456-426614174000";
		Map<Route, Map<String, String>> cases = new LinkedHashMap<>();
		cases.put(route("CreateParticipantConnection"),
				Map.of("{\"Type\":[\"CARRIER_PIGEON\"]}", "Type[0]", "{\"Type\":[]}", "Type"));
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
		cases.put(route("GetAttachment"),
				Map.of("{\"AttachmentId\":\"a\",\"UrlExpiryInSeconds\":4}", "UrlExpiryInSeconds",
						"{\"AttachmentId\":\"a\",\"UrlExpiryInSeconds\":301}", "UrlExpiryInSeconds",
						"{\"AttachmentId\":\"\"}", "AttachmentId"));
		cases.put(route("GetAuthenticationUrl"), Map.of("{\"SessionId\":\"short\",\"RedirectUri\":\"https://x\"}",
				"SessionId", "{\"SessionId\":\"" + session + "\",\"RedirectUri\":\"\"}", "RedirectUri"));
		cases.put(route("CancelParticipantAuthentication"), Map.of("{\"SessionId\":\"short\"}", "SessionId"));
		cases.put(route("StartChatContact"), Map.of(
				"{\"InstanceId\":\"\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"A\"}}",
				"InstanceId",
				"{\"InstanceId\":\"i\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"A\"},\"ChatDurationInMinutes\":59}",
				"ChatDurationInMinutes"));
		cases.put(route("StopContact"), Map.of("{\"ContactId\":\"\",\"InstanceId\":\"i\"}", "ContactId"));
		cases.forEach((route, bodies) -> bodies.forEach((body, member) -> {
			HttpResponse<String> response = fixture.send(route, utf8(body));
			assertApiError(response, route, 400, "ValidationException");
			assertThat(message(response)).as(route.operation() + " " + body).contains("'" + member + "'");
		}));
		HttpResponse<String> longView = fixture
			.send(new Route("DescribeView", "GET", "/participant/views/" + "v".repeat(1001), false), new byte[0]);
		assertApiError(longView, route("DescribeView"), 400, "ValidationException");
		assertThat(message(longView)).contains("'ViewToken'");
	}

	@Test
	void bodiesOverOneMebibyteAre413OnEveryRouteAndTheAnswerArrives() {
		byte[] oversize = utf8("{\"Content\":\"" + "a".repeat(Exchanges.MAX_JSON_BODY) + "\"}");
		byte[] farOversize = utf8("{\"Content\":\"" + "a".repeat(6 * Exchanges.MAX_JSON_BODY) + "\"}");
		for (Route route : API_ROUTES) {
			for (byte[] body : List.of(oversize, farOversize)) {
				HttpResponse<String> response = fixture.send(route, body);
				assertApiError(response, route, 413, "RequestEntityTooLargeException");
				assertThat(message(response)).contains(route.operation());
			}
		}
		// exactly the limit is read and judged on its content
		String filler = "a"
			.repeat(Exchanges.MAX_JSON_BODY - "{\"ContentType\":\"text/plain\",\"Content\":\"\"}".length());
		byte[] atLimit = utf8("{\"ContentType\":\"text/plain\",\"Content\":\"" + filler + "\"}");
		assertThat(atLimit).hasSize(Exchanges.MAX_JSON_BODY);
		HttpResponse<String> response = fixture.send(route("SendMessage"), atLimit);
		assertApiError(response, route("SendMessage"), 400, "ValidationException");
		assertThat(message(response)).contains("Content");

		for (Control control : fixture.bodyTakingControlRoutes()) {
			HttpResponse<String> answer = fixture.send(control.method(), control.path(), Map.of(), farOversize);
			assertControlError(answer, 413);
		}
	}

	// ---------------------------------------------------------------- control routes

	@Test
	void controlRoutesAnswerBadBodiesWith400AndAMessage() {
		for (Control control : fixture.bodyTakingControlRoutes()) {
			for (String body : List.of("{bad", "[]", "\"x\"", "42", "null", "{\"a\":1,\"a\":2}", "{} trailing")) {
				assertControlError(fixture.send(control.method(), control.path(), Map.of(), utf8(body)), 400);
			}
			assertControlError(fixture.send(control.method(), control.path(), Map.of(),
					bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d)), 400);
		}
		String messages = "/_emulator/contacts/" + fixture.chat().contactId() + "/messages";
		Map<String, List<String>> wrong = new LinkedHashMap<>();
		wrong.put(messages, List.of("{}", "{\"role\":5,\"content\":\"x\"}", "{\"role\":\"AGENT\",\"content\":5}",
				"{\"role\":\"AGENT\",\"content\":\"\"}", "{\"role\":\"AGENT\",\"content\":\"x\",\"displayName\":5}",
				"{\"role\":\"AGENT\",\"content\":\"x\",\"contentType\":[]}", "{\"role\":\"ROBOT\",\"content\":\"x\"}",
				"{\"role\":\"AGENT\",\"content\":\"x\",\"contentType\":\"image/png\"}",
				"{\"role\":\"AGENT\",\"content\":\"" + "x".repeat(1025) + "\"}"));
		wrong.put("/_emulator/faults",
				List.of("{}", "{\"rules\":\"THROTTLE\"}", "{\"rules\":[5]}", "{\"rules\":[{\"operation\":\"*\"}]}",
						"{\"rules\":[{\"operation\":\"*\",\"fault\":\"EXPLODE\"}]}",
						"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"probability\":2}]}",
						"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"probability\":\"0.3\"}]}",
						"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"times\":\"once\"}]}",
						"{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\",\"times\":-1}]}",
						"{\"rules\":[{\"operation\":\"*\",\"fault\":\"DELAY\",\"delayMillis\":\"slow\"}]}",
						"{\"seed\":\"forty-two\",\"rules\":[]}"));
		wrong.put("/_emulator/throttling",
				List.of("{}", "{\"rules\":{}}", "{\"rules\":[{\"ratePerSecond\":1,\"burst\":1}]}",
						"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":0,\"burst\":1}]}",
						"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":1,\"burst\":0}]}",
						"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":\"fast\",\"burst\":1}]}"));
		wrong.put("/_emulator/config",
				List.of("{\"scanDelayMillis\":\"soon\"}", "{\"scanDelayMillis\":-1}", "{\"scanDelayMillis\":{}}",
						"{\"connectionTokenExpirySeconds\":0}", "{\"connectionTokenExpirySeconds\":\"abc\"}",
						"{\"connectionTokenExpirySeconds\":9223372036854775807}", "{\"uploadUrlExpirySeconds\":1.5}",
						"{\"maxAttachmentSizeBytes\":0}", "{\"maxAttachmentSizeBytes\":[]}",
						"{\"maxAttachmentsPerContact\":1e20}", "{\"maxAttachmentsPerContact\":0}",
						"{\"allowedContentTypes\":\"text/plain\"}", "{\"allowedContentTypes\":[1,2]}"));
		wrong.put("/_emulator/clock/advance", List.of("{}", "{\"seconds\":0}", "{\"seconds\":-5}",
				"{\"seconds\":\"5\"}", "{\"millis\":1e300}", "{\"seconds\":9223372036854775}", "{\"millis\":true}"));
		wrong.put("/_emulator/attachments/x/verdict", List.of("{}", "{\"status\":5}", "{\"status\":\"MAYBE\"}"));
		wrong.forEach((path, bodies) -> {
			String method = (path.endsWith("faults") || path.endsWith("throttling") || path.endsWith("config")) ? "PUT"
					: "POST";
			for (String body : bodies) {
				HttpResponse<String> response = fixture.send(method, path, Map.of(), utf8(body));
				assertThat(response.statusCode()).as(method + " " + path + " " + body + " -> " + response.body())
					.isBetween(400, 404);
				assertControlError(response, response.statusCode());
			}
		});
		// nothing of the refused requests took effect
		JsonNode faults = JSON.readTree(fixture.send("GET", "/_emulator/faults", Map.of(), null).body());
		assertThat(faults.get("rules")).isEmpty();
		JsonNode config = JSON.readTree(fixture.send("GET", "/_emulator/config", Map.of(), null).body());
		assertThat(config.get("scanDelayMillis").asLong()).isZero();
		assertThat(config.get("connectionTokenExpirySeconds").asLong()).isEqualTo(24 * 3600);
		JsonNode clock = JSON.readTree(fixture.send("GET", "/_emulator/clock", Map.of(), null).body());
		assertThat(clock.get("offsetMillis").asLong()).isZero();
		fixture.participant()
			.sendMessage((r) -> r.connectionToken(fixture.chat().connectionToken())
				.contentType("text/plain")
				.content("still fine"));
	}

}
