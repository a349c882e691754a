package io.github.connectparticipant.emulator;

import java.util.UUID;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.Wire.StartChatContactRequest;
import io.github.connectparticipant.emulator.Wire.StartChatContactResponse;
import io.github.connectparticipant.emulator.Wire.StopContactRequest;

/** Amazon Connect's side of a chat: StartChatContact and StopContact. */
final class ConnectOperations {

	private final OperationContext context;

	ConnectOperations(OperationContext context) {
		this.context = context;
	}

	Wire.Response startChatContact(ApiCall call) {
		StartChatContactRequest request = call.request(StartChatContactRequest.class);
		Wire.ChatMessage initial = request.initialMessage();
		if (initial != null) {
			ContentTypes.checkMessage(initial.contentType(), initial.content(), "InitialMessage.");
		}
		return this.context.idempotency().startChat(request.instanceId(), request.clientToken(), call.body(), () -> {
			StartedChat chat = startChat(request.instanceId(), request.contactFlowId(),
					request.participantDetails().displayName(), initial);
			return new StartChatContactResponse(chat.contactId(), chat.participantId(), chat.participantToken());
		});
	}

	/** Starts a chat with its customer, who holds the ParticipantToken returned. */
	StartedChat startChat(String instanceId, String contactFlowId, String displayName,
			Wire.ChatMessage initialMessage) {
		Participant customer = new Participant(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				ParticipantRole.CUSTOMER, displayName);
		String token = this.context.tokens().participantToken(customer);
		Contact contact = this.context.store().newContact(instanceId, contactFlowId, customer, initialMessage);
		return new StartedChat(contact.id, customer.id, token);
	}

	Wire.Response stopContact(ApiCall call) {
		StopContactRequest request = call.request(StopContactRequest.class);
		Contact contact = this.context.store().find(request.contactId());
		if (contact == null || !contact.instanceId.equals(request.instanceId())) {
			throw new ApiException(410, "ContactNotFoundException", "Contact not found");
		}
		synchronized (contact) {
			if (contact.ended) {
				throw new ApiException(410, "ContactNotFoundException", "Contact is not active");
			}
			this.context.store().end(contact);
		}
		return Wire.Empty.INSTANCE;
	}

}
