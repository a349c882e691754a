package io.github.connectparticipant.sample.transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.sample.SampleApi.Response;
import io.github.connectparticipant.sample.SampleAppTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/chats/{chat}/transcript} and {@code GET
 * /api/chats/{chat}/transcript/export} over HTTP, through the embedded emulator.
 */
class TranscriptApiIntegrationTests extends SampleAppTestSupport {

	private static final JsonMapper json = JsonMapper.builder().build();

	JsonNode chat;

	@BeforeEach
	void startChatWithMessages() {
		this.chat = this.api.startChat("Ada");
		String messages = this.chat.get("links").get("messages").asString();
		for (int i = 1; i <= 5; i++) {
			assertThat(this.api.postJson(messages, Map.of("content", "message " + i)).status()).isEqualTo(201);
		}
		this.emulator.addMessage(contactId(), "AGENT", "Sam", "Hello Ada, Sam here");
		this.api.upload(this.chat.get("links").get("attachments").asString(), "order.txt", "text/plain",
				new byte[] { 'x' });
	}

	@AfterEach
	void clearFaults() {
		this.emulator.clearFaults();
	}

	private String transcript() {
		return this.chat.get("links").get("transcript").asString();
	}

	private String contactId() {
		return this.chat.get("contactId").asString();
	}

	private static List<String> contents(JsonNode items) {
		return items.valueStream()
			.filter((item) -> "MESSAGE".equals(item.get("type").asString()))
			.map((item) -> item.get("content").asString())
			.toList();
	}

	@Test
	void readsTheNewestItemsFirstByDefault() {
		Response response = this.api.get(transcript());
		assertThat(response.status()).isEqualTo(200);
		JsonNode items = response.json().get("items");
		assertThat(contents(items)).containsExactly("Hello Ada, Sam here", "message 5", "message 4", "message 3",
				"message 2", "message 1");
		JsonNode agent = items.valueStream()
			.filter((item) -> "Sam".equals(item.get("displayName").asString())
					&& "MESSAGE".equals(item.get("type").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(agent.get("role").asString()).isEqualTo("AGENT");
		JsonNode attachment = items.valueStream()
			.filter((item) -> "ATTACHMENT".equals(item.get("type").asString()))
			.findFirst()
			.orElseThrow()
			.get("attachments")
			.get(0);
		assertThat(attachment.get("name").asString()).isEqualTo("order.txt");
		assertThat(attachment.get("status").asString()).isEqualTo("APPROVED");
		assertThat(attachment.get("href").asString())
			.isEqualTo(this.chat.get("links").get("attachments").asString() + "/" + attachment.get("id").asString());
	}

	@Test
	void pagesForwardWithNextTokens() {
		List<String> messages = new ArrayList<>();
		String nextToken = null;
		int pages = 0;
		do {
			String query = "?direction=FORWARD&pageSize=3" + ((nextToken != null) ? "&nextToken=" + nextToken : "");
			Response response = this.api.get(transcript() + query);
			assertThat(response.status()).as(response.text()).isEqualTo(200);
			JsonNode page = response.json();
			assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
			messages.addAll(contents(page.get("items")));
			nextToken = page.get("nextToken").isNull() ? null : page.get("nextToken").asString();
			pages++;
		}
		while (nextToken != null && pages < 10);
		assertThat(messages).containsExactly("message 1", "message 2", "message 3", "message 4", "message 5",
				"Hello Ada, Sam here");
		assertThat(pages).isGreaterThan(1);
	}

	@Test
	void sortsAPageAsAsked() {
		// the five newest: message 4, message 5, Sam joining, Sam's message, the
		// attachment
		JsonNode items = this.api.get(transcript() + "?direction=BACKWARD&sortOrder=ASCENDING&pageSize=5")
			.json()
			.get("items");
		assertThat(items.size()).isEqualTo(5);
		assertThat(contents(items)).containsExactly("message 4", "message 5", "Hello Ada, Sam here");
		assertThat(items.get(4).get("type").asString()).isEqualTo("ATTACHMENT");
	}

	@Test
	void pageSizeOutOfRangeIs400() {
		this.api.get(transcript() + "?pageSize=0").problem(400, "INVALID_INPUT");
		this.api.get(transcript() + "?pageSize=101").problem(400, "INVALID_INPUT");
		this.api.get(transcript() + "?pageSize=many").problem(400, "BAD_REQUEST");
	}

	@Test
	void unknownDirectionIs400() {
		this.api.get(transcript() + "?direction=SIDEWAYS").problem(400, "BAD_REQUEST");
	}

	@Test
	void nextTokenFromAnotherQueryIs400() {
		String nextToken = this.api.get(transcript() + "?pageSize=2").json().get("nextToken").asString();
		JsonNode problem = this.api.get(transcript() + "?direction=FORWARD&pageSize=2&nextToken=" + nextToken)
			.problem(400, "INVALID_REQUEST");
		assertThat(problem.get("operation").asString()).isEqualTo("GetTranscript");
		this.api.get(transcript() + "?nextToken=" + "x".repeat(1001)).problem(400, "INVALID_INPUT");
	}

	@Test
	void unknownChatIs404() {
		this.api.get("/api/chats/unknown/transcript").problem(404, "UNKNOWN_CHAT");
		this.api.get("/api/chats/unknown/transcript/export").problem(404, "UNKNOWN_CHAT");
	}

	/**
	 * The service throttling or failing on every attempt: the page and the export are
	 * answered with a problem detail that asks the client to come back.
	 */
	@ParameterizedTest(name = "{0}: {1} {2}")
	@CsvSource({ "THROTTLE, 429, THROTTLED, ThrottlingException",
			"SERVER_ERROR, 503, SERVICE_UNAVAILABLE, InternalServerException" })
	void serviceFailingOnEveryAttemptIsAnsweredAfterRetries(String fault, int status, String code, String errorCode) {
		this.emulator.setFaults(7, List.of(FaultRule.always("GetTranscript", fault)));
		Response response = this.api.get(transcript());
		JsonNode problem = response.problem(status, code);
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(problem.get("operation").asString()).isEqualTo("GetTranscript");
		assertThat(problem.get("errorCode").asString()).isEqualTo(errorCode);
		assertThat(problem.get("attempts").asInt()).isEqualTo(4);
		Response export = this.api.get(this.chat.get("links").get("export").asString());
		export.problem(status, code);
		assertThat(export.header("Retry-After")).isEqualTo("1");
	}

	@Test
	void transcriptOfAnEndedChatCanStillBeRead() {
		this.emulator.endChat(contactId());
		Response response = this.api.get(transcript());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("items").get(0).get("type").asString()).isEqualTo("EVENT");
	}

	@Test
	void exportsTheWholeTranscriptAsJsonLines() {
		// more items than one export page holds
		String messages = this.chat.get("links").get("messages").asString();
		for (int i = 6; i <= 105; i++) {
			this.api.postJson(messages, Map.of("content", "message " + i));
		}
		Response response = this.api.get(this.chat.get("links").get("export").asString());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("application/x-ndjson");
		assertThat(response.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"transcript-" + contactId() + ".jsonl\"");
		String[] lines = response.text().split("\n");
		List<JsonNode> items = Arrays.stream(lines).map(json::readTree).toList();
		assertThat(items).hasSizeGreaterThan(100);
		assertThat(items.get(0).get("contentType").asString()).endsWith("participant.joined");
		List<String> contents = items.stream()
			.filter((item) -> "MESSAGE".equals(item.get("type").asString()))
			.map((item) -> item.get("content").asString())
			.toList();
		assertThat(contents).hasSize(106).startsWith("message 1", "message 2").endsWith("message 104", "message 105");
		assertThat(items.stream().map((item) -> item.get("id").asString()).distinct()).hasSize(items.size());
		assertThat(response.text()).endsWith("\n");
	}

}
