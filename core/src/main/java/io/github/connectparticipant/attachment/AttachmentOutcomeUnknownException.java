package io.github.connectparticipant.attachment;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.RetriesExhaustedException;

/**
 * CompleteAttachmentUpload ran out of attempts, an attempt whose answer was lost may have
 * completed the upload, and the transcript could not be read to find out; or
 * CompleteAttachmentUpload answered that the attachment is already being completed (by
 * such an attempt), and the transcript did not show it within the call timeout. The
 * attachment may or may not be in the chat: ask
 * {@link AttachmentService#status(io.github.connectparticipant.connection.ParticipantConnection, String)
 * status} with {@link #getAttachmentId()} later, before uploading the file again.
 * <p>
 * The library first looks at the transcript whenever CompleteAttachmentUpload fails for
 * good: an upload whose completion is seen there is a success, one that is not seen there
 * is a plain {@link RetriesExhaustedException}. This exception is left only when that
 * look fails as well, or when a completion in progress does not show in time.
 */
public class AttachmentOutcomeUnknownException extends RetriesExhaustedException {

	private static final long serialVersionUID = 1L;

	private final String attachmentId;

	/**
	 * Create a new exception.
	 * @param attachmentId the attachment whose completion is unknown
	 * @param cause the failure of CompleteAttachmentUpload
	 */
	public AttachmentOutcomeUnknownException(String attachmentId, ConnectParticipantException cause) {
		super("the outcome of attachment " + attachmentId + " is unknown: every attempt failed (" + cause.getMessage()
				+ "), an answer may have been lost after the upload completed, and the "
				+ "transcript could not be read to find out. Look at its status later before uploading the file "
				+ "again", cause.getOperation(), cause.getErrorCode(), cause.getRequestId(), cause.getAttempts(),
				cause);
		this.attachmentId = attachmentId;
	}

	private AttachmentOutcomeUnknownException(String attachmentId, String message, ConnectParticipantException cause) {
		super(message, cause.getOperation(), cause.getErrorCode(), cause.getRequestId(), cause.getAttempts(), cause);
		this.attachmentId = attachmentId;
	}

	/**
	 * Create the exception for a CompleteAttachmentUpload that answered that the
	 * attachment is already being completed, whose completion the transcript did not
	 * show.
	 * @param attachmentId the attachment whose completion is unknown
	 * @param cause the conflict
	 * @param transcriptRead whether the transcript was read (and did not show the
	 * attachment in time) or could not be read
	 * @return the exception
	 */
	static AttachmentOutcomeUnknownException completing(String attachmentId, ConnectParticipantException cause,
			boolean transcriptRead) {
		return new AttachmentOutcomeUnknownException(attachmentId, "the outcome of attachment " + attachmentId
				+ " is unknown: CompleteAttachmentUpload answered that it is already being completed (by an earlier "
				+ "attempt whose answer was lost), and the transcript "
				+ (transcriptRead ? "did not show it within the call timeout (callTimeout)"
						: "could not be read to find out")
				+ ". Look at its status later before uploading the file again", cause);
	}

	/**
	 * Return the attachment whose completion is unknown.
	 * @return the attachment id
	 */
	public String getAttachmentId() {
		return this.attachmentId;
	}

}
