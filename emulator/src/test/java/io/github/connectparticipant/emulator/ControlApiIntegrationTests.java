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

import static io.github.connectparticipant.emulator.ChatEvents.ENDED;
import static io.github.connectparticipant.emulator.ChatEvents.JOINED;
import static io.github.connectparticipant.emulator.ChatEvents.LEFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code /_emulator/} control API over HTTP, its effects observed through the real
 * SDK.
 */
class ControlApiIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void agentMessagesJoinTheAgentThenAddTheMessage(Clients.Chat chat) {
		JsonNode added = ok(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"displayName\":\"Agent Smith\",\"content\":\"Hello Ada\",\"contentType\":\"text/plain\"}"));
		assertThat(added.get("absoluteTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		ok(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"displayName\":\"Agent Smith\",\"content\":\"**Anything else?**\",\"contentType\":\"text/markdown\"}"));
		ok(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
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

		assertError(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"WIZARD\",\"content\":\"x\"}"), 400, "role");
		assertError(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\"}"), 400, "content");
		assertError(fixture.control("POST", "/_emulator/contacts/no-such-contact/messages",
				"{\"role\":\"AGENT\",\"content\":\"x\"}"), 404, "no-such-contact");
		assertThat(transcript(chat)).hasSize(5);
	}

	@Test
	void endingAChatWritesTheEventsAndRefusesWrites(Clients.Chat chat) {
		ok(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"displayName\":\"Agent\",\"content\":\"Hi\"}"));
		ok(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/end", null));

		List<Item> items = transcript(chat);
		assertThat(items).extracting(Item::contentType).endsWith(LEFT, ENDED);
		assertThat(items.get(items.size() - 2).participantRole()).isEqualTo(ParticipantRole.AGENT);
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.sendMessage((r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content("hello?")));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertError(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/messages",
				"{\"role\":\"AGENT\",\"content\":\"too late\"}"), 409, "ended");
		ok(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/end", null)); // ending
		// twice
		// is
		// harmless
		assertThat(transcript(chat)).hasSameSizeAs(items);
		assertThat(ok(fixture.control("GET", "/_emulator/contacts/" + chat.contactId(), null)).get("ended").asBoolean())
			.isTrue();
		assertError(fixture.control("POST", "/_emulator/contacts/no-such-contact/end", null), 404, "no-such-contact");
	}

	@Test
	void contactStateListsItemsAttachmentsAndRequestCounts(Clients.Chat chat) {
		Clients.Chat other = fixture.chat("Bob");
		fixture.sendMessage(chat, "one");
		fixture.sendMessage(chat, "two");
		String attachmentId = upload(chat, "notes.txt", "some notes".getBytes(StandardCharsets.UTF_8));
		List<Item> viaSdk = transcript(chat);

		JsonNode state = ok(fixture.control("GET", "/_emulator/contacts/" + chat.contactId(), null));
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
		assertThat(fixture.emulator().requestCount(chat.contactId(), "SendMessage")).isEqualTo(2);

		JsonNode contacts = ok(fixture.control("GET", "/_emulator/contacts", null));
		List<String> listed = new ArrayList<>();
		contacts.forEach((id) -> listed.add(id.asString()));
		assertThat(listed).containsExactlyInAnyOrder(chat.contactId(), other.contactId());
		assertError(fixture.control("GET", "/_emulator/contacts/no-such-contact", null), 404, "no-such-contact");
	}

	@Test
	void faultsAreInstalledListedAndCleared(Clients.Chat chat) {
		JsonNode installed = ok(fixture.control("PUT", "/_emulator/faults",
				"{\"seed\":42,\"rules\":["
						+ "{\"operation\":\"SendMessage\",\"fault\":\"THROTTLE\",\"probability\":1.0,\"times\":1},"
						+ "{\"operation\":\"GetTranscript\",\"fault\":\"server_error\",\"times\":2}]}"));
		assertThat(installed.get("rules")).hasSize(2);
		JsonNode listed = ok(fixture.control("GET", "/_emulator/faults", null));
		assertThat(listed.get("rules").get(0).get("operation").asString()).isEqualTo("SendMessage");
		assertThat(listed.get("rules").get(0).get("fault").asString()).isEqualTo("THROTTLE");
		assertThat(listed.get("rules").get(0).get("times").asInt()).isEqualTo(1);
		assertThat(listed.get("rules").get(1).get("probability").asDouble()).isEqualTo(1.0);

		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> fixture.sendMessage(chat, "first"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(429));
		fixture.sendMessage(chat, "second"); // the rule covered one request only
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> transcript(chat))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500));
		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> transcript(chat));
		assertThat(transcript(chat)).hasSize(2);

		ok(fixture.control("PUT", "/_emulator/faults", "{\"rules\":[{\"operation\":\"*\",\"fault\":\"THROTTLE\"}]}"));
		assertError(
				fixture.control("PUT", "/_emulator/faults", "{\"rules\":[{\"operation\":\"*\",\"fault\":\"METEOR\"}]}"),
				400, "METEOR");
		assertThat(ok(fixture.control("GET", "/_emulator/faults", null)).get("rules"))
			.as("a refused PUT changes nothing")
			.hasSize(1);
		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> fixture.sendMessage(chat, "third"));
		assertThat(ok(fixture.control("DELETE", "/_emulator/faults", null)).get("rules")).isEmpty();
		fixture.sendMessage(chat, "fourth");
		assertThat(ok(fixture.control("GET", "/_emulator/faults", null)).get("rules")).isEmpty();
	}

	@Test
	void throttlingIsATokenBucketPerOperation(Clients.Chat chat) {
		JsonNode installed = ok(fixture.control("PUT", "/_emulator/throttling",
				"{\"rules\":[{\"operation\":\"SendMessage\",\"ratePerSecond\":0.001,\"burst\":2}]}"));
		assertThat(installed.get("rules")).singleElement().satisfies((rule) -> {
			assertThat(rule.get("operation").asString()).isEqualTo("SendMessage");
			assertThat(rule.get("ratePerSecond").asDouble()).isEqualTo(0.001);
			assertThat(rule.get("burst").asInt()).isEqualTo(2);
		});
		assertThat(ok(fixture.control("GET", "/_emulator/throttling", null))).isEqualTo(installed);
		fixture.sendMessage(chat, "one");
		fixture.sendMessage(chat, "two");
		assertThatExceptionOfType(ThrottlingException.class).isThrownBy(() -> fixture.sendMessage(chat, "three"));
		assertThat(transcript(chat)).as("other operations are not throttled").hasSize(3);
		assertThat(ok(fixture.control("DELETE", "/_emulator/throttling", null)).get("rules")).isEmpty();
		fixture.sendMessage(chat, "four");
		assertThat(ok(fixture.control("GET", "/_emulator/throttling", null)).get("rules")).isEmpty();
	}

	@Test
	void scanDelayKeepsAnAttachmentInProgressUntilTheClockAdvances() {
		JsonNode defaults = ok(fixture.control("GET", "/_emulator/config", null));
		assertThat(defaults.get("scanDelayMillis").asLong()).isZero();
		assertThat(defaults.get("connectionTokenExpirySeconds").asLong()).isEqualTo(24 * 3600);
		assertThat(defaults.get("uploadUrlExpirySeconds").asLong()).isEqualTo(300);
		assertThat(defaults.get("maxAttachmentSizeBytes").asLong()).isEqualTo(20L * 1024 * 1024);
		assertThat(defaults.get("allowedContentTypes")).hasSizeGreaterThan(10);

		JsonNode updated = ok(fixture.control("PUT", "/_emulator/config", "{\"scanDelayMillis\":60000}"));
		assertThat(updated.get("scanDelayMillis").asLong()).isEqualTo(60000);
		assertThat(updated.get("connectionTokenExpirySeconds").asLong()).as("other settings unchanged")
			.isEqualTo(24 * 3600);
		assertThat(ok(fixture.control("GET", "/_emulator/config", null))).isEqualTo(updated);

		Clients.Chat chat = fixture.chat("Ada");
		String attachmentId = upload(chat, "scan-me.pdf", "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII));
		assertThat(attachmentStatus(chat, attachmentId)).isEqualTo(ArtifactStatus.IN_PROGRESS);
		assertThat(stateStatus(chat, attachmentId)).isEqualTo("IN_PROGRESS");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> fixture.participant()
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(attachmentId)));

		JsonNode clock = ok(fixture.control("POST", "/_emulator/clock/advance", "{\"seconds\":61}"));
		assertThat(clock.get("offsetMillis").asLong()).isEqualTo(61_000);
		assertThat(Duration.between(Instant.now(), Instant.parse(clock.get("now").asString())))
			.isBetween(Duration.ofSeconds(55), Duration.ofSeconds(70));
		assertThat(ok(fixture.control("GET", "/_emulator/clock", null)).get("offsetMillis").asLong()).isEqualTo(61_000);
		assertThat(attachmentStatus(chat, attachmentId)).isEqualTo(ArtifactStatus.APPROVED);
		assertThat(stateStatus(chat, attachmentId)).isEqualTo("APPROVED");
		assertThat(fixture.participant()
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(attachmentId))
			.attachmentSizeInBytes()).isEqualTo(12);
	}

	@Test
	void configuredTokenExpiryAndTheClockExpireConnectionTokens() {
		ok(fixture.control("PUT", "/_emulator/config", "{\"connectionTokenExpirySeconds\":60}"));
		Clients.Chat chat = fixture.chat("Ada");
		CreateParticipantConnectionResponse connection = fixture.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS));
		Instant expiry = Instant.parse(connection.connectionCredentials().expiry());
		assertThat(Duration.between(Instant.now(), expiry)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
		assertThat(transcript(chat)).isNotEmpty();
		ok(fixture.control("POST", "/_emulator/clock/advance", "{\"millis\":61000}"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> transcript(chat));
	}

	@Test
	void verdictsDecideAScanAtOnce() {
		ok(fixture.control("PUT", "/_emulator/config", "{\"scanDelayMillis\":600000}"));
		Clients.Chat chat = fixture.chat("Ada");
		String rejected = upload(chat, "a.txt", "harmless".getBytes(StandardCharsets.UTF_8));
		String approved = upload(chat, "b.txt", "harmless too".getBytes(StandardCharsets.UTF_8));
		assertThat(attachmentStatus(chat, rejected)).isEqualTo(ArtifactStatus.IN_PROGRESS);

		ok(fixture.control("POST", "/_emulator/attachments/" + rejected + "/verdict", "{\"status\":\"REJECTED\"}"));
		ok(fixture.control("POST", "/_emulator/attachments/" + approved + "/verdict", "{\"status\":\"APPROVED\"}"));
		assertThat(attachmentStatus(chat, rejected)).isEqualTo(ArtifactStatus.REJECTED);
		assertThat(attachmentStatus(chat, approved)).isEqualTo(ArtifactStatus.APPROVED);
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(rejected, "REJECTED")
			.containsEntry(approved, "APPROVED");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> fixture.participant()
			.getAttachment((r) -> r.connectionToken(chat.connectionToken()).attachmentId(rejected)));

		assertError(
				fixture.control("POST", "/_emulator/attachments/" + approved + "/verdict", "{\"status\":\"CLEAN\"}"),
				400, "status");
		assertError(fixture.control("POST", "/_emulator/attachments/no-such-attachment/verdict",
				"{\"status\":\"APPROVED\"}"), 404, "no-such-attachment");
	}

	@Test
	void viewsPutThroughTheControlApiAreDescribed(Clients.Chat chat) {
		ok(fixture.control("PUT", "/_emulator/views/view-token-1",
				"{\"Id\":\"view-1\",\"Arn\":\"arn:aws:connect:view/view-1\","
						+ "\"Name\":\"Address form\",\"Version\":3,\"Content\":{\"Template\":\"{}\",\"Actions\":[\"Submit\"]}}"));
		View view = fixture.participant()
			.describeView((r) -> r.connectionToken(chat.connectionToken()).viewToken("view-token-1"))
			.view();
		assertThat(view.name()).isEqualTo("Address form");
		assertThat(view.version()).isEqualTo(3);
		assertThat(view.content().actions()).containsExactly("Submit");
	}

	@Test
	void resetClearsContactsTokensSettingsFaultsCountsAndTheClock(Clients.Chat chat) {
		fixture.sendMessage(chat, "before reset");
		ok(fixture.control("PUT", "/_emulator/config", "{\"scanDelayMillis\":1000}"));
		ok(fixture.control("PUT", "/_emulator/faults",
				"{\"rules\":[{\"operation\":\"DescribeView\",\"fault\":\"THROTTLE\"}]}"));
		ok(fixture.control("PUT", "/_emulator/throttling",
				"{\"rules\":[{\"operation\":\"DescribeView\",\"ratePerSecond\":1,\"burst\":1}]}"));
		ok(fixture.control("POST", "/_emulator/clock/advance", "{\"seconds\":5}"));

		assertThat(ok(fixture.control("POST", "/_emulator/reset", null))).isEmpty();
		JsonNode requests = ok(fixture.control("GET", "/_emulator/requests", null));
		assertThat(requests).as("counts restart at the reset").isEmpty();

		assertThat(ok(fixture.control("GET", "/_emulator/contacts", null))).isEmpty();
		assertError(fixture.control("GET", "/_emulator/contacts/" + chat.contactId(), null), 404, chat.contactId());
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> transcript(chat));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> fixture.sendMessage(chat, "after reset"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS)));
		assertThat(ok(fixture.control("GET", "/_emulator/config", null)).get("scanDelayMillis").asLong()).isZero();
		assertThat(ok(fixture.control("GET", "/_emulator/faults", null)).get("rules")).isEmpty();
		assertThat(ok(fixture.control("GET", "/_emulator/throttling", null)).get("rules")).isEmpty();
		assertThat(ok(fixture.control("GET", "/_emulator/clock", null)).get("offsetMillis").asLong()).isZero();
		// and the emulator works as new
		Clients.Chat fresh = fixture.chat("Bob");
		fixture.sendMessage(fresh, "hello");
		assertThat(transcript(fresh)).hasSize(2);
	}

	@Test
	void healthAndRequestTotals() {
		assertThat(ok(fixture.control("GET", "/_emulator/health", null)).get("status").asString()).isEqualTo("UP");
		Clients.Chat chat = fixture.chat("Ada");
		fixture.sendMessage(chat, "one");
		fixture.sendMessage(chat, "two");
		fixture.sendMessage(chat, "three");
		transcript(chat);
		JsonNode requests = ok(fixture.control("GET", "/_emulator/requests", null));
		assertThat(requests.get("StartChatContact").asLong()).isEqualTo(1);
		assertThat(requests.get("CreateParticipantConnection").asLong()).isEqualTo(1);
		assertThat(requests.get("SendMessage").asLong()).isEqualTo(3);
		assertThat(requests.get("GetTranscript").asLong()).isEqualTo(1);
		assertThat(fixture.emulator().requestCount("SendMessage")).isEqualTo(3);
	}

	// ---------------------------------------------------------------- helpers

	/** The whole transcript, oldest first (up to 100 items). */
	private List<Item> transcript(Clients.Chat chat) {
		return fixture.participant()
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
		for (JsonNode attachment : ok(fixture.control("GET", "/_emulator/contacts/" + chat.contactId(), null))
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
			.uploadAndComplete(fixture.participant(), chat, name,
					name.endsWith(".pdf") ? "application/pdf" : "text/plain", content, UUID.randomUUID().toString(),
					UUID.randomUUID().toString())
			.attachmentId();
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
