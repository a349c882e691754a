package io.github.connectparticipant.emulator;

/**
 * Where an attachment is: the service's statuses ({@code IN_PROGRESS}, {@code APPROVED},
 * {@code REJECTED}) after completion, and the emulator's own before it, which the control
 * API shows.
 */
enum AttachmentStatus {

	/** Started; its object has not been uploaded. */
	UPLOADING,

	/** Its object has been uploaded; not completed. */
	UPLOADED,

	/** A CompleteAttachmentUpload of it is in progress. */
	COMPLETING,

	/** Completed and being scanned. */
	IN_PROGRESS,

	/** Scanned and clean: it may be downloaded. */
	APPROVED,

	/** Scanned and refused. */
	REJECTED;

	/** A scan verdict the control API sets, or a validation error. */
	static AttachmentStatus verdict(String value) {
		if (APPROVED.name().equals(value)) {
			return APPROVED;
		}
		if (REJECTED.name().equals(value)) {
			return REJECTED;
		}
		throw ApiException.validation("status must be APPROVED or REJECTED");
	}

}
