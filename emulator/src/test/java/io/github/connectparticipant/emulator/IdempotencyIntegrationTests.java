package io.github.connectparticipant.emulator;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.SendEventResponse;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static io.github.connectparticipant.emulator.ChatOperations.DELIVERED;
import static io.github.connectparticipant.emulator.ChatOperations.LEFT;
import static io.github.connectparticipant.emulator.ChatOperations.READ;
import static io.github.connectparticipant.emulator.ChatOperations.TYPING;
import static io.github.connectparticipant.emulator.ChatOperations.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Idempotent replays by ClientToken of the Participant Service's writes: a replay returns
 * the first result and writes nothing, also after the chat ended.
 */
class IdempotencyIntegrationTests {

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	@RegisterExtension
	final Clients clients = new Clients(emulator);

	private final ChatOperations operations = new ChatOperations(emulator, this.clients);

	// ------------------------------------------------------------ idempotency of the
	// Participant operations

	@Test
	void startAttachmentUploadIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		StartAttachmentUploadResponse first = this.operations.startUpload(chat, "a.txt", 10, "upload-1");
		StartAttachmentUploadResponse again = this.operations.startUpload(chat, "a.txt", 10, "upload-1");
		assertThat(again.attachmentId()).isEqualTo(first.attachmentId());
		assertThat(again.uploadMetadata().url()).isEqualTo(first.uploadMetadata().url());
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(1);

		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.operations.startUpload(chat, "b.txt", 10, "upload-1"))
			.withMessageContaining("ClientToken");
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.operations.startUpload(chat, "a.txt", 11, "upload-1"))
			.withMessageContaining("ClientToken");
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
	}

	@Test
	void completeAttachmentUploadIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
		StartAttachmentUploadResponse started = this.operations.startUpload(chat, "a.txt", content.length, "u");
		assertThat(EmulatorHttp.send(Uploads.put(started, content)).statusCode()).isEqualTo(200);
		StartAttachmentUploadResponse other = this.operations.startUpload(chat, "b.txt", 1, "u2");
		for (int i = 0; i < 2; i++) {
			Uploads.complete(this.clients.participant(), chat, started.attachmentId(), "complete-1");
		}
		assertThat(this.operations.attachmentItems(chat.contactId())).isEqualTo(1);
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> Uploads.complete(this.clients.participant(), chat, other.attachmentId(), "complete-1"))
			.withMessageContaining("ClientToken");
		assertThat(this.operations.attachmentItems(chat.contactId())).isEqualTo(1);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId()))
			.containsEntry(started.attachmentId(), "APPROVED")
			.containsEntry(other.attachmentId(), "UPLOADING");
	}

	@Test
	void sendMessageIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		SendMessageResponse first = this.clients.sendMessage(chat, "hello", "message-1");
		int items = this.operations.itemCount(chat.contactId());
		SendMessageResponse again = this.clients.sendMessage(chat, "hello", "message-1");
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.absoluteTime()).isEqualTo(first.absoluteTime());
		assertThat(this.operations.itemCount(chat.contactId())).isEqualTo(items);

		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.clients.sendMessage(chat, "hello again", "message-1"))
			.withMessageContaining("ClientToken");
		assertThat(this.operations.itemCount(chat.contactId())).isEqualTo(items);
	}

	@Test
	void sendEventIsIdempotentByClientToken() {
		Clients.Chat chat = this.clients.chat("Ada");
		String messageId = emulator.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "Hello");
		String content = "{\"messageId\":\"" + messageId + "\"}";
		SendEventResponse first = this.operations.sendEvent(chat, READ, content, "event-1");
		SendEventResponse again = this.operations.sendEvent(chat, READ, content, "event-1");
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.absoluteTime()).isEqualTo(first.absoluteTime());
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.operations.sendEvent(chat, DELIVERED, content, "event-1"))
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
		int items = this.operations.itemCount(chat.contactId());
		// the replay answers as the first call did, though the participant has gone
		this.clients.participant()
			.disconnectParticipant((r) -> r.connectionToken(chat.connectionToken()).clientToken("disconnect-1"));
		assertThat(this.operations.itemCount(chat.contactId())).isEqualTo(items);
		assertThat(list(this.operations.contactState(chat.contactId()).get("items")).stream()
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
		StartAttachmentUploadResponse started = this.operations.startUpload(chat, "a.txt", 1, "upload-1");
		emulator.emulator().endChat(chat.contactId());
		int items = this.operations.itemCount(chat.contactId());

		// a client whose answer was lost retries with the same ClientToken: the request
		// did take effect
		SendMessageResponse replay = this.clients.sendMessage(chat, "sent before the end", "message-1");
		assertThat(replay.id()).isEqualTo(sent.id());
		assertThat(this.operations.startUpload(chat, "a.txt", 1, "upload-1").attachmentId())
			.isEqualTo(started.attachmentId());
		assertThat(this.operations.itemCount(chat.contactId())).isEqualTo(items);

		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.sendMessage(chat, "sent before the end", "message-2"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.operations.startUpload(chat, "a.txt", 1, "upload-2"));
		assertThat(this.operations.itemCount(chat.contactId())).isEqualTo(items);
		assertThat(emulator.emulator().attachmentStatuses(chat.contactId())).hasSize(1);
	}

}
