package io.github.connectparticipant.emulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ArtifactStatus;
import software.amazon.awssdk.services.connectparticipant.model.ChatItemType;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionResponse;
import software.amazon.awssdk.services.connectparticipant.model.InternalServerException;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ParticipantRole;
import software.amazon.awssdk.services.connectparticipant.model.SortKey;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;
import software.amazon.awssdk.services.connectparticipant.model.View;
import tools.jackson.databind.JsonNode;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code /_emulator/} control API over HTTP, its effects observed through the real
 * SDK.
 */
class ControlApiIntegrationTests {

	private static final String JOINED = "application/vnd.amazonaws.connect.event.participant.joined";

	private static final String LEFT = "application/vnd.amazonaws.connect.event.participant.left";

	private static final String ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	@RegisterExtension
	final Clients clients = new Clients(emulator);

	@Test
	void agentMessagesJoinTheAgentThenAddTheMessage() {
		Clients.Chat chat = this.clients.chat("Ada");
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
		assertError(
				call("POST", "/_emulator/contacts/no-such-contact/messages", "{\"role\":\"AGENT\",\"content\":\"x\"}"),
				404, "no-such-contact");
		assertThat(transcript(chat)).hasSize(5);
	}

	@Test
	void endingAChatWritesTheEventsAndRefusesWrites() {
		Clients.Chat chat = this.clients.chat("Ada");
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"displayName\":\"Agent\",\"content\":\"Hi\"}"));
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/end", null));

		List<Item> items = transcript(chat);
		assertThat(items).extracting(Item::contentType).endsWith(LEFT, ENDED);
		assertThat(items.get(items.size() - 2).participantRole()).isEqualTo(ParticipantRole.AGENT);
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.participant()
			.sendMessage((r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content("hello?")));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertError(call("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"content\":\"too late\"}"), 409, "ended");
		ok(call("POST", "/_emulator/contacts/" + chat.contactId() + "/end", null)); // ending
																					// twice
																					// is
																					// harmless
		assertThat(transcript(chat)).hasSameSizeAs(items);
		assertThat(ok(call("GET", "/_emulator/contacts/" + chat.contactId(), null)).get("ended").asBoolean()).isTrue();
		assertError(call("POST", "/_emulator/contacts/no-such-contact/end", null), 404, "no-such-contact");
	}

	@Test
	void contactStateListsItemsAttachmentsAndRequestCounts() {
		Clients.Chat chat = this.clients.chat("Ada");
		Clients.Chat other = this.clients.chat("Bob");
		this.clients.sendMessage(chat, "one");
		this.clients.sendMessage(chat, "two");
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
		assertThat(ids).as("oldest first, as the SDK reads them ascending")
			.isEqualTo(viaSdk.stream().map(Item::id).toList());
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
		Clients.Chat chat = this.clients.chat("Ada");
		JsonNode installed = ok(call("PUT", "/_emulator/faults",
				"{\"seed\":42,\"rules\":["
						+ "{\"operation\":\"SendMessage\",\"fault\":\"THROTTLE\",\"probability\":1.0,\"times\":1},"
						+ "{\"operation\":\"GetTranscript\",\"fault\":\"server_error\",\"times\":2}]}"));
		assertThat(installed.get("rules")).hasSize(2);
		JsonNode listed = ok(call("GET", "/_emulator/faults", null));
		assertThat(listed.get("rules").get(0).get("operation").asString()).isEqualTo("SendMessage");
		assertThat(listed.get("rules").get(0).get("fault").asString()).isEqualTo("THROTTLE");
		assertThat(listed.get("rules").get(0).get("times").asInt()).isEqualTo(1);
		assertThat(listed.get("rules").get(1).get("probability").asDouble()).isEqualTo(1.0);

		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> this.clients.sendMessage(chat, "first"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(429));
		this.clients.sendMessage(chat, "second"); // the rule covered one request only
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> transcript(chat))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500));
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> transcript(chat));
		assertThat(transcript(chat)).hasSize(2);

		ok(call("PUT", "/_emulator/faults", "{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\"}]}"));
		assertError(call("PUT", "/_emulator/faults", "{\"rules\":[{\"operation\":\"*\",\"fault\":\"METEOR\"}]}"), 400,
				"METEOR");
		assertThat(ok(call("GET", "/_emulator/faults", null)).get("rules")).as("a refused PUT changes nothing")
			.hasSize(1);
		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> this.clients.sendMessage(chat, "third"));
		assertThat(ok(call("DELETE", "/_emulator/faults", null)).get("rules")).isEmpty();
		this.clients.sendMessage(chat, "fourth");
		assertThat(ok(call("GET", "/_emulator/faults", null)).get("rules")).isEmpty();
	}

	@Test
	void throttlingIsATokenBucketPerOperation() {
		Clients.Chat chat = this.clients.chat("Ada");
		JsonNode installed = ok(call("PUT", "/_emulator/throttling",
				"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":0.001,\"burst\":2}]}"));
		assertThat(installed.get("rules")).singleElement().satisfies((rule) -> {
			assertThat(rule.get("operation").asString()).isEqualTo("SendMessage");
			assertThat(rule.get("ratePerSecond").asDouble()).isEqualTo(0.001);
			assertThat(rule.get("burst").asInt()).isEqualTo(2);
		});
		assertThat(ok(call("GET", "/_emulator/throttling", null))).isEqualTo(installed);
		this.clients.sendMessage(chat, "one");
		this.clients.sendMessage(chat, "two");
		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> this.clients.sendMessage(chat, "three"));
		assertThat(transcript(chat)).as("other operations are not throttled").hasSize(3);
		assertThat(ok(call("DELETE", "/_emulator/throttling", null)).get("rules")).isEmpty();
		this.clients.sendMessage(chat, "four");
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

		Clients.Chat chat = this.clients.chat("Ada");
		String attachmentId = upload(chat, "scan-me.pdf", "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII));
		assertThat(attachmentStatus(chat, attachmentId)).isEqualTo(ArtifactStatus.IN_PROGRESS);
		assertThat(stateStatus(chat, attachmentId)).isEqualTo("IN_PROGRESS");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant()
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(attachmentId)));

		JsonNode clock = ok(call("POST", "/_emulator/clock/advance", "{\"seconds\":61}"));
		assertThat(clock.get("offsetMillis").asLong()).isEqualTo(61_000);
		assertThat(Duration.between(Instant.now(), Instant.parse(clock.get("now").asString())))
			.isBetween(Duration.ofSeconds(55), Duration.ofSeconds(70));
		assertThat(ok(call("GET", "/_emulator/clock", null)).get("offsetMillis").asLong()).isEqualTo(61_000);
		assertThat(attachmentStatus(chat, attachmentId)).isEqualTo(ArtifactStatus.APPROVED);
		assertThat(stateStatus(chat, attachmentId)).isEqualTo("APPROVED");
		assertThat(this.clients.participant()
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(attachmentId))
			.attachmentSizeInBytes()).isEqualTo(12);
	}

	@Test
	void configuredTokenExpiryAndTheClockExpireConnectionTokens() {
		ok(call("PUT", "/_emulator/config", "{\"connectionTokenExpirySeconds\":60}"));
		Clients.Chat chat = this.clients.chat("Ada");
		CreateParticipantConnectionResponse connection = this.clients.participant()
			.createParticipantConnection(
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
		Clients.Chat chat = this.clients.chat("Ada");
		String rejected = upload(chat, "a.txt", "harmless".getBytes(StandardCharsets.UTF_8));
		String approved = upload(chat, "b.txt", "harmless too".getBytes(StandardCharsets.UTF_8));
		assertThat(attachmentStatus(chat, rejected)).isEqualTo(ArtifactStatus.IN_PROGRESS);

		ok(call("POST", "/_emulator/attachments/" + rejected + "/verdict", "{\"status\":\"REJECTED\"}"));
		ok(call("POST", "/_emulator/attachments/" + approved + "/verdict", "{\"status\":\"APPROVED\"}"));
		assertThat(attachmentStatus(chat, rejected)).isEqualTo(ArtifactStatus.REJECTED);
		assertThat(attachmentStatus(chat, approved)).isEqualTo(ArtifactStatus.APPROVED);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(rejected, "REJECTED")
			.containsEntry(approved, "APPROVED");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.clients.participant()
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(rejected)));

		assertError(call("POST", "/_emulator/attachments/" + approved + "/verdict", "{\"status\":\"CLEAN\"}"), 400,
				"status");
		assertError(call("POST", "/_emulator/attachments/no-such-attachment/verdict", "{\"status\":\"APPROVED\"}"), 404,
				"no-such-attachment");
	}

	@Test
	void viewsPutThroughTheControlApiAreDescribed() {
		Clients.Chat chat = this.clients.chat("Ada");
		ok(call("PUT", "/_emulator/views/view-token-1", "{\"Id\":\"view-1\",\"Arn\":\"arn:aws:connect:view/view-1\","
				+ "\"Name\":\"Address form\",\"Version\":3,\"Content\":{\"Template\":\"{}\",\"Actions\":[\"Submit\"]}}"));
		View view = this.clients.participant()
			.describeView((r) -> r.connectionToken(chat.connectionToken()).viewToken("view-token-1"))
			.view();
		assertThat(view.name()).isEqualTo("Address form");
		assertThat(view.version()).isEqualTo(3);
		assertThat(view.content().actions()).containsExactly("Submit");
	}

	@Test
	void resetClearsContactsTokensSettingsFaultsCountsAndTheClock() {
		Clients.Chat chat = this.clients.chat("Ada");
		this.clients.sendMessage(chat, "before reset");
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
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.sendMessage(chat, "after reset"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertThat(ok(call("GET", "/_emulator/config", null)).get("scanDelayMillis").asLong()).isZero();
		assertThat(ok(call("GET", "/_emulator/faults", null)).get("rules")).isEmpty();
		assertThat(ok(call("GET", "/_emulator/throttling", null)).get("rules")).isEmpty();
		assertThat(ok(call("GET", "/_emulator/clock", null)).get("offsetMillis").asLong()).isZero();
		// and the emulator works as new
		Clients.Chat fresh = this.clients.chat("Bob");
		this.clients.sendMessage(fresh, "hello");
		assertThat(transcript(fresh)).hasSize(2);
	}

	@Test
	void healthAndRequestTotals() {
		assertThat(ok(call("GET", "/_emulator/health", null)).get("status").asString()).isEqualTo("UP");
		Clients.Chat chat = this.clients.chat("Ada");
		this.clients.sendMessage(chat, "one");
		this.clients.sendMessage(chat, "two");
		this.clients.sendMessage(chat, "three");
		transcript(chat);
		JsonNode requests = ok(call("GET", "/_emulator/requests", null));
		assertThat(requests.get("StartChatContact").asLong()).isEqualTo(1);
		assertThat(requests.get("CreateParticipantConnection").asLong()).isEqualTo(1);
		assertThat(requests.get("SendMessage").asLong()).isEqualTo(3);
		assertThat(requests.get("GetTranscript").asLong()).isEqualTo(1);
		assertThat(emulator.emulator().requestCount("SendMessage")).isEqualTo(3);
	}

	// ---------------------------------------------------------------- helpers

	/** The whole transcript, oldest first (up to 100 items). */
	private List<Item> transcript(Clients.Chat chat) {
		return this.clients.participant()
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
		for (JsonNode attachment : ok(call("GET", "/_emulator/contacts/" + chat.contactId(), null))
			.get("attachments")) {
			if (attachment.get("attachmentId").asString().equals(attachmentId)) {
				return attachment.get("status").asString();
			}
		}
		throw new AssertionError("no attachment " + attachmentId);
	}

	/** Starts, uploads and completes an attachment; returns its id. */
	private String upload(Clients.Chat chat, String name, byte[] content) {
		return Uploads
			.uploadAndComplete(this.clients.participant(), chat, name,
					name.endsWith(".pdf") ? "application/pdf" : "text/plain", content, UUID.randomUUID().toString(),
					UUID.randomUUID().toString())
			.attachmentId();
	}

	private static HttpResponse<String> call(String method, String path, String body) {
		return EmulatorHttp.control(emulator.baseUri(), method, path, body);
	}

	private static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode())
			.as(response.request().method() + " " + response.uri() + " -> " + response.body())
			.isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return EmulatorHttp.json(response);
	}

	private static void assertError(HttpResponse<String> response, int status, String mentioned) {
		assertThat(response.statusCode())
			.as(response.request().method() + " " + response.uri() + " -> " + response.body())
			.isEqualTo(status);
		JsonNode body = EmulatorHttp.json(response);
		assertThat(body.get("message").asString()).containsIgnoringCase(mentioned);
	}

}
