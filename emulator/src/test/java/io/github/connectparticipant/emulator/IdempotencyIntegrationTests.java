package io.github.connectparticipant.emulator;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.SendEventResponse;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;

import static io.github.connectparticipant.emulator.ChatEvents.DELIVERED;
import static io.github.connectparticipant.emulator.ChatEvents.LEFT;
import static io.github.connectparticipant.emulator.ChatEvents.READ;
import static io.github.connectparticipant.emulator.ChatEvents.TYPING;
import static io.github.connectparticipant.emulator.EmulatorHttp.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Idempotent replays by ClientToken of the Participant Service's writes: a replay returns
 * the first result and writes nothing, also after the chat ended.
 */
class IdempotencyIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	// ------------------------------------------------------------ idempotency of the
	// Participant operations

	@Test
	void startAttachmentUploadIsIdempotentByClientToken(Clients.Chat chat) {
		StartAttachmentUploadResponse first = fixture.startUpload(chat, "a.txt", 10, "upload-1");
		StartAttachmentUploadResponse again = fixture.startUpload(chat, "a.txt", 10, "upload-1");
		assertThat(again.attachmentId()).isEqualTo(first.attachmentId());
		assertThat(again.uploadMetadata().url()).isEqualTo(first.uploadMetadata().url());
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).hasSize(1);

		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.startUpload(chat, "b.txt", 10, "upload-1"))
			.withMessageContaining("ClientToken");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.startUpload(chat, "a.txt", 11, "upload-1"))
			.withMessageContaining("ClientToken");
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
	}

	@Test
	void completeAttachmentUploadIsIdempotentByClientToken(Clients.Chat chat) {
		byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
		StartAttachmentUploadResponse started = fixture.startUpload(chat, "a.txt", content.length, "u");
		assertThat(EmulatorHttp.send(Uploads.put(started, content)).statusCode()).isEqualTo(200);
		StartAttachmentUploadResponse other = fixture.startUpload(chat, "b.txt", 1, "u2");
		for (int i = 0; i < 2; i++) {
			Uploads.complete(fixture.participant(), chat, started.attachmentId(), "complete-1");
		}
		assertThat(fixture.attachmentItems(chat.contactId())).isEqualTo(1);
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> Uploads.complete(fixture.participant(), chat, other.attachmentId(), "complete-1"))
			.withMessageContaining("ClientToken");
		assertThat(fixture.attachmentItems(chat.contactId())).isEqualTo(1);
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId()))
			.containsEntry(started.attachmentId(), "APPROVED")
			.containsEntry(other.attachmentId(), "UPLOADING");
	}

	@Test
	void sendMessageIsIdempotentByClientToken(Clients.Chat chat) {
		SendMessageResponse first = fixture.sendMessage(chat, "hello", "message-1");
		int items = fixture.itemCount(chat.contactId());
		SendMessageResponse again = fixture.sendMessage(chat, "hello", "message-1");
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.absoluteTime()).isEqualTo(first.absoluteTime());
		assertThat(fixture.itemCount(chat.contactId())).isEqualTo(items);

		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.sendMessage(chat, "hello again", "message-1"))
			.withMessageContaining("ClientToken");
		assertThat(fixture.itemCount(chat.contactId())).isEqualTo(items);
	}

	@Test
	void sendEventIsIdempotentByClientToken(Clients.Chat chat) {
		String messageId = fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello");
		String content = "{\"messageId\":\"" + messageId + "\"}";
		SendEventResponse first = fixture.sendEvent(chat, READ, content, "event-1");
		SendEventResponse again = fixture.sendEvent(chat, READ, content, "event-1");
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.absoluteTime()).isEqualTo(first.absoluteTime());
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> fixture.sendEvent(chat, DELIVERED, content, "event-1"))
			.withMessageContaining("ClientToken");
		// without a ClientToken of its own each event is new
		SendEventResponse typing1 = fixture.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(TYPING));
		SendEventResponse typing2 = fixture.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken()).contentType(TYPING));
		assertThat(typing1.id()).isNotEqualTo(typing2.id());
	}

	@Test
	void disconnectParticipantIsIdempotentByClientToken(Clients.Chat chat) {
		fixture.participant()
			.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()).clientToken("disconnect-1"));
		int items = fixture.itemCount(chat.contactId());
		// the replay answers as the first call did, though the participant has gone
		fixture.participant()
			.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()).clientToken("disconnect-1"));
		assertThat(fixture.itemCount(chat.contactId())).isEqualTo(items);
		assertThat(list(fixture.contactState(chat.contactId()).get("items")).stream()
			.filter((item) -> LEFT.equals(item.get("ContentType").asString()))
			.count()).isEqualTo(1);
		// a new ClientToken is a new request, refused for a disconnected participant
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()).clientToken("disconnect-2")));
	}

	@Test
	void aReplayAfterTheChatEndedReturnsTheFirstResultWhileNewWritesAreDenied(Clients.Chat chat) {
		SendMessageResponse sent = fixture.sendMessage(chat, "sent before the end", "message-1");
		StartAttachmentUploadResponse started = fixture.startUpload(chat, "a.txt", 1, "upload-1");
		fixture.emulator().endChat(chat.contactId());
		int items = fixture.itemCount(chat.contactId());

		// a client whose answer was lost retries with the same ClientToken: the request
		// did take effect
		SendMessageResponse replay = fixture.sendMessage(chat, "sent before the end", "message-1");
		assertThat(replay.id()).isEqualTo(sent.id());
		assertThat(fixture.startUpload(chat, "a.txt", 1, "upload-1").attachmentId()).isEqualTo(started.attachmentId());
		assertThat(fixture.itemCount(chat.contactId())).isEqualTo(items);

		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> fixture.sendMessage(chat, "sent before the end", "message-2"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> fixture.startUpload(chat, "a.txt", 1, "upload-2"));
		assertThat(fixture.itemCount(chat.contactId())).isEqualTo(items);
		assertThat(fixture.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
	}

}
