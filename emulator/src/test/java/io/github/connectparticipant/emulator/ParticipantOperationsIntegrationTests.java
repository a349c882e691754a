package io.github.connectparticipant.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connect.model.StartChatContactResponse;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ChatItemType;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionResponse;
import software.amazon.awssdk.services.connectparticipant.model.DescribeViewResponse;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ParticipantRole;
import software.amazon.awssdk.services.connectparticipant.model.Receipt;
import software.amazon.awssdk.services.connectparticipant.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connectparticipant.model.ScanDirection;
import software.amazon.awssdk.services.connectparticipant.model.SendEventResponse;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartPosition;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;
import tools.jackson.databind.JsonNode;

import static io.github.connectparticipant.emulator.ChatEvents.DELIVERED;
import static io.github.connectparticipant.emulator.ChatEvents.ENDED;
import static io.github.connectparticipant.emulator.ChatEvents.JOINED;
import static io.github.connectparticipant.emulator.ChatEvents.LEFT;
import static io.github.connectparticipant.emulator.ChatEvents.READ;
import static io.github.connectparticipant.emulator.ChatEvents.TYPING;
import static io.github.connectparticipant.emulator.EmulatorHttp.assertIsoMillis;
import static io.github.connectparticipant.emulator.EmulatorHttp.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Every Participant Service operation through the real AWS SDK client over HTTP: what
 * each answers, what each writes into the transcript, and the input each refuses.
 */
class ParticipantOperationsIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	// ------------------------------------------------------------
	// CreateParticipantConnection

	@Test
	void createParticipantConnectionReturnsCredentialsForADayAndAWebsocketUrlFor100Seconds() {
		StartChatContactResponse started = fixture.startChat("Ada", null);
		Instant before = Instant.now();
		CreateParticipantConnectionResponse connection = fixture.participant()
			.createParticipantConnection((r) -> r.participantToken(started.participantToken())
				.type(ConnectionType.WEBSOCKET, ConnectionType.CONNECTION_CREDENTIALS));

		assertThat(connection.connectionCredentials().connectionToken()).isNotBlank()
			.isNotEqualTo(started.participantToken());
		Instant expiry = Instant.parse(connection.connectionCredentials().expiry());
		assertThat(expiry).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(60),
				Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
		assertThat(connection.websocket().url()).isNotBlank();
		assertThat(Instant.parse(connection.websocket().connectionExpiry())).isCloseTo(before.plusSeconds(100),
				within(Duration.ofSeconds(60)));

		// the ConnectionToken works
		GetTranscriptResponse transcript = fixture.participant()
			.getTranscript((r) -> r.connectionToken(connection.connectionCredentials().connectionToken()));
		assertThat(transcript.initialContactId()).isEqualTo(started.contactId());

		// WEBSOCKET alone gives no ConnectionToken
		CreateParticipantConnectionResponse websocketOnly = fixture.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(started.participantToken()).type(ConnectionType.WEBSOCKET));
		assertThat(websocketOnly.websocket().url()).isNotBlank();
		assertThat(websocketOnly.connectionCredentials()).isNull();
	}

	@Test
	void createParticipantConnectionWithAnUnknownParticipantTokenIsDenied() {
		AccessDeniedException denied = Clients.thrownBy(AccessDeniedException.class,
				() -> fixture.participant()
					.createParticipantConnection(
							(r) -> r.participantToken("no-such-token").type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
	}

	// ------------------------------------------------------------ DisconnectParticipant

	@Test
	void disconnectParticipantWritesLeftAndEndedEventsAndRefusesTheTokenAfterwards(Clients.Chat chat) {
		fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello Ada");

		fixture.participant().disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()));

		JsonNode state = fixture.contactState(chat.contactId());
		assertThat(state.get("ended").asBoolean()).isTrue();
		List<JsonNode> items = list(state.get("items"));
		JsonNode customerLeft = items.get(items.size() - 3);
		assertThat(customerLeft.get("ContentType").asString()).isEqualTo(LEFT);
		assertThat(customerLeft.get("Type").asString()).isEqualTo("EVENT");
		assertThat(customerLeft.get("ParticipantId").asString()).isEqualTo(chat.participantId());
		assertThat(customerLeft.get("ParticipantRole").asString()).isEqualTo("CUSTOMER");
		JsonNode agentLeft = items.get(items.size() - 2);
		assertThat(agentLeft.get("ContentType").asString()).isEqualTo(LEFT);
		assertThat(agentLeft.get("ParticipantRole").asString()).isEqualTo("AGENT");
		JsonNode ended = items.get(items.size() - 1);
		assertThat(ended.get("ContentType").asString()).isEqualTo(ENDED);
		assertThat(ended.get("Type").asString()).isEqualTo("EVENT");

		// the disconnected participant's token is refused for reads and writes
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.sendMessage(chat, "hi"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(
				() -> fixture.participant().disconnectParticipant((r) -> r.connectionToken(chat.connectionToken())));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS)));
	}

	// ------------------------------------------------------------ SendMessage

	@Test
	void sendMessageAcceptsEachAllowedContentType(Clients.Chat chat) {
		Map<String, String> contents = Map.of("text/plain", "plain text", "text/markdown", "**bold**",
				"application/json", "{\"a\":1}", "application/vnd.amazonaws.connect.message.interactive.response",
				"{\"templateIdentifier\":\"t\",\"data\":{}}");
		List<String> ids = new ArrayList<>();
		for (Map.Entry<String, String> entry : contents.entrySet()) {
			SendMessageResponse sent = fixture.participant()
				.sendMessage((r) -> r.connectionToken(chat.connectionToken())
					.contentType(entry.getKey())
					.content(entry.getValue()));
			assertThat(sent.id()).isNotBlank();
			assertIsoMillis(sent.absoluteTime());
			ids.add(sent.id());
		}
		// the longest allowed plain text message
		fixture.participant()
			.sendMessage((r) -> r.connectionToken(chat.connectionToken())
				.contentType("text/plain")
				.content("x".repeat(1024)));

		List<Item> transcript = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(100))
			.transcript();
		for (Map.Entry<String, String> entry : contents.entrySet()) {
			assertThat(transcript).anySatisfy((item) -> {
				assertThat(item.type()).isEqualTo(ChatItemType.MESSAGE);
				assertThat(item.contentType()).isEqualTo(entry.getKey());
				assertThat(item.content()).isEqualTo(entry.getValue());
				assertThat(item.participantId()).isEqualTo(chat.participantId());
				assertThat(item.participantRole()).isEqualTo(ParticipantRole.CUSTOMER);
				assertThat(item.displayName()).isEqualTo("Ada");
				assertThat(ids).contains(item.id());
			});
		}
	}

	@Test
	void sendMessageRefusesADisallowedContentTypeAndOverLongContent(Clients.Chat chat) {
		int before = fixture.itemCount(chat.contactId());
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.sendMessage(
						(r) -> r.connectionToken(chat.connectionToken()).contentType("text/html").content("<b>hi</b>")))
			.withMessageContaining("ContentType");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.sendMessage((r) -> r.connectionToken(chat.connectionToken())
					.contentType("text/plain")
					.content("x".repeat(1025))))
			.withMessageContaining("1024");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> fixture.participant()
			.sendMessage((r) -> r.connectionToken(chat.connectionToken())
				.contentType("application/json")
				.content("\"" + "x".repeat(12000) + "\"")));
		// over the model's maximum for any type
		ValidationException tooLong = Clients.thrownBy(ValidationException.class,
				() -> fixture.participant()
					.sendMessage((r) -> r.connectionToken(chat.connectionToken())
						.contentType("text/plain")
						.content("x".repeat(16385))));
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.getMessage()).contains("Content");
		assertThat(fixture.itemCount(chat.contactId())).isEqualTo(before);
	}

	// ------------------------------------------------------------ SendEvent

	@Test
	void sendEventAcceptsTypingAndRecordsReceiptsOnTheMessage(Clients.Chat chat) {
		SendEventResponse typing = fixture.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(TYPING));
		assertThat(typing.id()).isNotBlank();
		assertIsoMillis(typing.absoluteTime());

		String messageId = fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello Ada");
		String receiptContent = "{\"messageId\":\"" + messageId + "\"}";
		fixture.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(DELIVERED).content(receiptContent));
		fixture.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(READ).content(receiptContent));

		Item message = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()))
			.transcript()
			.stream()
			.filter((i) -> i.id().equals(messageId))
			.findFirst()
			.orElseThrow();
		assertThat(message.messageMetadata().messageId()).isEqualTo(messageId);
		assertThat(message.messageMetadata().receipts()).singleElement().satisfies((Receipt receipt) -> {
			assertThat(receipt.recipientParticipantId()).isEqualTo(chat.participantId());
			assertIsoMillis(receipt.deliveredTimestamp());
			assertIsoMillis(receipt.readTimestamp());
		});
	}

	@Test
	void sendEventRefusesABadContentTypeAndAReceiptForAnUnknownMessage(Clients.Chat chat) {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content("x")))
			.withMessageContaining("ContentType");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> fixture.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken())
				.contentType(READ)
				.content("{\"messageId\":\"nope\"}")));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> fixture.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(DELIVERED).content("not json")));
	}

	// ------------------------------------------------------------ GetTranscript

	@Test
	void getTranscriptShowsTheJoinedEvent(Clients.Chat chat) {
		GetTranscriptResponse transcript = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()));
		assertThat(transcript.initialContactId()).isEqualTo(chat.contactId());
		assertThat(transcript.nextToken()).isNull();
		assertThat(transcript.transcript()).singleElement().satisfies((item) -> {
			assertThat(item.type()).isEqualTo(ChatItemType.EVENT);
			assertThat(item.contentType()).isEqualTo(JOINED);
			assertThat(item.participantId()).isEqualTo(chat.participantId());
			assertThat(item.participantRole()).isEqualTo(ParticipantRole.CUSTOMER);
			assertThat(item.displayName()).isEqualTo("Ada");
			assertThat(item.id()).isNotBlank();
			assertIsoMillis(item.absoluteTime());
		});
	}

	@Test
	void getTranscriptRefusesBadQueries(Clients.Chat chat) {
		Clients.Chat other = fixture.chat("Bea");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken()).contactId(other.contactId())))
			.withMessageContaining("ContactId");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken()).scanDirection(ScanDirection.FORWARD)))
			.withMessageContaining("FORWARD");
		String firstId = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()))
			.transcript()
			.get(0)
			.id();
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken())
					.startPosition(StartPosition.builder().id(firstId).mostRecent(0).build())))
			.withMessageContaining("StartPosition");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(101)))
			.withMessageContaining("MaxResults");
		// the same queries within bounds are answered
		assertThat(fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken())
				.contactId(chat.contactId())
				.maxResults(100)
				.scanDirection(ScanDirection.FORWARD)
				.startPosition(StartPosition.builder().id(firstId).build()))
			.transcript()).hasSize(1);
	}

	// ------------------------------------------------------------ GetAttachment

	@Test
	void getAttachmentHonoursUrlExpiryInSecondsBetween5And300(Clients.Chat chat) {
		String attachmentId = fixture.uploadAndComplete(chat, "a.txt", "hello".getBytes(StandardCharsets.UTF_8));
		for (int seconds : new int[] { 5, 300 }) {
			Instant before = Instant.now();
			GetAttachmentResponse attachment = fixture.participant()
				.getAttachment((r) -> r.connectionToken(chat.connectionToken())
					.attachmentId(attachmentId)
					.urlExpiryInSeconds(seconds));
			assertThat(attachment.attachmentSizeInBytes()).isEqualTo(5);
			assertThat(attachment.url()).startsWith(fixture.baseUri().toString());
			assertThat(Instant.parse(attachment.urlExpiry())).isBetween(before.plusSeconds(seconds).minusSeconds(2),
					Instant.now().plusSeconds(seconds).plusSeconds(2));
		}
		for (int seconds : new int[] { 4, 301 }) {
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> fixture.participant()
					.getAttachment((r) -> r.connectionToken(chat.connectionToken())
						.attachmentId(attachmentId)
						.urlExpiryInSeconds(seconds)))
				.withMessageContaining("UrlExpiryInSeconds");
		}
	}

	// ------------------------------------------------------------ DescribeView

	@Test
	void describeViewReturnsAViewRegisteredThroughTheControlApi(Clients.Chat chat) {
		String view = """
				{"Id": "view-1", "Arn": "arn:aws:connect:us-east-1:123456789012:instance/i-1/view/view-1",
				 "Name": "Survey", "Version": 3,
				 "Content": {"InputSchema": "{\\"type\\":\\"object\\"}", "Template": "{\\"Head\\":{}}",
				             "Actions": ["Submit", "Cancel"]}}""";
		assertThat(fixture.control("PUT", "/_emulator/views/view-token-1", view).statusCode()).isEqualTo(200);

		DescribeViewResponse described = fixture.participant()
			.describeView((r) -> r.connectionToken(chat.connectionToken()).viewToken("view-token-1"));
		assertThat(described.view().id()).isEqualTo("view-1");
		assertThat(described.view().arn()).isEqualTo("arn:aws:connect:us-east-1:123456789012:instance/i-1/view/view-1");
		assertThat(described.view().name()).isEqualTo("Survey");
		assertThat(described.view().version()).isEqualTo(3);
		assertThat(described.view().content().inputSchema()).isEqualTo("{\"type\":\"object\"}");
		assertThat(described.view().content().template()).isEqualTo("{\"Head\":{}}");
		assertThat(described.view().content().actions()).containsExactly("Submit", "Cancel");

		ResourceNotFoundException notFound = Clients.thrownBy(ResourceNotFoundException.class,
				() -> fixture.participant()
					.describeView((r) -> r.connectionToken(chat.connectionToken()).viewToken("nope")));
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
	}

	// ------------------------------------------------------------ authentication

	@Test
	void getAuthenticationUrlAndCancelParticipantAuthenticationTakeA36CharacterSessionId(Clients.Chat chat) {
		String sessionId = UUID.randomUUID().toString();
		assertThat(sessionId).hasSize(36);
		String url = fixture.participant()
			.getAuthenticationUrl((r) -> r.connectionToken(chat.connectionToken())
				.sessionId(sessionId)
				.redirectUri("https://example.com/callback"))
			.authenticationUrl();
		assertThat(url).isNotBlank().contains(sessionId);
		fixture.participant()
			.cancelParticipantAuthentication((r) -> r.connectionToken(chat.connectionToken()).sessionId(sessionId));

		for (String bad : new String[] { sessionId.substring(1), sessionId + "0" }) {
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> fixture.participant()
					.getAuthenticationUrl((r) -> r.connectionToken(chat.connectionToken())
						.sessionId(bad)
						.redirectUri("https://example.com/callback")))
				.withMessageContaining("SessionId");
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> fixture.participant()
					.cancelParticipantAuthentication((r) -> r.connectionToken(chat.connectionToken()).sessionId(bad)))
				.withMessageContaining("SessionId");
		}
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.getAuthenticationUrl((r) -> r.connectionToken("unknown")
				.sessionId(sessionId)
				.redirectUri("https://example.com/callback")));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.cancelParticipantAuthentication((r) -> r.connectionToken("unknown").sessionId(sessionId)));
	}

}
