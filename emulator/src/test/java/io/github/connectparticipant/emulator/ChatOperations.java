package io.github.connectparticipant.emulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.connect.model.StartChatContactResponse;
import software.amazon.awssdk.services.connectparticipant.model.SendEventResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import tools.jackson.databind.JsonNode;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls and reads the operation tests share: chats started and uploads made through
 * the SDK clients of a {@link Clients}, and a contact's state read through the control
 * API.
 */
final class ChatOperations {

	static final String JOINED = "application/vnd.amazonaws.connect.event.participant.joined";

	static final String LEFT = "application/vnd.amazonaws.connect.event.participant.left";

	static final String ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

	static final String TYPING = "application/vnd.amazonaws.connect.event.typing";

	static final String DELIVERED = "application/vnd.amazonaws.connect.event.message.delivered";

	static final String READ = "application/vnd.amazonaws.connect.event.message.read";

	private final ConnectParticipantEmulatorExtension emulator;

	private final Clients clients;

	ChatOperations(ConnectParticipantEmulatorExtension emulator, Clients clients) {
		this.emulator = emulator;
		this.clients = clients;
	}

	StartChatContactResponse startChat(String displayName, String clientToken) {
		return this.clients.connect()
			.startChatContact((r) -> r.instanceId("instance-1")
				.contactFlowId("flow-1")
				.participantDetails((p) -> p.displayName(displayName))
				.clientToken(clientToken));
	}

	StartAttachmentUploadResponse startUpload(Clients.Chat chat, String name, long size, String clientToken) {
		return this.clients.participant()
			.startAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
				.attachmentName(name)
				.contentType("text/plain")
				.attachmentSizeInBytes(size)
				.clientToken(clientToken));
	}

	SendEventResponse sendEvent(Clients.Chat chat, String contentType, String content, String clientToken) {
		return this.clients.participant()
			.sendEvent((r) -> r.connectionToken(chat.connectionToken())
				.contentType(contentType)
				.content(content)
				.clientToken(clientToken));
	}

	String uploadAndComplete(Clients.Chat chat, String name, byte[] content) {
		return Uploads
			.uploadAndComplete(this.clients.participant(), chat, name, "text/plain", content, "upload-" + name,
					"complete-" + name)
			.attachmentId();
	}

	HttpResponse<String> control(String method, String path, String body) {
		return EmulatorHttp.control(this.emulator.baseUri(), method, path, body);
	}

	JsonNode contactState(String contactId) {
		return EmulatorHttp.contactState(this.emulator.baseUri(), contactId);
	}

	int itemCount(String contactId) {
		return contactState(contactId).get("items").size();
	}

	long attachmentItems(String contactId) {
		return list(contactState(contactId).get("items")).stream()
			.filter((item) -> "ATTACHMENT".equals(item.get("Type").asString()))
			.count();
	}

	static List<JsonNode> list(JsonNode array) {
		List<JsonNode> result = new ArrayList<>();
		array.forEach(result::add);
		return result;
	}

	static void assertIsoMillis(String time) {
		assertThat(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
	}

}
