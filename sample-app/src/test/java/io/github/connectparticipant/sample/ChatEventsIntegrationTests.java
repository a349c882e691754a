package io.github.connectparticipant.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.connectparticipant.sample.EventStream.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/chats/{chat}/events} over HTTP, read as a browser's {@code EventSource}
 * reads it, with the chat's session on the embedded emulator.
 */
@Import(CapturedSecrets.Configuration.class)
class ChatEventsIntegrationTests extends SampleAppTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	CapturedSecrets secrets;

	JsonNode chat;

	final List<EventStream> streams = new ArrayList<>();

	@BeforeEach
	void startChat() {
		this.chat = this.api.startChat("Ada");
		for (int i = 1; i <= 3; i++) {
			assertThat(this.api.postJson(link("messages"), Map.of("content", "message " + i)).status()).isEqualTo(201);
		}
	}

	@AfterEach
	void closeStreams() {
		this.streams.forEach(EventStream::close);
	}

	@Test
	void streamsTheTranscriptAsServerSentEventsWithTheTranscriptsJson() {
		EventStream stream = open(null);
		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		String agentItem = this.emulator.addMessage(contactId(), "AGENT", "Sam", "Hello Ada, Sam here");

		await().atMost(WAIT).untilAsserted(() -> assertThat(latestById(stream)).containsKey(agentItem));
		// the same JSON as the transcript's page, item for item, in the transcript's
		// order
		JsonNode page = this.api.get(link("transcript") + "?direction=FORWARD&pageSize=100").json().get("items");
		Map<String, JsonNode> transcript = new LinkedHashMap<>();
		page.valueStream().forEach((item) -> transcript.put(item.get("id").asString(), item));
		await().atMost(WAIT).untilAsserted(() -> assertThat(latestById(stream)).containsAllEntriesOf(transcript));
		assertThat(latestById(stream).keySet()).containsSubsequence(transcript.keySet());
		assertThat(stream.events("item")).allSatisfy((event) -> assertThat(event.id()).isNotBlank());
		assertThat(latestById(stream).get(agentItem).get("content").asString()).isEqualTo("Hello Ada, Sam here");
		assertThat(stream.isFinished()).isFalse();
	}

	@Test
	void endsWithAChatEndedEventAndCompletes() {
		EventStream live = open(null);
		await().atMost(WAIT).until(() -> contents(live).contains("message 3"));
		this.emulator.endChat(contactId());

		await().atMost(WAIT).until(live::isFinished);
		List<Event> events = live.events();
		Event last = events.get(events.size() - 1);
		assertThat(last.name()).isEqualTo("chat-ended");
		assertThat(last.json().get("reason").asString()).isEqualTo("CHAT_ENDED");
		assertThat(live.events("chat-ended")).hasSize(1);

		// a client that comes later gets the transcript, then the end
		EventStream late = open(null);
		await().atMost(WAIT).until(late::isFinished);
		assertThat(contents(late)).containsExactly("message 1", "message 2", "message 3");
		assertThat(late.events().get(late.events().size() - 1).name()).isEqualTo("chat-ended");
	}

	@Test
	void resumesFromTheLastEventIdTheClientSends() {
		EventStream first = open(null);
		await().atMost(WAIT).until(() -> contents(first).contains("message 3"));
		Event second = first.events("item")
			.stream()
			.filter((event) -> "message 2".equals(event.json().path("content").asString(null)))
			.findFirst()
			.orElseThrow();
		first.close();

		EventStream resumed = open(second.id());
		await().atMost(WAIT).until(() -> contents(resumed).contains("message 3"));
		// from that item on: it again (its status may have changed), nothing before it
		assertThat(resumed.events("item").get(0).id()).isEqualTo(second.id());
		assertThat(contents(resumed)).containsExactly("message 2", "message 3");

		EventStream unknown = open("not-an-item-of-this-chat");
		await().atMost(WAIT).until(() -> contents(unknown).contains("message 3"));
		assertThat(contents(unknown)).containsExactly("message 1", "message 2", "message 3");
	}

	@Test
	void unknownChatIsNotFound() {
		EventStream stream = EventStream.open(this.api.base().resolve("/api/chats/no-such-chat/events"), null);
		this.streams.add(stream);
		assertThat(stream.status()).isEqualTo(404);
		assertThat(stream.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		await().atMost(WAIT).until(stream::isFinished);
		assertThat(stream.raw()).contains("\"code\":\"UNKNOWN_CHAT\"");
	}

	@Test
	void refusesMoreStreamsPerChatThanTheLimit() {
		for (int i = 0; i < 8; i++) {
			assertThat(open(null).status()).isEqualTo(200);
		}
		EventStream refused = open(null);
		assertThat(refused.status()).isEqualTo(429);
		await().atMost(WAIT).until(refused::isFinished);
		assertThat(refused.raw()).contains("\"code\":\"TOO_MANY_STREAMS\"");
	}

	@Test
	void noTokenOrUrlReachesTheStream() {
		EventStream stream = open(null);
		this.api.upload(link("attachments"), "order.txt", "text/plain", new byte[] { 'x' });
		this.emulator.addMessage(contactId(), "AGENT", "Sam", "Got it");
		await().atMost(WAIT)
			.until(() -> contents(stream).contains("Got it") && stream.raw().contains("\"status\":\"APPROVED\""));
		this.emulator.endChat(contactId());
		await().atMost(WAIT).until(stream::isFinished);

		assertThat(this.secrets.websocketUrls).isNotEmpty();
		assertThat(this.secrets.signedUrls).isNotEmpty();
		String raw = stream.raw();
		assertThat(this.secrets.all()).allSatisfy((secret) -> assertThat(raw).doesNotContain(secret));
		assertThat(raw).doesNotContainIgnoringCase("amz-").doesNotContain("ws://").doesNotContain("wss://");
	}

	private EventStream open(String lastEventId) {
		EventStream stream = EventStream.open(this.api.base().resolve(link("events")), lastEventId);
		this.streams.add(stream);
		return stream;
	}

	private String link(String name) {
		return this.chat.get("links").get(name).asString();
	}

	private String contactId() {
		return this.chat.get("contactId").asString();
	}

	/** The last version of each item, in the order items were first sent. */
	private static Map<String, JsonNode> latestById(EventStream stream) {
		Map<String, JsonNode> items = new LinkedHashMap<>();
		for (Event event : stream.events("item")) {
			items.put(event.id(), event.json());
		}
		return items;
	}

	private static List<String> contents(EventStream stream) {
		return latestById(stream).values()
			.stream()
			.filter((item) -> "MESSAGE".equals(item.get("type").asString()))
			.map((item) -> item.get("content").asString())
			.toList();
	}

}
