package io.github.connectparticipant.benchmarks;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;

/**
 * What the chat benchmarks ask of the emulator beside the participant API: start a chat,
 * as Amazon Connect's StartChatContact does, and add another participant's message to it.
 * The emulator in this JVM answers through its Java API, a {@link ForkedEmulator} over
 * HTTP.
 */
interface ChatControl {

	/**
	 * Start a chat with a customer.
	 * @param displayName the customer's display name
	 * @return the contact and the customer's ParticipantToken
	 */
	StartedChat startChat(String displayName) throws Exception;

	/**
	 * Add a message from another participant (an agent, a bot) to a chat; a participant
	 * new to the chat joins first.
	 * @param contactId the chat
	 * @param role the participant's role, e.g. {@code AGENT}
	 * @param displayName the participant's display name
	 * @param content the message, plain text
	 */
	void addMessage(String contactId, String role, String displayName, String content) throws Exception;

	/**
	 * The emulator in this JVM, through its Java API.
	 * @param emulator the emulator
	 * @return its control
	 */
	static ChatControl of(ConnectParticipantEmulator emulator) {
		return new ChatControl() {

			@Override
			public StartedChat startChat(String displayName) {
				return emulator.startChat(displayName);
			}

			@Override
			public void addMessage(String contactId, String role, String displayName, String content) {
				emulator.addMessage(contactId, role, displayName, content);
			}

		};
	}

}
