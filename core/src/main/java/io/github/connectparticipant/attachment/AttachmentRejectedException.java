package io.github.connectparticipant.attachment;

import io.github.connectparticipant.ConnectParticipantException;

/**
 * Amazon Connect's malware scan rejected an uploaded attachment: it stays in the
 * transcript as {@code REJECTED} and can never be downloaded. Check the file; a new
 * upload of the same content will be rejected again.
 */
public class AttachmentRejectedException extends ConnectParticipantException {

	private static final long serialVersionUID = 1L;

	private final Attachment attachment;

	/**
	 * Create a new exception.
	 * @param attachment the rejected attachment
	 */
	public AttachmentRejectedException(Attachment attachment) {
		super("attachment " + attachment.id() + " ('" + attachment.name() + "') was rejected by the malware scan "
				+ "and cannot be downloaded", "awaitScan", "REJECTED", null, 0, null);
		this.attachment = attachment;
	}

	/**
	 * Return the rejected attachment, with status {@link AttachmentStatus#REJECTED}.
	 * @return the attachment
	 */
	public Attachment getAttachment() {
		return this.attachment;
	}

}
