package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of every JSON route: valid bodies mutated (members dropped, values
 * replaced by other types, huge or negative numbers, long and odd strings, deep nesting,
 * extra members) and raw byte garbage. Every answer is a 2xx or 4xx with the AWS error
 * shape, never a 5xx, and every request is answered within its timeout.
 */
class JsonFuzzIntegrationTests {

	private static final long SEED = Long.getLong("fuzz.seed", 20261124L);

	private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 40);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void mutatedBodiesOnEveryRouteNeverFailTheServer() throws Exception {
		System.out.println("JsonFuzzIntegrationTests seed " + SEED + " (-Dfuzz.seed to repeat)");
		Random random = new Random(SEED);
		Clients.Chat chat = fixture.chat("Fuzz");
		Map<String, String> validBodies = validBodies();
		List<String> failures = new ArrayList<>();
		int sent = 0;
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<String, String> route : validBodies.entrySet()) {
				String[] methodAndPath = route.getKey().split(" ", 2);
				byte[] body = (random.nextInt(10) == 0) ? garbage(random)
						: JSON.writeValueAsBytes(mutate(JSON.readTree(route.getValue()), random, 0));
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.baseUri() + methodAndPath[1]))
					.timeout(Duration.ofSeconds(5))
					.method(methodAndPath[0], HttpRequest.BodyPublishers.ofByteArray(body))
					.header("Content-Type", "application/json");
				if (random.nextBoolean()) {
					request.header("X-Amz-Bearer", chat.connectionToken());
				}
				if (methodAndPath[1].startsWith("/contact/")) {
					request.header("Authorization",
							"AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/connect/aws4_request");
				}
				HttpResponse<String> response = EmulatorHttp.send(request.build());
				sent++;
				int status = response.statusCode();
				if (status >= 500) {
					failures.add(route.getKey() + " " + new String(body, StandardCharsets.UTF_8) + " -> " + status + " "
							+ response.body());
				}
				else if (status >= 400 && methodAndPath[1].startsWith("/_emulator/")) {
					if (!JSON.readTree(response.body()).has("message")) {
						failures.add(route.getKey() + " control error without message: " + response.body());
					}
				}
				else if (status >= 400) {
					if (response.headers().firstValue("x-amzn-ErrorType").isEmpty()
							|| !JSON.readTree(response.body()).has("Message")) {
						failures.add(route.getKey() + " error without AWS shape: " + status + " " + response.body());
					}
				}
			}
		}
		System.out.println("JsonFuzzIntegrationTests sent " + sent + " requests");
		assertThat(failures).isEmpty();
		assertThat(
				EmulatorHttp.send(HttpRequest.newBuilder(URI.create(fixture.baseUri() + "/_emulator/health")).build())
					.statusCode())
			.isEqualTo(200);
	}

	private Map<String, String> validBodies() {
		Map<String, String> bodies = new java.util.LinkedHashMap<>();
		bodies.put("POST /participant/connection",
				"{\"Type\":[\"CONNECTION_CREDENTIALS\"],\"ConnectParticipant\":true}");
		bodies.put("POST /participant/disconnect", "{\"ClientToken\":\"d-1\"}");
		bodies.put("POST /participant/message",
				"{\"ContentType\":\"text/plain\",\"Content\":\"hi\",\"ClientToken\":\"m-1\"}");
		bodies.put("POST /participant/event",
				"{\"ContentType\":\"application/vnd.amazonaws.connect.event.typing\",\"ClientToken\":\"e-1\"}");
		bodies.put("POST /participant/transcript",
				"{\"MaxResults\":5,\"ScanDirection\":\"FORWARD\",\"SortOrder\":\"ASCENDING\",\"StartPosition\":{\"MostRecent\":3}}");
		bodies.put("POST /participant/start-attachment-upload",
				"{\"ContentType\":\"text/plain\",\"AttachmentSizeInBytes\":10,\"AttachmentName\":\"a.txt\",\"ClientToken\":\"s-1\"}");
		bodies.put("POST /participant/complete-attachment-upload",
				"{\"AttachmentIds\":[\"x\"],\"ClientToken\":\"c-1\"}");
		bodies.put("POST /participant/attachment", "{\"AttachmentId\":\"x\",\"UrlExpiryInSeconds\":60}");
		bodies.put("POST /participant/authentication-url",
				"{\"SessionId\":\"123456789012345678901234567890123456\",\"RedirectUri\":\"https://example.test/back\"}");
		bodies.put("POST /participant/cancel-authentication",
				"{\"SessionId\":\"123456789012345678901234567890123456\"}");
		bodies.put("GET /participant/views/view-token", "{}");
		bodies.put("PUT /contact/chat",
				"{\"InstanceId\":\"i\",\"ContactFlowId\":\"f\",\"ParticipantDetails\":{\"DisplayName\":\"Ada\"},"
						+ "\"InitialMessage\":{\"ContentType\":\"text/plain\",\"Content\":\"hello\"},\"ChatDurationInMinutes\":60}");
		bodies.put("POST /contact/stop", "{\"ContactId\":\"nope\",\"InstanceId\":\"i\"}");
		bodies.put("PUT /_emulator/faults", "{\"seed\":1,\"rules\":[]}");
		bodies.put("PUT /_emulator/throttling", "{\"rules\":[]}");
		bodies.put("PUT /_emulator/config", "{\"scanDelayMillis\":0}");
		bodies.put("POST /_emulator/clock/advance", "{\"millis\":1}");
		bodies.put("PUT /_emulator/views/view-token", "{\"Id\":\"v\",\"Name\":\"View\",\"Version\":1}");
		return bodies;
	}

	private static JsonNode mutate(JsonNode node, Random random, int depth) {
		if (node.isObject()) {
			ObjectNode copy = NODES.objectNode();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				int roll = random.nextInt(10);
				if (roll == 0) {
					continue;
				}
				copy.set(member.getKey(),
						(roll < 4) ? randomValue(random, depth) : mutate(member.getValue(), random, depth + 1));
			}
			if (random.nextInt(5) == 0) {
				copy.set("Unknown" + random.nextInt(100), randomValue(random, depth));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = NODES.arrayNode();
			node.forEach((element) -> copy.add(mutate(element, random, depth + 1)));
			if (random.nextInt(4) == 0) {
				copy.add(randomValue(random, depth));
			}
			return copy;
		}
		return (random.nextInt(3) == 0) ? randomValue(random, depth) : node;
	}

	private static JsonNode randomValue(Random random, int depth) {
		switch (random.nextInt(depth > 4 ? 9 : 11)) {
			case 0:
				return NODES.nullNode();
			case 1:
				return NODES.booleanNode(random.nextBoolean());
			case 2:
				return NODES.numberNode(random.nextLong());
			case 3:
				return NODES.numberNode(random.nextDouble() * 1e300);
			case 4:
				return NODES.numberNode(new java.math.BigInteger(200, random));
			case 5:
				return NODES.numberNode(-random.nextInt(1000));
			case 6:
				return NODES.stringNode("x".repeat(random.nextInt(20_000)));
			case 7:
				return NODES.stringNode("\u0000\u202e\ud83d\ude00\\\"'<>" + random.nextInt());
			case 8:
				return NODES.stringNode("");
			case 9: {
				ArrayNode array = NODES.arrayNode();
				for (int i = random.nextInt(5); i > 0; i--) {
					array.add(randomValue(random, depth + 1));
				}
				return array;
			}
			default: {
				ObjectNode object = NODES.objectNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					object.set("k" + i, randomValue(random, depth + 1));
				}
				return object;
			}
		}
	}

	private static byte[] garbage(Random random) {
		byte[] bytes = new byte[random.nextInt(200)];
		random.nextBytes(bytes);
		if (bytes.length > 0 && random.nextBoolean()) {
			bytes[0] = '{';
		}
		return bytes;
	}

}
