package io.github.connectparticipant;

import java.util.Optional;

/**
 * The calls the library makes: the Participant Service's API operations it uses, the two
 * transfers to and from pre-signed attachment URLs, and Connect's StartChatContact. Their
 * names are the service's operation names, as they appear in metrics, observations,
 * quotas and exceptions.
 */
public enum ParticipantOperation {

	/** {@code CreateParticipantConnection}: a connection token and a WebSocket URL. */
	CREATE_PARTICIPANT_CONNECTION("CreateParticipantConnection"),

	/** {@code DisconnectParticipant}: the participant leaves the chat. */
	DISCONNECT_PARTICIPANT("DisconnectParticipant"),

	/** {@code GetTranscript}: one page of the chat's transcript. */
	GET_TRANSCRIPT("GetTranscript"),

	/** {@code SendMessage}: a message from the participant. */
	SEND_MESSAGE("SendMessage"),

	/** {@code SendEvent}: typing, read and delivered receipts. */
	SEND_EVENT("SendEvent"),

	/** {@code StartAttachmentUpload}: an attachment id and a pre-signed upload URL. */
	START_ATTACHMENT_UPLOAD("StartAttachmentUpload"),

	/** {@code CompleteAttachmentUpload}: the uploaded attachment goes to the scan. */
	COMPLETE_ATTACHMENT_UPLOAD("CompleteAttachmentUpload"),

	/** {@code GetAttachment}: a pre-signed download URL of an approved attachment. */
	GET_ATTACHMENT("GetAttachment"),

	/** The {@code PUT} of an attachment's bytes to its pre-signed upload URL. */
	UPLOAD_OBJECT("UploadObject"),

	/** The {@code GET} of an attachment's bytes from its pre-signed download URL. */
	DOWNLOAD_OBJECT("DownloadObject"),

	/**
	 * Amazon Connect's {@code StartChatContact}, which starts the chat a participant
	 * joins: a call of the Connect service rather than the Participant Service, which an
	 * application makes through the same executor.
	 */
	START_CHAT_CONTACT("StartChatContact");

	private final String operationName;

	ParticipantOperation(String operationName) {
		this.operationName = operationName;
	}

	/**
	 * The operation's name: the service's name of an API operation, e.g.
	 * {@code GetTranscript}; {@code UploadObject} or {@code DownloadObject} for a
	 * transfer.
	 * @return the name
	 */
	public String operationName() {
		return this.operationName;
	}

	/**
	 * Whether this is a transfer to or from a pre-signed URL rather than a call of the
	 * service's API.
	 * @return {@code true} for {@link #UPLOAD_OBJECT} and {@link #DOWNLOAD_OBJECT}
	 */
	public boolean isTransfer() {
		return this == UPLOAD_OBJECT || this == DOWNLOAD_OBJECT;
	}

	/**
	 * The operation of a name, as {@link #operationName()} gives it.
	 * @param operationName an operation's name, e.g. {@code GetTranscript}
	 * @return the operation, or empty when the library makes no such call
	 */
	public static Optional<ParticipantOperation> fromName(String operationName) {
		for (ParticipantOperation operation : values()) {
			if (operation.operationName.equals(operationName)) {
				return Optional.of(operation);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return this.operationName;
	}

}
