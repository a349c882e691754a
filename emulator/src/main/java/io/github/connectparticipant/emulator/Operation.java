package io.github.connectparticipant.emulator;

/**
 * Every operation the emulator serves, by the name that request counts, fault rules and
 * throttles use.
 */
enum Operation {

	START_CHAT_CONTACT("StartChatContact", Api.CONNECT),

	STOP_CONTACT("StopContact", Api.CONNECT),

	CREATE_PARTICIPANT_CONNECTION("CreateParticipantConnection", Api.PARTICIPANT),

	DISCONNECT_PARTICIPANT("DisconnectParticipant", Api.PARTICIPANT),

	SEND_MESSAGE("SendMessage", Api.PARTICIPANT),

	SEND_EVENT("SendEvent", Api.PARTICIPANT),

	GET_TRANSCRIPT("GetTranscript", Api.PARTICIPANT),

	START_ATTACHMENT_UPLOAD("StartAttachmentUpload", Api.PARTICIPANT),

	COMPLETE_ATTACHMENT_UPLOAD("CompleteAttachmentUpload", Api.PARTICIPANT),

	GET_ATTACHMENT("GetAttachment", Api.PARTICIPANT),

	DESCRIBE_VIEW("DescribeView", Api.PARTICIPANT),

	GET_AUTHENTICATION_URL("GetAuthenticationUrl", Api.PARTICIPANT),

	CANCEL_PARTICIPANT_AUTHENTICATION("CancelParticipantAuthentication", Api.PARTICIPANT),

	/** A PUT to an attachment's pre-signed upload URL. */
	UPLOAD_OBJECT("UploadObject", Api.OBJECTS),

	/** A GET or HEAD of an attachment's pre-signed download URL. */
	DOWNLOAD_OBJECT("DownloadObject", Api.OBJECTS);

	private final String wireName;

	private final Api api;

	Operation(String wireName, Api api) {
		this.wireName = wireName;
		this.api = api;
	}

	/** The operation's name in the service model. */
	String wireName() {
		return this.wireName;
	}

	Api api() {
		return this.api;
	}

	/** The operation of a service model's name, or null. */
	static Operation named(String wireName) {
		for (Operation operation : values()) {
			if (operation.wireName.equals(wireName)) {
				return operation;
			}
		}
		return null;
	}

	/** Which API an operation belongs to: each has its own error dialect. */
	enum Api {

		/** Amazon Connect's own API (StartChatContact, StopContact). */
		CONNECT,

		/** The Participant Service. */
		PARTICIPANT,

		/** The S3-like object endpoint of pre-signed URLs. */
		OBJECTS

	}

}
