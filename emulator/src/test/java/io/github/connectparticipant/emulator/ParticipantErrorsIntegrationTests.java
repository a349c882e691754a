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
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static io.github.connectparticipant.emulator.ChatOperations.ENDED;
import static io.github.connectparticipant.emulator.ChatOperations.TYPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Participant Service's modeled errors arriving as their own SDK exception classes:
 * unknown, expired and ended-chat tokens, throttling and server faults, a completion
 * before the upload, and the attachment quota.
 */
class ParticipantErrorsIntegrationTests {

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	@RegisterExtension
	final Clients clients = new Clients(emulator);

	private final ChatOperations operations = new ChatOperations(emulator, this.clients);

	// ------------------------------------------------------------ AccessDeniedException

	@Test
	void anUnknownConnectionTokenIsDeniedOnEveryOperation() {
		String token = "unknown-token";
		List<Runnable> calls = List.of(
				() -> this.clients.participant()
					.sendMessage((r) -> r.connectionToken(token).contentType("text/plain").content("x")),
				() -> this.clients.participant().sendEvent((r) -> r.connectionToken(token).contentType(TYPING)),
				() -> this.clients.participant().getTranscript((r) -> r.connectionToken(token)),
				() -> this.clients.participant()
					.startAttachmentUpload((r) -> r.connectionToken(token)
						.attachmentName("a.txt")
						.contentType("text/plain")
						.attachmentSizeInBytes(1L)
						.clientToken("c")),
				() -> this.clients.participant()
					.completeAttachmentUpload((r) -> r.connectionToken(token).attachmentIds("a").clientToken("c")),
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
		// about the token's lifetime, not Connect's rule that ends a chat nobody
		// subscribed to
		emulator.emulator().updateSettings((settings) -> settings.subscribeTimeout(Duration.ZERO));
		Clients.Chat chat = this.clients.chat("Ada");
		this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken()));
		emulator.emulator().advanceClock(Duration.ofHours(25));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(
					() -> this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())))
			.withMessageContaining("expired");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.sendMessage(chat, "hi"));
		// the ParticipantToken still gives a fresh ConnectionToken while the chat is on
		String fresh = this.clients.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS))
			.connectionCredentials()
			.connectionToken();
		assertThat(this.clients.participant().getTranscript((r) -> r.connectionToken(fresh)).transcript()).isNotEmpty();
	}

	@Test
	void writesAfterTheChatEndedAreDeniedButTheTranscriptStaysReadable() {
		Clients.Chat chat = this.clients.chat("Ada");
		String attachmentId = this.operations.uploadAndComplete(chat, "a.txt", "abc".getBytes(StandardCharsets.UTF_8));
		String pendingUpload = this.clients.participant()
			.startAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
				.attachmentName("b.txt")
				.contentType("text/plain")
				.attachmentSizeInBytes(1L)
				.clientToken("pending"))
			.attachmentId();
		assertThat(
				this.operations.control("POST", "/_emulator/contacts/" + chat.contactId() + "/end", "{}").statusCode())
			.isEqualTo(200);

		String token = chat.connectionToken();
		List<Runnable> writes = List.of(
				() -> this.clients.participant()
					.sendMessage((r) -> r.connectionToken(token).contentType("text/plain").content("x")),
				() -> this.clients.participant().sendEvent((r) -> r.connectionToken(token).contentType(TYPING)),
				() -> this.clients.participant()
					.startAttachmentUpload((r) -> r.connectionToken(token)
						.attachmentName("c.txt")
						.contentType("text/plain")
						.attachmentSizeInBytes(1L)
						.clientToken("after-end")),
				() -> this.clients.participant()
					.completeAttachmentUpload((r) -> r.connectionToken(token)
						.attachmentIds(pendingUpload)
						.clientToken("complete-after-end")),
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

	// ------------------------------------------------------------ ThrottlingException,
	// InternalServerException

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
		assertThat(
				this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())).transcript())
			.hasSize(4);
		emulator.emulator().clearThrottles();
		this.clients.sendMessage(chat, "m4");
	}

	@Test
	void throttleAndServerErrorFaultsArriveAsTheirExceptionClasses() {
		Clients.Chat chat = this.clients.chat("Ada");
		emulator.emulator()
			.setFaults(0, List.of(FaultRule.times("GetTranscript", "THROTTLE", 1),
					FaultRule.times("GetTranscript", "SERVER_ERROR", 1)));
		ThrottlingException throttled = Clients.thrownBy(ThrottlingException.class,
				() -> this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThat(throttled.statusCode()).isEqualTo(429);
		InternalServerException internal = Clients.thrownBy(InternalServerException.class,
				() -> this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())));
		assertThat(internal.statusCode()).isEqualTo(500);
		assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalServerException");
		assertThat(
				this.clients.participant().getTranscript((r) -> r.connectionToken(chat.connectionToken())).transcript())
			.hasSize(1);
	}

	// ------------------------------------------------------------ refused completion,
	// ServiceQuotaExceededException

	@Test
	void completingBeforeThePutIsRefused() {
		Clients.Chat chat = this.clients.chat("Ada");
		StartAttachmentUploadResponse started = this.operations.startUpload(chat, "a.txt", 3, "u");
		ValidationException refused = Clients.thrownBy(ValidationException.class,
				() -> Uploads.complete(this.clients.participant(), chat, started.attachmentId(), "c"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("has not been uploaded");
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).containsEntry(started.attachmentId(),
				"UPLOADING");
	}

	@Test
	void moreAttachmentsThanTheQuotaAreRefused() {
		emulator.emulator().updateSettings((b) -> b.maxAttachmentsPerContact(2));
		Clients.Chat chat = this.clients.chat("Ada");
		StartAttachmentUploadResponse first = this.operations.startUpload(chat, "a.txt", 1, "u1");
		this.operations.startUpload(chat, "b.txt", 1, "u2");
		ServiceQuotaExceededException quota = Clients.thrownBy(ServiceQuotaExceededException.class,
				() -> this.operations.startUpload(chat, "c.txt", 1, "u3"));
		assertThat(quota.statusCode()).isEqualTo(402);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(2);
		// a replay of an upload already counted is not a new attachment
		assertThat(this.operations.startUpload(chat, "a.txt", 1, "u1").attachmentId()).isEqualTo(first.attachmentId());
	}

}
