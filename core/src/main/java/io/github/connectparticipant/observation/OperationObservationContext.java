package io.github.connectparticipant.observation;

/**
 * The context of {@link ParticipantObservationDocumentation#OPERATION}: one call of a
 * service method, such as {@code attachment.upload} or {@code transcript.page}, with the
 * attachment bytes it moved.
 */
public class OperationObservationContext extends ParticipantObservationContext {

	private long uploadedBytes;

	private long downloadedBytes;

	/**
	 * Create a context.
	 * @param operation the service method observed, such as {@code attachment.upload}
	 */
	public OperationObservationContext(String operation) {
		super(operation);
	}

	/**
	 * Return the attachment bytes the operation uploaded.
	 * @return the bytes, {@code 0} for none
	 */
	public long getUploadedBytes() {
		return this.uploadedBytes;
	}

	/**
	 * Add attachment bytes the operation uploaded.
	 * @param bytes the bytes
	 */
	public void addUploadedBytes(long bytes) {
		this.uploadedBytes += bytes;
	}

	/**
	 * Return the attachment bytes the operation downloaded.
	 * @return the bytes, {@code 0} for none
	 */
	public long getDownloadedBytes() {
		return this.downloadedBytes;
	}

	/**
	 * Add attachment bytes the operation downloaded.
	 * @param bytes the bytes
	 */
	public void addDownloadedBytes(long bytes) {
		this.downloadedBytes += bytes;
	}

}
