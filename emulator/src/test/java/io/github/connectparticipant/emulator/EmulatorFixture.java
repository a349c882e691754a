package io.github.connectparticipant.emulator;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.StartChatContactResponse;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.SendEventResponse;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import tools.jackson.databind.JsonNode;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

/**
 * What an emulator integration test class runs against: the emulator of
 * {@link ConnectParticipantEmulatorExtension}, the real SDK clients of {@link Clients}
 * opened on it for each test, and the calls and reads the tests share. Registered in a
 * {@code static} field it starts the emulator before the class's first test, resets it
 * and opens the clients before each test, closes the clients after each test and stops
 * the emulator after the last:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EmulatorFixture fixture = new EmulatorFixture();
 * </pre>
 *
 * One field orders the two lifecycles, so the clients never outlive or precede their
 * emulator. A test method's {@link Clients.Chat} parameter is a chat started for that
 * test with its clients, its customer Ada connected; a test that must change the emulator
 * first calls {@link #chat(String)} itself.
 */
class EmulatorFixture extends ConnectParticipantEmulatorExtension {

	private final Clients clients = new Clients(this);

	@Override
	public void beforeEach(ExtensionContext context) {
		super.beforeEach(context);
		this.clients.beforeEach(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			this.clients.afterEach(context);
		}
		finally {
			super.afterEach(context);
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Clients.Chat.class || super.supportsParameter(parameter, context);
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		if (parameter.getParameter().getType() == Clients.Chat.class) {
			return chat("Ada");
		}
		return super.resolveParameter(parameter, context);
	}

	/** This test's Participant Service client. */
	ConnectParticipantClient participant() {
		return this.clients.participant();
	}

	/** This test's Amazon Connect client. */
	ConnectClient connect() {
		return this.clients.connect();
	}

	/** Starts a chat with this test's clients and connects its customer. */
	Clients.Chat chat(String displayName) {
		return this.clients.chat(displayName);
	}

	/** Sends a {@code text/plain} message as the chat's customer. */
	SendMessageResponse sendMessage(Clients.Chat chat, String text) {
		return this.clients.sendMessage(chat, text);
	}

	/**
	 * Sends a {@code text/plain} message as the chat's customer, with a ClientToken (or
	 * none when null).
	 */
	SendMessageResponse sendMessage(Clients.Chat chat, String text, String clientToken) {
		return this.clients.sendMessage(chat, text, clientToken);
	}

	/** Starts a chat without connecting its customer, with a ClientToken (or none). */
	StartChatContactResponse startChat(String displayName, String clientToken) {
		return connect().startChatContact((r) -> r.instanceId("instance-1")
			.contactFlowId("flow-1")
			.participantDetails((p) -> p.displayName(displayName))
			.clientToken(clientToken));
	}

	StartAttachmentUploadResponse startUpload(Clients.Chat chat, String name, long size, String clientToken) {
		return startUpload(chat.connectionToken(), name, size, clientToken);
	}

	/** Starts a {@code text/plain} upload with a ConnectionToken, valid or not. */
	StartAttachmentUploadResponse startUpload(String connectionToken, String name, long size, String clientToken) {
		return participant().startAttachmentUpload((r) -> r.connectionToken(connectionToken)
			.attachmentName(name)
			.contentType("text/plain")
			.attachmentSizeInBytes(size)
			.clientToken(clientToken));
	}

	SendEventResponse sendEvent(Clients.Chat chat, String contentType, String content, String clientToken) {
		return participant().sendEvent((r) -> r.connectionToken(chat.connectionToken())
			.contentType(contentType)
			.content(content)
			.clientToken(clientToken));
	}

	/** Uploads a {@code text/plain} attachment and completes it; returns its id. */
	String uploadAndComplete(Clients.Chat chat, String name, byte[] content) {
		return Uploads
			.uploadAndComplete(participant(), chat, name, "text/plain", content, "upload-" + name, "complete-" + name)
			.attachmentId();
	}

	/** A WebSocket URL for the chat's customer, from CreateParticipantConnection. */
	String websocketUrl(Clients.Chat chat) {
		return participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.WEBSOCKET))
			.websocket()
			.url();
	}

	/** Sends a request to the control API, with a JSON body or (when null) none. */
	HttpResponse<String> control(String method, String path, String body) {
		return EmulatorHttp.control(baseUri(), method, path, body);
	}

	/** The control API's view of a contact, which must be found. */
	JsonNode contactState(String contactId) {
		return EmulatorHttp.contactState(baseUri(), contactId);
	}

	int itemCount(String contactId) {
		return contactState(contactId).get("items").size();
	}

	long attachmentItems(String contactId) {
		return EmulatorHttp.list(contactState(contactId).get("items"))
			.stream()
			.filter((item) -> "ATTACHMENT".equals(item.get("Type").asString()))
			.count();
	}

}
