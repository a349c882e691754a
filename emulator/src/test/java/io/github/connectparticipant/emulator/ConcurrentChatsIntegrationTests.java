package io.github.connectparticipant.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mixed operations from many threads on several chats at once: every request is counted
 * exactly, and every chat holds exactly the items sent to it, each with its own id.
 */
class ConcurrentChatsIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void concurrentMixedOperationsOnSeveralChatsKeepExactCounts() throws Exception {
		int threads = 32;
		int perThread = 50;
		int chats = 8;
		ConnectParticipantClient shared = Clients.participant(fixture.baseUri(),
				(http) -> http.maxConnections(threads));
		try (shared) {
			List<Clients.Chat> all = new ArrayList<>();
			for (int i = 0; i < chats; i++) {
				all.add(Clients.chat(fixture.connect(), shared, "Customer " + i));
			}
			long transcriptsBefore = fixture.emulator().requestCount("GetTranscript");
			long connectionsBefore = fixture.emulator().requestCount("CreateParticipantConnection");
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
			Concurrently.run(threads, Duration.ofSeconds(45), (thread) -> {
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
							assertThat(shared
								.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(100))
								.transcript()).isNotEmpty();
							transcripts.incrementAndGet();
						}
						case 3 -> {
							shared.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
								.type(ConnectionType.CONNECTION_CREDENTIALS));
							connections.incrementAndGet();
						}
						default -> {
							HttpResponse<String> added = fixture.control("POST",
									"/_emulator/contacts/" + chat.contactId() + "/messages",
									"{\"role\":\"AGENT\",\"displayName\":\"Agent\",\"content\":\"" + text + "\"}");
							assertThat(added.statusCode()).isEqualTo(200);
							agentMessages[c].incrementAndGet();
						}
					}
				}
			});
			assertThat(sends.get() + events.get() + transcripts.get() + connections.get()
					+ java.util.Arrays.stream(agentMessages).mapToLong(AtomicLong::get).sum())
				.isEqualTo((long) threads * perThread);
			assertThat(fixture.emulator().requestCount("SendMessage")).isEqualTo(sends.get());
			assertThat(fixture.emulator().requestCount("SendEvent")).isEqualTo(events.get());
			assertThat(fixture.emulator().requestCount("GetTranscript") - transcriptsBefore)
				.isEqualTo(transcripts.get());
			assertThat(fixture.emulator().requestCount("CreateParticipantConnection") - connectionsBefore)
				.isEqualTo(connections.get());
			for (int c = 0; c < chats; c++) {
				Clients.Chat chat = all.get(c);
				JsonNode state = fixture.contactState(chat.contactId());
				long agentJoined = (agentMessages[c].get() > 0) ? 1 : 0;
				assertThat(state.get("items").size()).as("items of chat " + c)
					.isEqualTo(1 + customerMessages[c].get() + agentMessages[c].get() + agentJoined);
				assertThat(fixture.emulator().requestCount(chat.contactId(), "SendMessage"))
					.isEqualTo(customerMessages[c].get());
				long ids = java.util.stream.StreamSupport.stream(state.get("items").spliterator(), false)
					.map((item) -> item.get("Id").asString())
					.distinct()
					.count();
				assertThat(ids).isEqualTo(state.get("items").size());
			}
		}
	}

}
