package io.github.connectparticipant.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens of the Participant API: ParticipantTokens (from StartChatContact) and
 * ConnectionTokens (from CreateParticipantConnection), random and unguessable. Tokens are
 * secrets: no message or log line carries one.
 */
final class Tokens {

	private final SecureRandom random = new SecureRandom();

	private final ChatStore store;

	private final Map<String, Participant> participantTokens = new ConcurrentHashMap<>();

	private final Map<String, Grant> connectionTokens = new ConcurrentHashMap<>();

	Tokens(ChatStore store) {
		this.store = store;
	}

	void reset() {
		this.participantTokens.clear();
		this.connectionTokens.clear();
	}

	/** A new ParticipantToken for the participant. */
	String participantToken(Participant participant) {
		String token = newToken();
		this.participantTokens.put(token, participant);
		return token;
	}

	/** A new ConnectionToken for the participant, valid until {@code expiry}. */
	String connectionToken(Participant participant, Instant expiry) {
		String token = newToken();
		this.connectionTokens.put(token, new Grant(participant, expiry));
		return token;
	}

	/** The participant of a ParticipantToken, or an access denial. */
	Participant byParticipantToken(String token) {
		Participant participant = (token != null) ? this.participantTokens.get(token) : null;
		if (participant == null) {
			throw ApiException.accessDenied("The ParticipantToken is not valid");
		}
		return participant;
	}

	/**
	 * The participant a ConnectionToken was issued to, whether or not it is still valid;
	 * or null.
	 */
	Participant issuedTo(String connectionToken) {
		Grant grant = this.connectionTokens.get((connectionToken != null) ? connectionToken : "");
		return (grant != null) ? grant.participant() : null;
	}

	/**
	 * The contact a bearer token belongs to, whether or not it is still valid; for
	 * request accounting.
	 */
	String contactIdForToken(String token) {
		if (token == null) {
			return null;
		}
		Grant grant = this.connectionTokens.get(token);
		if (grant != null) {
			return grant.participant().contactId;
		}
		Participant participant = this.participantTokens.get(token);
		return (participant != null) ? participant.contactId : null;
	}

	/**
	 * The participant a ConnectionToken belongs to; unknown, expired and disconnected
	 * tokens are denied, and with {@code refuseEndedChat} tokens of an ended chat too.
	 */
	Participant authenticate(String connectionToken, boolean refuseEndedChat) {
		if (connectionToken == null || connectionToken.isEmpty()) {
			throw ApiException.accessDenied("Missing ConnectionToken in the X-Amz-Bearer header");
		}
		Grant grant = this.connectionTokens.get(connectionToken);
		if (grant == null) {
			throw ApiException.accessDenied("The ConnectionToken is not valid");
		}
		if (this.store.clock().instant().isAfter(grant.expiry())) {
			throw ApiException.accessDenied("The ConnectionToken has expired");
		}
		Participant participant = grant.participant();
		Contact contact = this.store.contact(participant.contactId);
		synchronized (contact) {
			if (participant.disconnected) {
				throw ApiException.accessDenied("The participant has disconnected");
			}
			if (refuseEndedChat && contact.ended) {
				throw ApiException.accessDenied("The chat has ended");
			}
		}
		return participant;
	}

	private String newToken() {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private record Grant(Participant participant, Instant expiry) {
	}

}
