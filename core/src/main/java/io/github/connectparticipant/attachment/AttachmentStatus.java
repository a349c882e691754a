package io.github.connectparticipant.attachment;

/**
 * Where an attachment stands in Amazon Connect's malware scan.
 */
public enum AttachmentStatus {

	/**
	 * Uploaded and being scanned; it cannot be downloaded yet.
	 */
	IN_PROGRESS,

	/**
	 * Scanned and approved; it can be downloaded.
	 */
	APPROVED,

	/**
	 * Scanned and rejected (for example, malware was found); it can never be downloaded.
	 */
	REJECTED,

	/**
	 * A status this version of the library does not know.
	 */
	UNKNOWN;

	/**
	 * Return the status for the service's value.
	 * @param value the service's status, possibly {@code null}
	 * @return the status, {@link #UNKNOWN} when not recognised
	 */
	public static AttachmentStatus fromValue(@org.jspecify.annotations.Nullable String value) {
		if (value != null) {
			for (AttachmentStatus status : values()) {
				if (status.name().equals(value)) {
					return status;
				}
			}
		}
		return UNKNOWN;
	}

}
