package io.github.connectparticipant.sample.chat;

import java.time.Instant;

import io.github.connectparticipant.connection.ParticipantConnection;

/**
 * A chat started by the application, known to clients only by its opaque handle. The
 * participant's connection (and through it the ParticipantToken and ConnectionToken)
 * stays on the server.
 *
 * @param id the opaque handle clients use
 * @param displayName the customer's display name
 * @param contactId Amazon Connect's contact id (an identifier, not a credential)
 * @param startedAt when the chat was started
 * @param connection the customer's participant connection
 */
public record Chat(String id, String displayName, String contactId, Instant startedAt,
		ParticipantConnection connection) {

	@Override
	public String toString() {
		return "Chat[id=" + this.id + ", contactId=" + this.contactId + "]";
	}

}
