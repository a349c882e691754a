package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ArtifactStatus;
import software.amazon.awssdk.services.connectparticipant.model.ChatItemType;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionResponse;
import software.amazon.awssdk.services.connectparticipant.model.InternalServerException;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ParticipantRole;
import software.amazon.awssdk.services.connectparticipant.model.SortKey;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;
import software.amazon.awssdk.services.connectparticipant.model.View;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The {@code /_emulator/} control API over HTTP, its effects observed through the real SDK. */
class ControlApiIntegrationTests {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final String JOINED = "application/vnd.amazonaws.connect.event.participant.joined";

	private static final String LEFT = "application/vnd.amazonaws.connect.event.participant.left";

	private static final String ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	private ConnectParticipantClient participant;

	private ConnectClient connect;

	@BeforeEach
	void clients() {
		this.participant = Clients.participant(emulator.baseUri());
		this.connect = Clients.connect(emulator.baseUri());
	}

	@AfterEach
	void close() {
		this.participant.close();
		this.connect.close();
	}

	@Test
	void agentMessagesJoinTheAgentThenAddTheMessage() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		JsonNode added = ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"displayName\":\"Agent Smith\",\"content\":\"Hello Ada\",\"contentType\":\"text/plain\"}"));
		assertThat(added.get("absoluteTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"displayName\":\"Agent Smith\",\"content\":\"**Anything else?**\",\"contentType\":\"text/markdown\"}"));
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"SYSTEM\",\"content\":\"Queued\"}"));

		List<Item> items = transcript(chat);
		assertThat(items).extracting(Item::type)
			.containsExactly(ChatItemType.EVENT, ChatItemType.EVENT, ChatItemType.MESSAGE, ChatItemType.MESSAGE,
					ChatItemType.MESSAGE);
		assertThat(items.get(0).contentType()).isEqualTo(JOINED);
		assertThat(items.get(0).participantRole()).isEqualTo(ParticipantRole.CUSTOMER);
		Item joined = items.get(1);
		assertThat(joined.contentType()).isEqualTo(JOINED);
		assertThat(joined.participantRole()).isEqualTo(ParticipantRole.AGENT);
		assertThat(joined.displayName()).isEqualTo("Agent Smith");
		assertThat(joined.participantId()).isEqualTo(added.get("participantId").asString());
		Item message = items.get(2);
		assertThat(message.id()).isEqualTo(added.get("id").asString());
		assertThat(message.absoluteTime()).isEqualTo(added.get("absoluteTime").asString());
		assertThat(message.content()).isEqualTo("Hello Ada");
		assertThat(message.contentType()).isEqualTo("text/plain");
		assertThat(message.participantRole()).isEqualTo(ParticipantRole.AGENT);
		assertThat(message.participantId()).isEqualTo(joined.participantId());
		assertThat(items.get(3).contentType()).isEqualTo("text/markdown");
		assertThat(items.get(3).participantId()).as("the same agent: no second join").isEqualTo(joined.participantId());
		assertThat(items.get(4).participantRole()).isEqualTo(ParticipantRole.SYSTEM);
		assertThat(items.get(4).content()).isEqualTo("Queued");

		assertError(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"WIZARD\",\"content\":\"x\"}"), 400, "role");
		assertError(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages", "{\"role\":\"AGENT\"}"), 400,
				"content");
		assertError(call("POST", "/_emulator/contacts/no-such-contact/messages", "{\"role\":\"AGENT\",\"content\":\"x\"}"),
				404, "no-such-contact");
		assertThat(transcript(chat)).hasSize(5);
	}

	@Test
	void endingAChatWritesTheEventsAndRefusesWrites() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"displayName\":\"Agent\",\"content\":\"Hi\"}"));
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/end", null));

		List<Item> items = transcript(chat);
		assertThat(items).extracting(Item::contentType).endsWith(LEFT, ENDED);
		assertThat(items.get(items.size() - 2).participantRole()).isEqualTo(ParticipantRole.AGENT);
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.participant
			.sendMessage((r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content("hello?")));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.participant.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertError(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"content\":\"too late\"}"), 409, "ended");
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/end", null)); // ending twice is harmless
		assertThat(transcript(chat)).hasSameSizeAs(items);
		assertThat(ok(call("GET", "/_emulator/contacts/" + chat.contactId(), null)).get("ended").asBoolean()).isTrue();
		assertError(call("POST", "/_emulator/contacts/no-such-contact/end", null), 404, "no-such-contact");
	}

	@Test
	void contactStateListsItemsAttachmentsAndRequestCounts() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		Clients.Chat other = Clients.chat(this.connect, this.participant, "Bob");
		send(chat, "one");
		send(chat, "two");
		String attachmentId = upload(chat, "notes.txt", "some notes".getBytes(StandardCharsets.UTF_8));
		List<Item> viaSdk = transcript(chat);

		JsonNode state = ok(call("GET", "/_emulator/contacts/" + chat.contactId(), null));
		assertThat(state.get("contactId").asString()).isEqualTo(chat.contactId());
		assertThat(state.get("instanceId").asString()).isEqualTo("instance-1");
		assertThat(state.get("contactFlowId").asString()).isEqualTo("flow-1");
		assertThat(state.get("ended").asBoolean()).isFalse();
		assertThat(state.get("participants")).singleElement().satisfies((p) -> {
			assertThat(p.get("participantId").asString()).isEqualTo(chat.participantId());
			assertThat(p.get("role").asString()).isEqualTo("CUSTOMER");
			assertThat(p.get("displayName").asString()).isEqualTo("Ada");
		});
		List<String> ids = new ArrayList<>();
		state.get("items").forEach((item) -> ids.add(item.get("Id").asString()));
		assertThat(ids).as("oldest first, as the SDK reads them ascending").isEqualTo(viaSdk.stream().map(Item::id).toList());
		assertThat(state.get("attachments")).singleElement().satisfies((a) -> {
			assertThat(a.get("attachmentId").asString()).isEqualTo(attachmentId);
			assertThat(a.get("attachmentName").asString()).isEqualTo("notes.txt");
			assertThat(a.get("contentType").asString()).isEqualTo("text/plain");
			assertThat(a.get("sizeInBytes").asLong()).isEqualTo(10);
			assertThat(a.get("status").asString()).isEqualTo("APPROVED");
		});
		JsonNode counts = state.get("requestCounts");
		assertThat(counts.get("SendMessage").asLong()).isEqualTo(2);
		assertThat(counts.get("StartAttachmentUpload").asLong()).isEqualTo(1);
		assertThat(counts.get("UploadObject").asLong()).isEqualTo(1);
		assertThat(counts.get("CompleteAttachmentUpload").asLong()).isEqualTo(1);
		assertThat(counts.get("GetTranscript").asLong()).isEqualTo(1);
		assertThat(emulator.emulator().requestCount(chat.contactId(), "SendMessage")).isEqualTo(2);

		JsonNode contacts = ok(call("GET", "/_emulator/contacts", null));
		List<String> listed = new ArrayList<>();
		contacts.forEach((id) -> listed.add(id.asString()));
		assertThat(listed).containsExactlyInAnyOrder(chat.contactId(), other.contactId());
		assertError(call("GET", "/_emulator/contacts/no-such-contact", null), 404, "no-such-contact");
	}

	@Test
	void faultsAreInstalledListedAndCleared() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		JsonNode installed = ok(call("PUT", "/_emulator/faults", "{\"seed\":42,\"rules\":["
				+ "{\"operation\":\"SendMessage\",\"fault\":\"THROTTLE\",\"probability\":1.0,\"times\":1},"
				+ "{\"operation\":\"GetTranscript\",\"fault\":\"server_error\",\"times\":2}]}"));
		assertThat(installed.get("rules")).hasSize(2);
		JsonNode listed = ok(call("GET", "/_emulator/faults", null));
		assertThat(listed.get("rules").get(0).get("operation").asString()).isEqualTo("SendMessage");
		assertThat(listed.get("rules").get(0).get("fault").asString()).isEqualTo("THROTTLE");
		assertThat(listed.get("rules").get(0).get("times").asInt()).isEqualTo(1);
		assertThat(listed.get("rules").get(1).get("probability").asDouble()).isEqualTo(1.0);

		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> send(chat, "first"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(429));
		send(chat, "second"); // the rule covered one request only
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> transcript(chat))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500));
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> transcript(chat));
		assertThat(transcript(chat)).hasSize(2);

		ok(call("PUT", "/_emulator/faults", "{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\"}]}"));
		assertError(call("PUT", "/_emulator/faults", "{\"rules\":[{\"operation\":\"*\",\"fault\":\"METEOR\"}]}"), 400,
				"METEOR");
		assertThat(ok(call("GET", "/_emulator/faults", null)).get("rules")).as("a refused PUT changes nothing")
			.hasSize(1);
		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> send(chat, "third"));
		assertThat(ok(call("DELETE", "/_emulator/faults", null)).get("rules")).isEmpty();
		send(chat, "fourth");
		assertThat(ok(call("GET", "/_emulator/faults", null)).get("rules")).isEmpty();
	}

	@Test
	void throttlingIsATokenBucketPerOperation() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		JsonNode installed = ok(call("PUT", "/_emulator/throttling",
				"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":0.001,\"burst\":2}]}"));
		assertThat(installed.get("rules")).singleElement().satisfies((rule) -> {
			assertThat(rule.get("operation").asString()).isEqualTo("SendMessage");
			assertThat(rule.get("ratePerSecond").asDouble()).isEqualTo(0.001);
			assertThat(rule.get("burst").asInt()).isEqualTo(2);
		});
		assertThat(ok(call("GET", "/_emulator/throttling", null))).isEqualTo(installed);
		send(chat, "one");
		send(chat, "two");
		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> send(chat, "three"));
		assertThat(transcript(chat)).as("other operations are not throttled").hasSize(3);
		assertThat(ok(call("DELETE", "/_emulator/throttling", null)).get("rules")).isEmpty();
		send(chat, "four");
		assertThat(ok(call("GET", "/_emulator/throttling", null)).get("rules")).isEmpty();
	}

	@Test
	void scanDelayKeepsAnAttachmentInProgressUntilTheClockAdvances() {
		JsonNode defaults = ok(call("GET", "/_emulator/config", null));
		assertThat(defaults.get("scanDelayMillis").asLong()).isZero();
		assertThat(defaults.get("connectionTokenExpirySeconds").asLong()).isEqualTo(24 * 3600);
		assertThat(defaults.get("uploadUrlExpirySeconds").asLong()).isEqualTo(300);
		assertThat(defaults.get("maxAttachmentSizeBytes").asLong()).isEqualTo(20L * 1024 * 1024);
		assertThat(defaults.get("allowedContentTypes")).hasSizeGreaterThan(10);

		JsonNode updated = ok(call("PUT", "/_emulator/config", "{\"scanDelayMillis\":60000}"));
		assertThat(updated.get("scanDelayMillis").asLong()).isEqualTo(60000);
		assertThat(updated.get("connectionTokenExpirySeconds").asLong()).as("other settings unchanged")
			.isEqualTo(24 * 3600);
		assertThat(ok(call("GET", "/_emulator/config", null))).isEqualTo(updated);

		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		String attachmentId = upload(chat, "scan-me.pdf", "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII));
		assertThat(attachmentStatus(chat, attachmentId)).isEqualTo(ArtifactStatus.IN_PROGRESS);
		assertThat(stateStatus(chat, attachmentId)).isEqualTo("IN_PROGRESS");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.participant
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(attachmentId)));

		JsonNode clock = ok(call("POST", "/_emulator/clock/advance", "{\"seconds\":61}"));
		assertThat(clock.get("offsetMillis").asLong()).isEqualTo(61_000);
		assertThat(Duration.between(Instant.now(), Instant.parse(clock.get("now").asString())))
			.isBetween(Duration.ofSeconds(55), Duration.ofSeconds(70));
		assertThat(ok(call("GET", "/_emulator/clock", null)).get("offsetMillis").asLong()).isEqualTo(61_000);
		assertThat(attachmentStatus(chat, attachmentId)).isEqualTo(ArtifactStatus.APPROVED);
		assertThat(stateStatus(chat, attachmentId)).isEqualTo("APPROVED");
		assertThat(this.participant
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(attachmentId))
			.attachmentSizeInBytes()).isEqualTo(12);
	}

	@Test
	void configuredTokenExpiryAndTheClockExpireConnectionTokens() {
		ok(call("PUT", "/_emulator/config", "{\"connectionTokenExpirySeconds\":60}"));
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		CreateParticipantConnectionResponse connection = this.participant.createParticipantConnection(
				(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS));
		Instant expiry = Instant.parse(connection.connectionCredentials().expiry());
		assertThat(Duration.between(Instant.now(), expiry)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
		assertThat(transcript(chat)).isNotEmpty();
		ok(call("POST", "/_emulator/clock/advance", "{\"millis\":61000}"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> transcript(chat));
	}

	@Test
	void verdictsDecideAScanAtOnce() {
		ok(call("PUT", "/_emulator/config", "{\"scanDelayMillis\":600000}"));
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		String rejected = upload(chat, "a.txt", "harmless".getBytes(StandardCharsets.UTF_8));
		String approved = upload(chat, "b.txt", "harmless too".getBytes(StandardCharsets.UTF_8));
		assertThat(attachmentStatus(chat, rejected)).isEqualTo(ArtifactStatus.IN_PROGRESS);

		ok(call("POST", "/_emulator/attachments/" + rejected + "/verdict", "{\"status\":\"REJECTED\"}"));
		ok(call("POST", "/_emulator/attachments/" + approved + "/verdict", "{\"status\":\"APPROVED\"}"));
		assertThat(attachmentStatus(chat, rejected)).isEqualTo(ArtifactStatus.REJECTED);
		assertThat(attachmentStatus(chat, approved)).isEqualTo(ArtifactStatus.APPROVED);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(rejected, "REJECTED")
			.containsEntry(approved, "APPROVED");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.participant
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(rejected)));

		assertError(call("POST", "/_emulator/attachments/" + approved + "/verdict", "{\"status\":\"CLEAN\"}"), 400,
				"status");
		assertError(call("POST", "/_emulator/attachments/no-such-attachment/verdict", "{\"status\":\"APPROVED\"}"), 404,
				"no-such-attachment");
	}

	@Test
	void viewsPutThroughTheControlApiAreDescribed() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		ok(call("PUT", "/_emulator/views/view-token-1", "{\"Id\":\"view-1\",\"Arn\":\"arn:aws:connect:view/view-1\","
				+ "\"Name\":\"Address form\",\"Version\":3,\"Content\":{\"Template\":\"{}\",\"Actions\":[\"Submit\"]}}"));
		View view = this.participant
			.describeView((r) -> r.connectionToken(chat.connectionToken()).viewToken("view-token-1"))
			.view();
		assertThat(view.name()).isEqualTo("Address form");
		assertThat(view.version()).isEqualTo(3);
		assertThat(view.content().actions()).containsExactly("Submit");
	}

	@Test
	void resetClearsContactsTokensSettingsFaultsCountsAndTheClock() {
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		send(chat, "before reset");
		ok(call("PUT", "/_emulator/config", "{\"scanDelayMillis\":1000}"));
		ok(call("PUT", "/_emulator/faults", "{\"rules\":[{\"operation\":\"DescribeView\",\"fault\":\"THROTTLE\"}]}"));
		ok(call("PUT", "/_emulator/throttling",
				"{\"rules\":[{\"operation\":\"DescribeView\",\"ratePerSecond\":1,\"burst\":1}]}"));
		ok(call("POST", "/_emulator/clock/advance", "{\"seconds\":5}"));

		assertThat(ok(call("POST", "/_emulator/reset", null))).isEmpty();
		JsonNode requests = ok(call("GET", "/_emulator/requests", null));
		assertThat(requests).as("counts restart at the reset").isEmpty();

		assertThat(ok(call("GET", "/_emulator/contacts", null))).isEmpty();
		assertError(call("GET", "/_emulator/contacts/" + chat.contactId(), null), 404, chat.contactId());
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> transcript(chat));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> send(chat, "after reset"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.participant.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertThat(ok(call("GET", "/_emulator/config", null)).get("scanDelayMillis").asLong()).isZero();
		assertThat(ok(call("GET", "/_emulator/faults", null)).get("rules")).isEmpty();
		assertThat(ok(call("GET", "/_emulator/throttling", null)).get("rules")).isEmpty();
		assertThat(ok(call("GET", "/_emulator/clock", null)).get("offsetMillis").asLong()).isZero();
		// and the emulator works as new
		Clients.Chat fresh = Clients.chat(this.connect, this.participant, "Bob");
		send(fresh, "hello");
		assertThat(transcript(fresh)).hasSize(2);
	}

	@Test
	void healthAndRequestTotals() {
		assertThat(ok(call("GET", "/_emulator/health", null)).get("status").asString()).isEqualTo("UP");
		Clients.Chat chat = Clients.chat(this.connect, this.participant, "Ada");
		send(chat, "one");
		send(chat, "two");
		send(chat, "three");
		transcript(chat);
		JsonNode requests = ok(call("GET", "/_emulator/requests", null));
		assertThat(requests.get("StartChatContact").asLong()).isEqualTo(1);
		assertThat(requests.get("CreateParticipantConnection").asLong()).isEqualTo(1);
		assertThat(requests.get("SendMessage").asLong()).isEqualTo(3);
		assertThat(requests.get("GetTranscript").asLong()).isEqualTo(1);
		assertThat(emulator.emulator().requestCount("SendMessage")).isEqualTo(3);
	}

	// ---------------------------------------------------------------- helpers

	private void send(Clients.Chat chat, String text) {
		this.participant
			.sendMessage((r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content(text));
	}

	/** The whole transcript, oldest first (up to 100 items). */
	private List<Item> transcript(Clients.Chat chat) {
		return this.participant
			.getTranscript((r) -> r.connectionToken(chat.connectionToken())
				.startPosition((p) -> p.mostRecent(100))
				.sortOrder(SortKey.ASCENDING)
				.maxResults(100))
			.transcript();
	}

	private ArtifactStatus attachmentStatus(Clients.Chat chat, String attachmentId) {
		return transcript(chat).stream()
			.filter((item) -> item.type() == ChatItemType.ATTACHMENT)
			.flatMap((item) -> item.attachments().stream())
			.filter((a) -> a.attachmentId().equals(attachmentId))
			.findFirst()
			.orElseThrow()
			.status();
	}

	private String stateStatus(Clients.Chat chat, String attachmentId) {
		for (JsonNode attachment : ok(call("GET", "/_emulator/contacts/" + chat.contactId(), null)).get("attachments")) {
			if (attachment.get("attachmentId").asString().equals(attachmentId)) {
				return attachment.get("status").asString();
			}
		}
		throw new AssertionError("no attachment " + attachmentId);
	}

	/** Starts, uploads and completes an attachment; returns its id. */
	private String upload(Clients.Chat chat, String name, byte[] content) {
		StartAttachmentUploadResponse started = this.participant.startAttachmentUpload((r) -> r
			.connectionToken(chat.connectionToken())
			.attachmentName(name)
			.contentType(name.endsWith(".pdf") ? "application/pdf" : "text/plain")
			.attachmentSizeInBytes((long) content.length)
			.clientToken(UUID.randomUUID().toString()));
		HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(started.uploadMetadata().url()))
			.timeout(Duration.ofSeconds(5))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(content));
		started.uploadMetadata().headersToInclude().forEach((header, value) -> {
			if (!header.equalsIgnoreCase("Content-Length")) {
				put.header(header, value);
			}
		});
		assertThat(Clients.send(put.build()).statusCode()).isEqualTo(200);
		this.participant.completeAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
			.attachmentIds(started.attachmentId())
			.clientToken(UUID.randomUUID().toString()));
		return started.attachmentId();
	}

	private static HttpResponse<String> call(String method, String path, String body) {
		return Clients.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + path))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + " -> " + response.body())
			.isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return JSON.readTree(response.body());
	}

	private static void assertError(HttpResponse<String> response, int status, String mentioned) {
		assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + " -> " + response.body())
			.isEqualTo(status);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("message").asString()).containsIgnoringCase(mentioned);
	}

}
