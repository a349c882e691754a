package io.github.connectparticipant;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A call, or a wait such as the one for an attachment's scan verdict, did not finish
 * within its configured time.
 */
public class OperationTimeoutException extends ConnectParticipantException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message what went wrong and what to do next
	 * @param operation the operation that failed
	 * @param errorCode the AWS error code, if any
	 * @param requestId the request id the service sent, if any
	 * @param attempts how many attempts were made (0 when refused before any request)
	 * @param cause the underlying failure, if any
	 */
	public OperationTimeoutException(String message, String operation, @Nullable String errorCode,
			@Nullable String requestId, int attempts, @Nullable Throwable cause) {
		super(message, operation, errorCode, requestId, attempts, cause);
	}

	/**
	 * Create the exception for an attachment whose scan gave no verdict in time.
	 * @param attachmentId the attachment's id
	 * @param scanTimeout how long the wait lasted
	 * @param status the attachment's last known status, if any
	 * @return the exception
	 */
	public static OperationTimeoutException noScanVerdict(String attachmentId, Duration scanTimeout,
			@Nullable Object status) {
		return new OperationTimeoutException("no scan verdict for attachment " + attachmentId + " within " + scanTimeout
				+ " (scanTimeout)" + ((status != null) ? "; its status is " + status : ""), "awaitScan", null, null, 0,
				null);
	}

}
