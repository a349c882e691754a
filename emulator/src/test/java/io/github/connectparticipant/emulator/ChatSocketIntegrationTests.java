package io.github.connectparticipant.emulator;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionResponse;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The chat WebSocket spoken with the JDK's {@link java.net.http.WebSocket}: the URL and
 * its window, subscribe (with the iOS SDK's stray {@code )}), heartbeats and pings, the
 * {@code aws/chat} frames for every new item, several sockets per participant, the chat's
 * end, and the socket faults of the control API.
 */
class ChatSocketIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void urlIsALoopbackWebSocketUrlConnectableForItsWindow(Clients.Chat chat) {
		Instant before = Instant.now();
		CreateParticipantConnectionResponse connection = connection(chat);
		String url = connection.websocket().url();
		assertThat(url).startsWith("ws://127.0.0.1:").doesNotContain(":" + fixture.baseUri().getPort() + "/");
		assertThat(Instant.parse(connection.websocket().connectionExpiry())).isBetween(before.plusSeconds(99),
				Instant.now().plusSeconds(101));

		// reused inside the window, as ChatJS does after a failed attempt
		try (SocketClient first = SocketClient.subscribed(url); SocketClient second = SocketClient.subscribed(url)) {
			fixture.emulator().advanceClock(Duration.ofSeconds(99));
			try (SocketClient third = SocketClient.subscribed(url)) {
				assertThat(third.pollNow()).isNull();
			}
			fixture.emulator().advanceClock(Duration.ofSeconds(2));
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> SocketClient.open(url))
				.withCauseInstanceOf(WebSocketHandshakeException.class);
			// sockets opened inside the window stay open
			fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "still here");
			assertThat(first.nextItem().path("ContentType").asString()).endsWith("participant.joined");
			assertThat(second.nextItem().path("ContentType").asString()).endsWith("participant.joined");
		}
	}

	@Test
	void configuredUrlWindow() {
		fixture.emulator().updateSettings((settings) -> settings.websocketUrlExpiry(Duration.ofSeconds(10)));
		String url = fixture.websocketUrl(fixture.chat("Ada"));
		fixture.emulator().advanceClock(Duration.ofSeconds(11));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> SocketClient.open(url));
	}

	@Test
	void unknownTokenIsRefused() {
		String url = fixture.websocketUrl(fixture.chat("Ada"));
		String forged = url.substring(0, url.indexOf("AuthToken=") + 10) + "forged";
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> SocketClient.open(forged))
			.withCauseInstanceOf(WebSocketHandshakeException.class);
	}

	@Test
	void subscribeIsAnsweredAndTheIosFrameWithAStrayParenthesisToo() {
		String url = fixture.websocketUrl(fixture.chat("Ada"));
		try (SocketClient socket = SocketClient.open(url); SocketClient ios = SocketClient.open(url)) {
			socket.send(SocketClient.SUBSCRIBE);
			assertThat(socket.next()).isEqualTo(SocketClient.JSON.readTree(
					"{\"topic\":\"aws/subscribe\",\"content\":{\"status\":\"success\",\"topics\":[\"aws/chat\"]}}"));
			ios.send(SocketClient.SUBSCRIBE + ")");
			assertThat(ios.next().path("content").path("status").asString()).isEqualTo("success");

			socket.send("{\"topic\":\"aws/subscribe\",\"content\":{\"topics\":[\"aws/other\"]}}");
			JsonNode failure = socket.next();
			assertThat(failure.path("content").path("status").asString()).isEqualTo("failure");
			socket.send("not json");
			JsonNode error = socket.next();
			assertThat(error.has("topic")).isFalse();
			assertThat(error.path("message").asString()).isEqualTo("Forbidden");
			assertThat(error.path("connectionId").asString()).isNotEmpty();
		}
	}

	@Test
	void heartbeatsPingsAndProtocolPingsAreAnswered() {
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(fixture.chat("Ada")))) {
			socket.send("{\"topic\":\"aws/heartbeat\"}");
			assertThat(socket.next()).isEqualTo(SocketClient.JSON.readTree("{\"topic\":\"aws/heartbeat\"}"));
			socket.send("{\"topic\":\"aws/ping\"}");
			JsonNode ping = socket.next();
			assertThat(ping.path("topic").asString()).isEqualTo("aws/ping");
			assertThat(ping.path("statusCode").asInt()).isEqualTo(200);
			assertThat(ping.path("statusContent").asString()).isEqualTo("OK");
			socket.ping("okhttp");
			assertThat(socket.nextPong()).isEqualTo("okhttp");
		}
	}

	@Test
	void everyNewItemArrivesAsGetTranscriptRendersIt(Clients.Chat chat) {
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello Ada");
			JsonNode joined = socket.nextItem();
			JsonNode agent = socket.nextItem();
			String own = fixture.sendMessage(chat, "Hi Sam").id();
			JsonNode echoed = socket.nextItem();

			assertThat(joined.path("ContentType").asString())
				.isEqualTo("application/vnd.amazonaws.connect.event.participant.joined");
			assertThat(agent.path("Content").asString()).isEqualTo("Hello Ada");
			assertThat(echoed.path("Id").asString()).isEqualTo(own);
			assertThat(echoed.path("ParticipantRole").asString()).isEqualTo("CUSTOMER");
			for (JsonNode item : new JsonNode[] { joined, agent, echoed }) {
				assertThat(item.path("ContactId").asString()).isEqualTo(chat.contactId());
				assertThat(item.path("InitialContactId").asString()).isEqualTo(chat.contactId());
				assertThat(withoutInitialContactId(item)).isEqualTo(transcriptItem(chat, item.path("Id").asString()));
			}
		}
	}

	@Test
	void typingAndReceiptsArriveWhoeverSendsThem(Clients.Chat chat) {
		String agentMessage = fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello");
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			fixture.participant()
				.sendEvent((r) -> r.connectionToken(chat.connectionToken())
					.contentType("application/vnd.amazonaws.connect.event.typing"));
			JsonNode typing = socket.nextItem();
			assertThat(typing.path("Type").asString()).isEqualTo("EVENT");
			assertThat(typing.path("ContentType").asString())
				.isEqualTo("application/vnd.amazonaws.connect.event.typing");
			assertThat(typing.path("ParticipantRole").asString()).isEqualTo("CUSTOMER");

			fixture.participant()
				.sendEvent((r) -> r.connectionToken(chat.connectionToken())
					.contentType("application/vnd.amazonaws.connect.event.message.read")
					.content("{\"messageId\":\"" + agentMessage + "\"}"));
			JsonNode read = socket.nextItem();
			assertThat(read.path("Type").asString()).isEqualTo("MESSAGEMETADATA");
			assertThat(read.path("ContentType").asString())
				.isEqualTo("application/vnd.amazonaws.connect.event.message.metadata");
			assertThat(read.path("MessageMetadata").path("MessageId").asString()).isEqualTo(agentMessage);
			JsonNode receipt = read.path("MessageMetadata").path("Receipts").path(0);
			assertThat(receipt.path("RecipientParticipantId").asString()).isEqualTo(chat.participantId());
			assertThat(receipt.has("ReadTimestamp")).isTrue();

			String own = fixture.sendMessage(chat, "Hi").id();
			assertThat(socket.nextItem().path("Id").asString()).isEqualTo(own);
			control("POST", chat, "/typing", "{\"role\":\"AGENT\",\"displayName\":\"Sam\"}");
			JsonNode agentTyping = socket.nextItem();
			assertThat(agentTyping.path("ParticipantRole").asString()).isEqualTo("AGENT");
			assertThat(agentTyping.path("DisplayName").asString()).isEqualTo("Sam");
			control("POST", chat, "/receipts",
					"{\"role\":\"AGENT\",\"type\":\"DELIVERED\",\"messageId\":\"" + own + "\"}");
			JsonNode delivered = socket.nextItem().path("MessageMetadata");
			assertThat(delivered.path("MessageId").asString()).isEqualTo(own);
			assertThat(delivered.path("Receipts").path(0).has("DeliveredTimestamp")).isTrue();
			assertThat(delivered.path("Receipts").path(0).has("ReadTimestamp")).isFalse();
			// kept on the message, as GetTranscript shows it
			assertThat(transcriptItem(chat, own).path("MessageMetadata")
				.path("Receipts")
				.path(0)
				.path("RecipientParticipantId")
				.asString()).isEqualTo(delivered.path("Receipts").path(0).path("RecipientParticipantId").asString());
		}
	}

	@Test
	void anAttachmentArrivesAgainWithItsVerdict() {
		fixture.emulator().updateSettings((settings) -> settings.scanDelay(Duration.ofSeconds(30)));
		Clients.Chat chat = fixture.chat("Ada");
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			Uploads.Upload upload = Uploads.uploadAndComplete(fixture.participant(), chat, "note.txt", "text/plain",
					"hello".getBytes(), null, null);
			JsonNode scanning = socket.nextItem();
			assertThat(scanning.path("Type").asString()).isEqualTo("ATTACHMENT");
			assertThat(scanning.path("Attachments").path(0).path("AttachmentId").asString())
				.isEqualTo(upload.attachmentId());
			assertThat(scanning.path("Attachments").path(0).path("Status").asString()).isEqualTo("IN_PROGRESS");
			fixture.emulator().advanceClock(Duration.ofSeconds(30));
			JsonNode verdict = socket.nextItem();
			assertThat(verdict.path("Id").asString()).isEqualTo(scanning.path("Id").asString());
			assertThat(verdict.path("Attachments").path(0).path("Status").asString()).isEqualTo("APPROVED");
		}
	}

	@Test
	void overlappingSocketsOfOneParticipantEachGetEveryFrame(Clients.Chat chat) {
		SocketClient first = SocketClient.subscribed(fixture.websocketUrl(chat));
		try (SocketClient second = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "one");
			assertThat(first.nextItem().path("Content").asString()).isEqualTo("one");
			assertThat(second.nextItem().path("Content").asString()).isEqualTo("one");
			first.close();
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "two");
			assertThat(second.nextItem().path("Content").asString()).isEqualTo("two");
		}
	}

	@Test
	void aSocketThatHasNotSubscribedGetsNoItems(Clients.Chat chat) {
		try (SocketClient socket = SocketClient.open(fixture.websocketUrl(chat))) {
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "before");
			socket.send(SocketClient.SUBSCRIBE);
			assertThat(socket.next().path("topic").asString()).isEqualTo("aws/subscribe");
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "after");
			assertThat(socket.nextItem().path("Content").asString()).isEqualTo("after");
		}
	}

	@Test
	void theChatsEndArrivesThenTheSocketIsClosed(Clients.Chat chat) {
		String url = fixture.websocketUrl(chat);
		try (SocketClient socket = SocketClient.subscribed(url)) {
			fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Bye");
			socket.nextItem();
			socket.nextItem();
			control("POST", chat, "/leave", "{\"role\":\"AGENT\"}");
			assertThat(socket.nextItem().path("ContentType").asString())
				.isEqualTo("application/vnd.amazonaws.connect.event.participant.left");
			fixture.emulator().endChat(chat.contactId());
			JsonNode ended = socket.nextItem();
			assertThat(ended.path("Type").asString()).isEqualTo("EVENT");
			assertThat(ended.path("ContentType").asString())
				.isEqualTo("application/vnd.amazonaws.connect.event.chat.ended");
			assertThat(ended.path("InitialContactId").asString()).isEqualTo(chat.contactId());
			assertThat(socket.closeCode()).isEqualTo(1000);
		}
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> SocketClient.open(url));
	}

	@Test
	void controlApiClosesEverySocketOfAContactWithACodeOrAbruptly(Clients.Chat chat) {
		try (SocketClient first = SocketClient.subscribed(fixture.websocketUrl(chat));
				SocketClient second = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			JsonNode answer = control("POST", chat, "/sockets/close", "{\"code\":1001}");
			assertThat(answer.path("closed").asInt()).isEqualTo(2);
			assertThat(first.closeCode()).isEqualTo(1001);
			assertThat(second.closeCode()).isEqualTo(1001);
		}
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			control("POST", chat, "/sockets/close", "{\"abrupt\":true}");
			assertThat(socket.closeCode()).as("no close frame").isIn(-1, 1006);
		}
	}

	@Test
	void javaApiCountsSubscribedSocketsAndClosesThem(Clients.Chat chat) {
		try (SocketClient idle = SocketClient.open(fixture.websocketUrl(chat));
				SocketClient subscribed = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			assertThat(fixture.emulator().subscribedSockets(chat.contactId())).isEqualTo(1);
			assertThat(fixture.emulator().closeSockets(chat.contactId(), 4000)).isEqualTo(2);
			assertThat(subscribed.closeCode()).isEqualTo(4000);
			assertThat(idle.closeCode()).isEqualTo(4000);
			assertThat(fixture.emulator().subscribedSockets(chat.contactId())).isZero();
		}
	}

	@Test
	void unresponsiveSocketsLeaveHeartbeatsAndPingsUnanswered(Clients.Chat chat) {
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			control("PUT", chat, "/sockets/faults", "{\"unresponsiveMillis\":600000}");
			socket.send("{\"topic\":\"aws/heartbeat\"}");
			socket.send("{\"topic\":\"aws/ping\"}");
			socket.ping("unanswered");
			// the fault does not silence a subscription's answer, and the emulator reads
			// a socket's frames in order: once it answers, the three above were read
			socket.send(SocketClient.SUBSCRIBE);
			assertThat(socket.next().path("topic").asString()).isEqualTo("aws/subscribe");
			// items still arrive: only the liveness answers stop
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "pushed");
			assertThat(socket.nextItem().path("Content").asString()).isEqualTo("pushed");
			control("DELETE", chat, "/sockets/faults", null);
			socket.ping("answered");
			assertThat(socket.nextPong()).isEqualTo("answered");
			socket.send("{\"topic\":\"aws/ping\"}");
			// had the earlier heartbeat or ping been answered, its answer would come
			// first
			assertThat(socket.next().path("topic").asString()).isEqualTo("aws/ping");
			assertThat(socket.pollNow()).isNull();
		}
	}

	@Test
	void delayedFramesArriveLateAndInOrder(Clients.Chat chat) {
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			control("PUT", chat, "/sockets/faults", "{\"delayMillis\":3000}");
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "one");
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "two");
			assertThat(socket.pollNow()).as("nothing before the delay").isNull();
			assertThat(socket.nextItem().path("Content").asString()).isEqualTo("one");
			assertThat(socket.nextItem().path("Content").asString()).isEqualTo("two");
		}
	}

	@Test
	void contactStateShowsTheSocketsAndTheirFrames(Clients.Chat chat) {
		try (SocketClient subscribed = SocketClient.subscribed(fixture.websocketUrl(chat));
				SocketClient idle = SocketClient.open(fixture.websocketUrl(chat))) {
			fixture.emulator().addMessage(chat.contactId(), "SYSTEM", null, "seen");
			subscribed.nextItem();
			JsonNode sockets = EmulatorHttp.contactState(fixture.baseUri(), chat.contactId()).path("sockets");
			assertThat(sockets).hasSize(2);
			JsonNode first = sockets.path(0);
			assertThat(first.path("subscribed").asBoolean()).isTrue();
			assertThat(first.path("open").asBoolean()).isTrue();
			assertThat(first.path("role").asString()).isEqualTo("CUSTOMER");
			assertThat(first.path("participantId").asString()).isEqualTo(chat.participantId());
			assertThat(first.has("subscribedAt")).isTrue();
			assertThat(first.path("framesSent").asInt()).isEqualTo(2);
			assertThat(first.path("frames").path(0).path("topic").asString()).isEqualTo("aws/subscribe");
			assertThat(first.path("frames").path(1).path("topic").asString()).isEqualTo("aws/chat");
			assertThat(sockets.path(1).path("subscribed").asBoolean()).isFalse();
			assertThat(sockets.path(1).path("framesSent").asInt()).isZero();
			assertThat(sockets.toString()).doesNotContain("AuthToken");
		}
	}

	@Test
	void theUrlShowsInTheEmulatorsLogAtTraceOnly() {
		List<LogRecord> records = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		Logger root = Logger.getLogger("");
		Level level = root.getLevel();
		root.setLevel(Level.ALL);
		root.addHandler(handler);
		Clients.Chat chat = fixture.chat("Ada");
		String url = fixture.websocketUrl(chat);
		try (SocketClient socket = SocketClient.subscribed(url)) {
			socket.send("not json");
			socket.next();
			control("POST", chat, "/sockets/close", "{\"abrupt\":true}");
			// the emulator logs a close as it closes, before its control call answers:
			// what the test's client makes of it does not matter here
			assertThat(fixture.emulator().subscribedSockets(chat.contactId())).isZero();
			fixture.emulator().advanceClock(Duration.ofSeconds(101));
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> SocketClient.open(url));
			fixture.emulator().endChat(chat.contactId());
		}
		finally {
			root.removeHandler(handler);
			root.setLevel(level);
		}
		String token = url.substring(url.indexOf("AuthToken=") + 10);
		// the JDK's WebSocket client logs its request URI at its finest levels: that
		// client is
		// the test's; System.Logger's TRACE is JUL's FINER
		List<LogRecord> emulators = records.stream()
			.filter((record) -> String.valueOf(record.getLoggerName()).startsWith("io.github.connectparticipant"))
			.toList();
		assertThat(emulators).as("the emulator's DEBUG lines on the socket's life")
			.anySatisfy((record) -> assertThat(record.getLevel()).isEqualTo(Level.FINE));
		assertThat(emulators)
			.filteredOn((record) -> (record.getMessage() + Arrays.toString(record.getParameters()) + record.getThrown())
				.contains(token))
			.as("the URL only at TRACE")
			.isNotEmpty()
			.allSatisfy((record) -> assertThat(record.getLevel()).isEqualTo(Level.FINER));
	}

	@Test
	void badControlRequestsAreRefused(Clients.Chat chat) {
		assertThat(controlResponse("PUT", chat, "/sockets/faults", "{\"delayMillis\":-1}").statusCode()).isEqualTo(400);
		assertThat(controlResponse("POST", chat, "/sockets/close", "{\"code\":\"x\"}").statusCode()).isEqualTo(400);
		assertThat(controlResponse("GET", chat, "/typing", null).statusCode()).isEqualTo(405);
		assertThat(controlResponse("POST", chat, "/typing", "{}").statusCode()).isEqualTo(400);
		assertThat(
				controlResponse("POST", chat, "/receipts", "{\"role\":\"AGENT\",\"type\":\"READ\",\"messageId\":\"x\"}")
					.statusCode())
			.isEqualTo(400);
		assertThat(EmulatorHttp
			.control(fixture.baseUri(), "POST", "/_emulator/contacts/nope/typing", "{\"role\":\"AGENT\"}")
			.statusCode()).isEqualTo(404);
	}

	// ---------------------------------------------------------------- helpers

	private CreateParticipantConnectionResponse connection(Clients.Chat chat) {
		return fixture.participant()
			.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
				.type(ConnectionType.WEBSOCKET, ConnectionType.CONNECTION_CREDENTIALS));
	}

	/** The item as GetTranscript puts it on the wire. */
	private JsonNode transcriptItem(Clients.Chat chat, String id) {
		HttpResponse<String> response = EmulatorHttp
			.send(HttpRequest.newBuilder(fixture.baseUri().resolve("/participant/transcript"))
				.header("X-Amz-Bearer", chat.connectionToken())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"MaxResults\":100}"))
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		for (JsonNode item : EmulatorHttp.json(response).path("Transcript")) {
			if (item.path("Id").asString().equals(id)) {
				return item;
			}
		}
		throw new AssertionError("No item " + id + " in the transcript");
	}

	private static JsonNode withoutInitialContactId(JsonNode item) {
		tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) item).deepCopy();
		copy.remove("InitialContactId");
		return copy;
	}

	private static JsonNode control(String method, Clients.Chat chat, String path, String body) {
		HttpResponse<String> response = controlResponse(method, chat, path, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return EmulatorHttp.json(response);
	}

	private static HttpResponse<String> controlResponse(String method, Clients.Chat chat, String path, String body) {
		return EmulatorHttp.control(fixture.baseUri(), method, "/_emulator/contacts/" + chat.contactId() + path, body);
	}

}
