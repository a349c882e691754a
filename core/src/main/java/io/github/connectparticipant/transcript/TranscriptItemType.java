package io.github.connectparticipant.transcript;

/**
 * The kind of a transcript item.
 */
public enum TranscriptItemType {

	/** A participant is typing. */
	TYPING,

	/** A participant joined. */
	PARTICIPANT_JOINED,

	/** A participant left. */
	PARTICIPANT_LEFT,

	/** The chat ended. */
	CHAT_ENDED,

	/** A transfer succeeded. */
	TRANSFER_SUCCEEDED,

	/** A transfer failed. */
	TRANSFER_FAILED,

	/** A message. */
	MESSAGE,

	/** An event (its content type says which, such as a participant joining). */
	EVENT,

	/** An attachment. */
	ATTACHMENT,

	/** A connection acknowledgement. */
	CONNECTION_ACK,

	/** A message was delivered. */
	MESSAGE_DELIVERED,

	/** A message was read. */
	MESSAGE_READ,

	/** A type this version of the library does not know. */
	UNKNOWN;

	/**
	 * Return the type for the service's value.
	 * @param value the service's type, possibly {@code null}
	 * @return the type, {@link #UNKNOWN} when not recognised
	 */
	public static TranscriptItemType fromValue(@org.jspecify.annotations.Nullable String value) {
		if (value == null) {
			return UNKNOWN;
		}
		// a switch rather than values() (a copy for every item) or a map (whose lookup
		// JIT-compiles slower)
		return switch (value) {
			case "TYPING" -> TYPING;
			case "PARTICIPANT_JOINED" -> PARTICIPANT_JOINED;
			case "PARTICIPANT_LEFT" -> PARTICIPANT_LEFT;
			case "CHAT_ENDED" -> CHAT_ENDED;
			case "TRANSFER_SUCCEEDED" -> TRANSFER_SUCCEEDED;
			case "TRANSFER_FAILED" -> TRANSFER_FAILED;
			case "MESSAGE" -> MESSAGE;
			case "EVENT" -> EVENT;
			case "ATTACHMENT" -> ATTACHMENT;
			case "CONNECTION_ACK" -> CONNECTION_ACK;
			case "MESSAGE_DELIVERED" -> MESSAGE_DELIVERED;
			case "MESSAGE_READ" -> MESSAGE_READ;
			default -> UNKNOWN;
		};
	}

}
