package io.github.connectparticipant.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.InternalServerException;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;

import static io.github.connectparticipant.emulator.ChatEvents.ENDED;
import static io.github.connectparticipant.emulator.ChatEvents.TYPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Participant Service's modeled errors arriving as their own SDK exception classes:
 * unknown, expired and ended-chat tokens, throttling and server faults, a completion
 * before the upload, and the attachment quota.
 */
class ParticipantErrorsIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	// ------------------------------------------------------------ AccessDeniedException

	@Test
	void anUnknownConnectionTokenIsDeniedOnEveryOperation() {
		String token = "unknown-token";
		List<Runnable> calls = List.of(
				() -> fixture.participant()
					.sendMessage((r) -> r.connectionToken(token).contentType("text/plain").content("x")),
				() -> fixture.participant().sendEvent((r) -> r.connectionToken(token).contentType(TYPING)),
				() -> fixture.participant().getTranscript((r) -> r.connectionToken(token)),
				() -> fixture.startUpload(token, "a.txt", 1, "c"),
				() -> fixture.participant()
					.completeAttachmentUpload((r) -> r.connectionToken(token).attachmentIds("a").clientToken("c")),
				() -> fixture.participant().getAttachment((r) -> r.connectionToken(token).attachmentId("a")),
				() -> fixture.participant().describeView((r) -> r.connectionToken(token).viewToken("v")),
				() -> fixture.participant().disconnectParticipant((r) -> r.connectionToken(token)));
		for (Runnable call : calls) {
			AccessDeniedException denied = Clients.thrownBy(AccessDeniedException.class, call::run);
			assertThat(denied.statusCode()).isEqualTo(403);
			assertThat(denied.getMessage()).doesNotContain(token);
		}
	}

	@Test
	void anExpiredConnectionTokenIsDenied() {
		// about the token's lifetime, not Connect's rule that ends a chat nobody
		// subscribed to
		fixture.emulator().updateSettings((settings) -> settings.subscribeTimeout(Duration.ZERO));
		Clients.Chat chat = fixture.chat("Ada");
		fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken()));
		fixture.emulator().advanceClock(Duration.ofHours(25));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())))
			.withMessageContaining("expired");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.sendMessage(chat, "hi"));
		// the ParticipantToken still gives a fresh ConnectionToken while the chat is on
		String fresh = fixture.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS))
			.connectionCredentials()
			.connectionToken();
		assertThat(fixture.participant().getTranscript((r) -> r.connectionToken(fresh)).transcript()).isNotEmpty();
	}

	@Test
	void writesAfterTheChatEndedAreDeniedButTheTranscriptStaysReadable(Clients.Chat chat) {
		String attachmentId = fixture.uploadAndComplete(chat, "a.txt", "abc".getBytes(StandardCharsets.UTF_8));
		String pendingUpload = fixture.startUpload(chat, "b.txt", 1, "pending").attachmentId();
		assertThat(fixture.control("POST", "/_emulator/contacts/" + chat.contactId() + "/end", "{}").statusCode())
			.isEqualTo(200);

		String token = chat.connectionToken();
		List<Runnable> writes = List.of(
				() -> fixture.participant()
					.sendMessage((r) -> r.connectionToken(token).contentType("text/plain").content("x")),
				() -> fixture.participant().sendEvent((r) -> r.connectionToken(token).contentType(TYPING)),
				() -> fixture.startUpload(token, "c.txt", 1, "after-end"),
				() -> fixture.participant()
					.completeAttachmentUpload((r) -> r.connectionToken(token)
						.attachmentIds(pendingUpload)
						.clientToken("complete-after-end")),
				() -> fixture.participant()
					.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
						.type(ConnectionType.CONNECTION_CREDENTIALS)));
		for (Runnable write : writes) {
			assertThat(Clients.thrownBy(AccessDeniedException.class, write::run).statusCode()).isEqualTo(403);
		}

		List<Item> transcript = fixture.participant().getTranscript((r) -> r.connectionToken(token)).transcript();
		assertThat(transcript.get(0).contentType()).isEqualTo(ENDED);
		assertThat(
				fixture.participant().getAttachment((r) -> r.connectionToken(token).attachmentId(attachmentId)).url())
			.isNotBlank();
	}

	// ------------------------------------------------------------ ThrottlingException,
	// InternalServerException

	@Test
	void aTokenBucketAllowsItsBurstThenThrottles(Clients.Chat chat) {
		fixture.emulator().setThrottle("SendMessage", 0.001, 3);
		for (int i = 0; i < 3; i++) {
			int n = i;
			fixture.sendMessage(chat, "m" + n);
		}
		ThrottlingException throttled = Clients.thrownBy(ThrottlingException.class,
				() -> fixture.sendMessage(chat, "m3"));
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
		// other operations have their own (absent) bucket
		assertThat(fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())).transcript())
			.hasSize(4);
		fixture.emulator().clearThrottles();
		fixture.sendMessage(chat, "m4");
	}

	@Test
	void throttleAndServerErrorFaultsArriveAsTheirExceptionClasses(Clients.Chat chat) {
		fixture.emulator()
			.setFaults(0, List.of(FaultRule.times("GetTranscript", "THROTTLE", 1),
					FaultRule.times("GetTranscript", "SERVER_ERROR", 1)));
		ThrottlingException throttled = Clients.thrownBy(ThrottlingException.class,
				() -> fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThat(throttled.statusCode()).isEqualTo(429);
		InternalServerException internal = Clients.thrownBy(InternalServerException.class,
				() -> fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThat(internal.statusCode()).isEqualTo(500);
		assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalServerException");
		assertThat(fixture.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())).transcript())
			.hasSize(1);
	}

	// ------------------------------------------------------------ refused completion,
	// ServiceQuotaExceededException

	@Test
	void completingBeforeThePutIsRefused(Clients.Chat chat) {
		StartAttachmentUploadResponse started = fixture.startUpload(chat, "a.txt", 3, "u");
		ValidationException refused = Clients.thrownBy(ValidationException.class,
				() -> Uploads.complete(fixture.participant(), chat, started.attachmentId(), "c"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("has not been uploaded");
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).containsEntry(started.attachmentId(),
				"UPLOADING");
	}

	@Test
	void moreAttachmentsThanTheQuotaAreRefused() {
		fixture.emulator().updateSettings((b) -> b.maxAttachmentsPerContact(2));
		Clients.Chat chat = fixture.chat("Ada");
		StartAttachmentUploadResponse first = fixture.startUpload(chat, "a.txt", 1, "u1");
		fixture.startUpload(chat, "b.txt", 1, "u2");
		ServiceQuotaExceededException quota = Clients.thrownBy(ServiceQuotaExceededException.class,
				() -> fixture.startUpload(chat, "c.txt", 1, "u3"));
		assertThat(quota.statusCode()).isEqualTo(402);
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).hasSize(2);
		// a replay of an upload already counted is not a new attachment
		assertThat(fixture.startUpload(chat, "a.txt", 1, "u1").attachmentId()).isEqualTo(first.attachmentId());
	}

}
