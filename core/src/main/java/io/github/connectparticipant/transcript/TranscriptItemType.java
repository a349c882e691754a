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
		if (value != null) {
			for (TranscriptItemType type : values()) {
				if (type.name().equals(value)) {
					return type;
				}
			}
		}
		return UNKNOWN;
	}

}
