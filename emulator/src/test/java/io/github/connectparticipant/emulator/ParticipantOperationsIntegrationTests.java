package io.github.connectparticipant.emulator;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.StartChatContactResponse;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ChatItemType;
import software.amazon.awssdk.services.connectparticipant.model.ConflictException;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionResponse;
import software.amazon.awssdk.services.connectparticipant.model.DescribeViewResponse;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptResponse;
import software.amazon.awssdk.services.connectparticipant.model.InternalServerException;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ParticipantRole;
import software.amazon.awssdk.services.connectparticipant.model.Receipt;
import software.amazon.awssdk.services.connectparticipant.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connectparticipant.model.ScanDirection;
import software.amazon.awssdk.services.connectparticipant.model.SendEventResponse;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartPosition;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;
import tools.jackson.databind.JsonNode;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Every Participant Service operation, and Amazon Connect's StartChatContact and
 * StopContact, through the real AWS SDK clients over HTTP, including each modeled error
 * arriving as its own SDK exception class and idempotent replays by ClientToken.
 */
class ParticipantOperationsIntegrationTests {

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	private static final String JOINED = "application/vnd.amazonaws.connect.event.participant.joined";

	private static final String LEFT = "application/vnd.amazonaws.connect.event.participant.left";

	private static final String ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

	private static final String TYPING = "application/vnd.amazonaws.connect.event.typing";

	private static final String DELIVERED = "application/vnd.amazonaws.connect.event.message.delivered";

	private static final String READ = "application/vnd.amazonaws.connect.event.message.read";

	@RegisterExtension
	final Clients clients = new Clients(emulator);

	// ------------------------------------------------------------ CreateParticipantConnection

	@Test
	void createParticipantConnectionReturnsCredentialsForADayAndAWebsocketUrlFor100Seconds() {
		StartChatContactResponse started = startChat("Ada", null);
		Instant before = Instant.now();
		CreateParticipantConnectionResponse connection = this.clients.participant()
			.createParticipantConnection((r) -> r.participantToken(started.participantToken())
				.type(ConnectionType.WEBSOCKET, ConnectionType.CONNECTION_CREDENTIALS));

		assertThat(connection.connectionCredentials().connectionToken()).isNotBlank()
			.isNotEqualTo(started.participantToken());
		Instant expiry = Instant.parse(connection.connectionCredentials().expiry());
		assertThat(expiry).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(60),
				Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
		assertThat(connection.websocket().url()).isNotBlank();
		assertThat(Instant.parse(connection.websocket().connectionExpiry()))
			.isCloseTo(before.plusSeconds(100), within(Duration.ofSeconds(60)));

		// the ConnectionToken works
		GetTranscriptResponse transcript = this.clients.participant()
			.getTranscript((r) -> r.connectionToken(connection.connectionCredentials().connectionToken()));
		assertThat(transcript.initialContactId()).isEqualTo(started.contactId());

		// WEBSOCKET alone gives no ConnectionToken
		CreateParticipantConnectionResponse websocketOnly = this.clients.participant().createParticipantConnection(
				(r) -> r.participantToken(started.participantToken()).type(ConnectionType.WEBSOCKET));
		assertThat(websocketOnly.websocket().url()).isNotBlank();
		assertThat(websocketOnly.connectionCredentials()).isNull();
	}

	@Test
	void createParticipantConnectionWithAnUnknownParticipantTokenIsDenied() {
		AccessDeniedException denied = Clients.thrownBy(AccessDeniedException.class,
				() -> this.clients.participant().createParticipantConnection(
						(r) -> r.participantToken("no-such-token").type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
	}

	// ------------------------------------------------------------ DisconnectParticipant

	@Test
	void disconnectParticipantWritesLeftAndEndedEventsAndRefusesTheTokenAfterwards() {
		Clients.Chat chat = this.clients.chat("Ada");
		emulator.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello Ada");

		this.clients.participant().disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()));

		JsonNode state = contactState(chat.contactId());
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
			.isThrownBy(() -> this.clients.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.sendMessage(chat, "hi"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.participant()
				.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken())));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.participant().createParticipantConnection((r) -> r
				.participantToken(chat.participantToken())
				.type(ConnectionType.CONNECTION_CREDENTIALS)));
	}

	// ------------------------------------------------------------ SendMessage

	@Test
	void sendMessageAcceptsEachAllowedContentType() {
		Clients.Chat chat = this.clients.chat("Ada");
		Map<String, String> contents = Map.of("text/plain", "plain text", "text/markdown", "**bold**",
				"application/json", "{\"a\":1}", "application/vnd.amazonaws.connect.message.interactive.response",
				"{\"templateIdentifier\":\"t\",\"data\":{}}");
		List<String> ids = new ArrayList<>();
		for (Map.Entry<String, String> entry : contents.entrySet()) {
			SendMessageResponse sent = this.clients.participant()
				.sendMessage((r) -> r.connectionToken(chat.connectionToken())
					.contentType(entry.getKey())
					.content(entry.getValue()));
			assertThat(sent.id()).isNotBlank();
			assertIsoMillis(sent.absoluteTime());
			ids.add(sent.id());
		}
		// the longest allowed plain text message
		this.clients.participant().sendMessage((r) -> r.connectionToken(chat.connectionToken())
			.contentType("text/plain")
			.content("x".repeat(1024)));

		List<Item> transcript = this.clients.participant()
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
	void sendMessageRefusesADisallowedContentTypeAndOverLongContent() {
		Clients.Chat chat = this.clients.chat("Ada");
		int before = itemCount(chat.contactId());
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant().sendMessage(
				(r) -> r.connectionToken(chat.connectionToken()).contentType("text/html").content("<b>hi</b>")))
			.withMessageContaining("ContentType");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant().sendMessage(
				(r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content("x".repeat(1025))))
			.withMessageContaining("1024");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.clients.participant().sendMessage((r) -> r.connectionToken(chat.connectionToken())
				.contentType("application/json")
				.content("\"" + "x".repeat(12000) + "\"")));
		// over the model's maximum for any type
		ValidationException tooLong = Clients.thrownBy(ValidationException.class,
				() -> this.clients.participant().sendMessage((r) -> r.connectionToken(chat.connectionToken())
					.contentType("text/plain")
					.content("x".repeat(16385))));
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.getMessage()).contains("Content");
		assertThat(itemCount(chat.contactId())).isEqualTo(before);
	}

	// ------------------------------------------------------------ SendEvent

	@Test
	void sendEventAcceptsTypingAndRecordsReceiptsOnTheMessage() {
		Clients.Chat chat = this.clients.chat("Ada");
		SendEventResponse typing = this.clients.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(TYPING));
		assertThat(typing.id()).isNotBlank();
		assertIsoMillis(typing.absoluteTime());

		String messageId = emulator.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello Ada");
		String receiptContent = "{\"messageId\":\"" + messageId + "\"}";
		this.clients.participant().sendEvent(
				(r) -> r.connectionToken(chat.connectionToken()).contentType(DELIVERED).content(receiptContent));
		this.clients.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(READ).content(receiptContent));

		Item message = this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken()))
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
	void sendEventRefusesABadContentTypeAndAReceiptForAnUnknownMessage() {
		Clients.Chat chat = this.clients.chat("Ada");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.clients.participant()
				.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content("x")))
			.withMessageContaining("ContentType");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant().sendEvent(
				(r) -> r.connectionToken(chat.connectionToken()).contentType(READ).content("{\"messageId\":\"nope\"}")));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(DELIVERED).content("not json")));
	}

	// ------------------------------------------------------------ GetTranscript

	@Test
	void getTranscriptShowsTheJoinedEvent() {
		Clients.Chat chat = this.clients.chat("Ada");
		GetTranscriptResponse transcript = this.clients.participant()
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
	void getTranscriptRefusesBadQueries() {
		Clients.Chat chat = this.clients.chat("Ada");
		Clients.Chat other = this.clients.chat("Bea");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).contactId(other.contactId())))
			.withMessageContaining("ContactId");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).scanDirection(ScanDirection.FORWARD)))
			.withMessageContaining("FORWARD");
		String firstId = this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken()))
			.transcript()
			.get(0)
			.id();
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())
				.startPosition(StartPosition.builder().id(firstId).mostRecent(0).build())))
			.withMessageContaining("StartPosition");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.clients.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(101)))
			.withMessageContaining("MaxResults");
		// the same queries within bounds are answered
		assertThat(this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())
			.contactId(chat.contactId())
			.maxResults(100)
			.scanDirection(ScanDirection.FORWARD)
			.startPosition(StartPosition.builder().id(firstId).build())).transcript()).hasSize(1);
	}

	// ------------------------------------------------------------ GetAttachment

	@Test
	void getAttachmentHonoursUrlExpiryInSecondsBetween5And300() {
		Clients.Chat chat = this.clients.chat("Ada");
		String attachmentId = uploadAndComplete(chat, "a.txt", "hello".getBytes(StandardCharsets.UTF_8));
		for (int seconds : new int[] { 5, 300 }) {
			Instant before = Instant.now();
			GetAttachmentResponse attachment = this.clients.participant().getAttachment((r) -> r
				.connectionToken(chat.connectionToken()).attachmentId(attachmentId).urlExpiryInSeconds(seconds));
			assertThat(attachment.attachmentSizeInBytes()).isEqualTo(5);
			assertThat(attachment.url()).startsWith(emulator.baseUri().toString());
			assertThat(Instant.parse(attachment.urlExpiry())).isBetween(before.plusSeconds(seconds).minusSeconds(2),
					Instant.now().plusSeconds(seconds).plusSeconds(2));
		}
		for (int seconds : new int[] { 4, 301 }) {
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> this.clients.participant()
					.getAttachment((r) -> r.connectionToken(chat.connectionToken())
						.attachmentId(attachmentId)
						.urlExpiryInSeconds(seconds)))
				.withMessageContaining("UrlExpiryInSeconds");
		}
	}

	// ------------------------------------------------------------ DescribeView

	@Test
	void describeViewReturnsAViewRegisteredThroughTheControlApi() {
		Clients.Chat chat = this.clients.chat("Ada");
		String view = """
				{"Id": "view-1", "Arn": "arn:aws:connect:us-east-1:123456789012:instance/i-1/view/view-1",
				 "Name": "Survey", "Version": 3,
				 "Content": {"InputSchema": "{\\"type\\":\\"object\\"}", "Template": "{\\"Head\\":{}}",
				             "Actions": ["Submit", "Cancel"]}}""";
		assertThat(control("PUT", "/_emulator/views/view-token-1", view).statusCode()).isEqualTo(200);

		DescribeViewResponse described = this.clients.participant()
			.describeView((r) -> r.connectionToken(chat.connectionToken()).viewToken("view-token-1"));
		assertThat(described.view().id()).isEqualTo("view-1");
		assertThat(described.view().arn())
			.isEqualTo("arn:aws:connect:us-east-1:123456789012:instance/i-1/view/view-1");
		assertThat(described.view().name()).isEqualTo("Survey");
		assertThat(described.view().version()).isEqualTo(3);
		assertThat(described.view().content().inputSchema()).isEqualTo("{\"type\":\"object\"}");
		assertThat(described.view().content().template()).isEqualTo("{\"Head\":{}}");
		assertThat(described.view().content().actions()).containsExactly("Submit", "Cancel");

		ResourceNotFoundException notFound = Clients.thrownBy(ResourceNotFoundException.class,
				() -> this.clients.participant()
					.describeView((r) -> r.connectionToken(chat.connectionToken()).viewToken("nope")));
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
	}

	// ------------------------------------------------------------ authentication

	@Test
	void getAuthenticationUrlAndCancelParticipantAuthenticationTakeA36CharacterSessionId() {
		Clients.Chat chat = this.clients.chat("Ada");
		String sessionId = UUID.randomUUID().toString();
		assertThat(sessionId).hasSize(36);
		String url = this.clients.participant()
			.getAuthenticationUrl((r) -> r.connectionToken(chat.connectionToken())
				.sessionId(sessionId)
				.redirectUri("https://example.com/callback"))
			.authenticationUrl();
		assertThat(url).isNotBlank().contains(sessionId);
		this.clients.participant()
			.cancelParticipantAuthentication((r) -> r.connectionToken(chat.connectionToken()).sessionId(sessionId));

		for (String bad : new String[] { sessionId.substring(1), sessionId + "0" }) {
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> this.clients.participant()
					.getAuthenticationUrl((r) -> r.connectionToken(chat.connectionToken())
						.sessionId(bad)
						.redirectUri("https://example.com/callback")))
				.withMessageContaining("SessionId");
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> this.clients.participant().cancelParticipantAuthentication(
						(r) -> r.connectionToken(chat.connectionToken()).sessionId(bad)))
				.withMessageContaining("SessionId");
		}
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.participant().getAuthenticationUrl((r) -> r.connectionToken("unknown")
				.sessionId(sessionId)
				.redirectUri("https://example.com/callback")));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.participant()
			.cancelParticipantAuthentication((r) -> r.connectionToken("unknown").sessionId(sessionId)));
	}

	// ------------------------------------------------------------ AccessDeniedException

	@Test
	void anUnknownConnectionTokenIsDeniedOnEveryOperation() {
		String token = "unknown-token";
		List<Runnable> calls = List.of(
				() -> this.clients.participant().sendMessage((r) -> r.connectionToken(token).contentType("text/plain").content("x")),
				() -> this.clients.participant().sendEvent((r) -> r.connectionToken(token).contentType(TYPING)),
				() -> this.clients.participant().getTranscript((r) -> r.connectionToken(token)),
				() -> this.clients.participant().startAttachmentUpload((r) -> r.connectionToken(token)
					.attachmentName("a.txt")
					.contentType("text/plain")
					.attachmentSizeInBytes(1L)
					.clientToken("c")),
				() -> this.clients.participant().completeAttachmentUpload(
						(r) -> r.connectionToken(token).attachmentIds("a").clientToken("c")),
				() -> this.clients.participant().getAttachment((r) -> r.connectionToken(token).attachmentId("a")),
				() -> this.clients.participant().describeView((r) -> r.connectionToken(token).viewToken("v")),
				() -> this.clients.participant().disconnectParticipant((r) -> r.connectionToken(token)));
		for (Runnable call : calls) {
			AccessDeniedException denied = Clients.thrownBy(AccessDeniedException.class, call::run);
			assertThat(denied.statusCode()).isEqualTo(403);
			assertThat(denied.getMessage()).doesNotContain(token);
		}
	}

	@Test
	void anExpiredConnectionTokenIsDenied() {
		// about the token's lifetime, not Connect's rule that ends a chat nobody subscribed to
		emulator.emulator().updateSettings((settings) -> settings.subscribeTimeout(Duration.ZERO));
		Clients.Chat chat = this.clients.chat("Ada");
		this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken()));
		emulator.emulator().advanceClock(Duration.ofHours(25));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken())))
			.withMessageContaining("expired");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.sendMessage(chat, "hi"));
		// the ParticipantToken still gives a fresh ConnectionToken while the chat is on
		String fresh = this.clients.participant()
			.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
				.type(ConnectionType.CONNECTION_CREDENTIALS))
			.connectionCredentials()
			.connectionToken();
		assertThat(this.clients.participant().getTranscript((r) -> r.connectionToken(fresh)).transcript()).isNotEmpty();
	}

	@Test
	void writesAfterTheChatEndedAreDeniedButTheTranscriptStaysReadable() {
		Clients.Chat chat = this.clients.chat("Ada");
		String attachmentId = uploadAndComplete(chat, "a.txt", "abc".getBytes(StandardCharsets.UTF_8));
		String pendingUpload = this.clients.participant()
			.startAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
				.attachmentName("b.txt")
				.contentType("text/plain")
				.attachmentSizeInBytes(1L)
				.clientToken("pending"))
			.attachmentId();
		assertThat(control("POST", "/_emulator/contacts/" + chat.contactId() + "/end", "{}").statusCode())
			.isEqualTo(200);

		String token = chat.connectionToken();
		List<Runnable> writes = List.of(
				() -> this.clients.participant().sendMessage((r) -> r.connectionToken(token).contentType("text/plain").content("x")),
				() -> this.clients.participant().sendEvent((r) -> r.connectionToken(token).contentType(TYPING)),
				() -> this.clients.participant().startAttachmentUpload((r) -> r.connectionToken(token)
					.attachmentName("c.txt")
					.contentType("text/plain")
					.attachmentSizeInBytes(1L)
					.clientToken("after-end")),
				() -> this.clients.participant().completeAttachmentUpload(
						(r) -> r.connectionToken(token).attachmentIds(pendingUpload).clientToken("complete-after-end")),
				() -> this.clients.participant()
					.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
						.type(ConnectionType.CONNECTION_CREDENTIALS)));
		for (Runnable write : writes) {
			assertThat(Clients.thrownBy(AccessDeniedException.class, write::run).statusCode()).isEqualTo(403);
		}

		List<Item> transcript = this.clients.participant().getTranscript((r) -> r.connectionToken(token)).transcript();
		assertThat(transcript.get(0).contentType()).isEqualTo(ENDED);
		assertThat(this.clients.participant()
			.getAttachment((r) -> r.connectionToken(token).attachmentId(attachmentId))
			.url()).isNotBlank();
	}

	// ------------------------------------------------------------ ThrottlingException, InternalServerException

	@Test
	void aTokenBucketAllowsItsBurstThenThrottles() {
		Clients.Chat chat = this.clients.chat("Ada");
		emulator.emulator().setThrottle("SendMessage", 0.001, 3);
		for (int i = 0; i < 3; i++) {
			int n = i;
			this.clients.sendMessage(chat, "m" + n);
		}
		ThrottlingException throttled = Clients.thrownBy(ThrottlingException.class,
				() -> this.clients.sendMessage(chat, "m3"));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
		// other operations have their own (absent) bucket
		assertThat(this.clients.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()))
			.transcript()).hasSize(4);
		emulator.emulator().clearThrottles();
		this.clients.sendMessage(chat, "m4");
	}

	@Test
	void throttleAndServerErrorFaultsArriveAsTheirExceptionClasses() {
		Clients.Chat chat = this.clients.chat("Ada");
		emulator.emulator().setFaults(0, List.of(FaultRule.times("GetTranscript", "THROTTLE", 1),
				FaultRule.times("GetTranscript", "SERVER_ERROR", 1)));
		ThrottlingException throttled = Clients.thrownBy(ThrottlingException.class,
				() -> this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThat(throttled.statusCode()).isEqualTo(429);
		InternalServerException internal = Clients.thrownBy(InternalServerException.class,
				() -> this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThat(internal.statusCode()).isEqualTo(500);
		assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalServerException");
		assertThat(this.clients.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()))
			.transcript()).hasSize(1);
	}

	// ------------------------------------------------------------ ConflictException, ServiceQuotaExceededException

	@Test
	void completingBeforeThePutIsAConflict() {
		Clients.Chat chat = this.clients.chat("Ada");
		StartAttachmentUploadResponse started = startUpload(chat, "a.txt", 3, "u");
		ConflictException conflict = Clients.thrownBy(ConflictException.class,
				() -> Uploads.complete(this.clients.participant(), chat, started.attachmentId(), "c"));
		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(started.attachmentId(),
				"UPLOADING");
	}

	@Test
	void moreAttachmentsThanTheQuotaAreRefused() {
		emulator.emulator().updateSettings((b) -> b.maxAttachmentsPerContact(2));
		Clients.Chat chat = this.clients.chat("Ada");
		StartAttachmentUploadResponse first = startUpload(chat, "a.txt", 1, "u1");
		startUpload(chat, "b.txt", 1, "u2");
		ServiceQuotaExceededException quota = Clients.thrownBy(ServiceQuotaExceededException.class,
				() -> startUpload(chat, "c.txt", 1, "u3"));
		assertThat(quota.statusCode()).isEqualTo(402);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(2);
		// a replay of an upload already counted is not a new attachment
		assertThat(startUpload(chat, "a.txt", 1, "u1").attachmentId()).isEqualTo(first.attachmentId());
	}

	// ------------------------------------------------------------ StartChatContact, StopContact

	@Test
	void stopContactEndsTheChatAndAnUnknownContactIsGone() {
		StartChatContactResponse started = startChat("Ada", null);
		this.clients.connect().stopContact((r) -> r.instanceId("instance-1").contactId(started.contactId()));
		JsonNode state = contactState(started.contactId());
		assertThat(state.get("ended").asBoolean()).isTrue();
		List<JsonNode> items = list(state.get("items"));
		assertThat(items.get(items.size() - 1).get("ContentType").asString()).isEqualTo(ENDED);

		for (String contactId : new String[] { UUID.randomUUID().toString(), started.contactId() }) {
			ConnectException gone = Clients.thrownBy(ConnectException.class,
					() -> this.clients.connect().stopContact((r) -> r.instanceId("instance-1").contactId(contactId)));
			assertThat(gone.statusCode()).isEqualTo(410);
			assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("ContactNotFoundException");
		}
	}

	@Test
	void startChatContactWithoutAnAuthorizationHeaderIsForbidden() {
		HttpRequest unsigned = HttpRequest.newBuilder(emulator.baseUri().resolve("/contact/chat"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(
					"{\"InstanceId\":\"instance-1\",\"ContactFlowId\":\"flow-1\",\"ParticipantDetails\":{\"DisplayName\":\"Ada\"}}"))
			.build();
		HttpResponse<String> response = EmulatorHttp.send(unsigned);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).isPresent();
		assertThat(EmulatorHttp.json(response).get("Message").asString()).isNotBlank();
		assertThat(list(EmulatorHttp.json(control("GET", "/_emulator/contacts", null)))).isEmpty();
	}

	@Test
	void startChatContactIsIdempotentByClientToken() {
		StartChatContactResponse first = startChat("Ada", "chat-token-1");
		StartChatContactResponse again = startChat("Ada", "chat-token-1");
		assertThat(again.contactId()).isEqualTo(first.contactId());
		assertThat(again.participantToken()).isEqualTo(first.participantToken());
		assertThat(list(EmulatorHttp.json(control("GET", "/_emulator/contacts", null)))).hasSize(1);

		ConnectException different = Clients.thrownBy(ConnectException.class, () -> startChat("Bea", "chat-token-1"));
		assertThat(different.statusCode()).isEqualTo(400);
		assertThat(list(EmulatorHttp.json(control("GET", "/_emulator/contacts", null)))).hasSize(1);

		assertThat(startChat("Ada", "chat-token-2").contactId()).isNotEqualTo(first.contactId());
	}

	// ------------------------------------------------------------ idempotency of the Participant operations

	@Test
	void startAttachmentUploadIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		StartAttachmentUploadResponse first = startUpload(chat, "a.txt", 10, "upload-1");
		StartAttachmentUploadResponse again = startUpload(chat, "a.txt", 10, "upload-1");
		assertThat(again.attachmentId()).isEqualTo(first.attachmentId());
		assertThat(again.uploadMetadata().url()).isEqualTo(first.uploadMetadata().url());
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(1);

		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> startUpload(chat, "b.txt", 10, "upload-1"))
			.withMessageContaining("ClientToken");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> startUpload(chat, "a.txt", 11, "upload-1"))
			.withMessageContaining("ClientToken");
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
	}

	@Test
	void completeAttachmentUploadIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
		StartAttachmentUploadResponse started = startUpload(chat, "a.txt", content.length, "u");
		assertThat(EmulatorHttp.send(Uploads.put(started, content)).statusCode()).isEqualTo(200);
		StartAttachmentUploadResponse other = startUpload(chat, "b.txt", 1, "u2");
		for (int i = 0; i < 2; i++) {
			Uploads.complete(this.clients.participant(), chat, started.attachmentId(), "complete-1");
		}
		assertThat(attachmentItems(chat.contactId())).isEqualTo(1);
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> Uploads.complete(this.clients.participant(), chat, other.attachmentId(), "complete-1"))
			.withMessageContaining("ClientToken");
		assertThat(attachmentItems(chat.contactId())).isEqualTo(1);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(started.attachmentId(),
				"APPROVED")
			.containsEntry(other.attachmentId(), "UPLOADING");
	}

	@Test
	void sendMessageIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		SendMessageResponse first = this.clients.sendMessage(chat, "hello", "message-1");
		int items = itemCount(chat.contactId());
		SendMessageResponse again = this.clients.sendMessage(chat, "hello", "message-1");
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.absoluteTime()).isEqualTo(first.absoluteTime());
		assertThat(itemCount(chat.contactId())).isEqualTo(items);

		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.clients.sendMessage(chat, "hello again", "message-1"))
			.withMessageContaining("ClientToken");
		assertThat(itemCount(chat.contactId())).isEqualTo(items);
	}

	@Test
	void sendEventIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		String messageId = emulator.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello");
		String content = "{\"messageId\":\"" + messageId + "\"}";
		SendEventResponse first = sendEvent(chat, READ, content, "event-1");
		SendEventResponse again = sendEvent(chat, READ, content, "event-1");
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.absoluteTime()).isEqualTo(first.absoluteTime());
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> sendEvent(chat, DELIVERED, content, "event-1"))
			.withMessageContaining("ClientToken");
		// without a ClientToken of its own each event is new
		SendEventResponse typing1 = this.clients.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(TYPING));
		SendEventResponse typing2 = this.clients.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(TYPING));
		assertThat(typing1.id()).isNotEqualTo(typing2.id());
	}

	@Test
	void disconnectParticipantIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		this.clients.participant()
			.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()).clientToken("disconnect-1"));
		int items = itemCount(chat.contactId());
		// the replay answers as the first call did, though the participant has gone
		this.clients.participant()
			.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()).clientToken("disconnect-1"));
		assertThat(itemCount(chat.contactId())).isEqualTo(items);
		assertThat(list(contactState(chat.contactId()).get("items")).stream()
			.filter((item) -> LEFT.equals(item.get("ContentType").asString()))
			.count()).isEqualTo(1);
		// a new ClientToken is a new request, refused for a disconnected participant
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.participant()
			.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()).clientToken("disconnect-2")));
	}

	@Test
	void aReplayAfterTheChatEndedReturnsTheFirstResultWhileNewWritesAreDenied() {
		Clients.Chat chat = this.clients.chat("Ada");
		SendMessageResponse sent = this.clients.sendMessage(chat, "sent before the end", "message-1");
		StartAttachmentUploadResponse started = startUpload(chat, "a.txt", 1, "upload-1");
		emulator.emulator().endChat(chat.contactId());
		int items = itemCount(chat.contactId());

		// a client whose answer was lost retries with the same ClientToken: the request did take effect
		SendMessageResponse replay = this.clients.sendMessage(chat, "sent before the end", "message-1");
		assertThat(replay.id()).isEqualTo(sent.id());
		assertThat(startUpload(chat, "a.txt", 1, "upload-1").attachmentId()).isEqualTo(started.attachmentId());
		assertThat(itemCount(chat.contactId())).isEqualTo(items);

		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.sendMessage(chat, "sent before the end", "message-2"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> startUpload(chat, "a.txt", 1, "upload-2"));
		assertThat(itemCount(chat.contactId())).isEqualTo(items);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
	}

	// ------------------------------------------------------------ helpers

	private StartChatContactResponse startChat(String displayName, String clientToken) {
		return this.clients.connect().startChatContact((r) -> r.instanceId("instance-1")
			.contactFlowId("flow-1")
			.participantDetails((p) -> p.displayName(displayName))
			.clientToken(clientToken));
	}

	private StartAttachmentUploadResponse startUpload(Clients.Chat chat, String name, long size, String clientToken) {
		return this.clients.participant().startAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
			.attachmentName(name)
			.contentType("text/plain")
			.attachmentSizeInBytes(size)
			.clientToken(clientToken));
	}

	private SendEventResponse sendEvent(Clients.Chat chat, String contentType, String content, String clientToken) {
		return this.clients.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken())
				.contentType(contentType)
				.content(content)
				.clientToken(clientToken));
	}

	private String uploadAndComplete(Clients.Chat chat, String name, byte[] content) {
		return Uploads
			.uploadAndComplete(this.clients.participant(), chat, name, "text/plain", content, "upload-" + name,
					"complete-" + name)
			.attachmentId();
	}

	private static HttpResponse<String> control(String method, String path, String body) {
		return EmulatorHttp.control(emulator.baseUri(), method, path, body);
	}

	private static JsonNode contactState(String contactId) {
		return EmulatorHttp.contactState(emulator.baseUri(), contactId);
	}

	private static int itemCount(String contactId) {
		return contactState(contactId).get("items").size();
	}

	private static long attachmentItems(String contactId) {
		return list(contactState(contactId).get("items")).stream()
			.filter((item) -> "ATTACHMENT".equals(item.get("Type").asString()))
			.count();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> result = new ArrayList<>();
		array.forEach(result::add);
		return result;
	}

	private static void assertIsoMillis(String time) {
		assertThat(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
	}

}
