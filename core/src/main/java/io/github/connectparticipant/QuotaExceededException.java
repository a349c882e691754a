package io.github.connectparticipant;

import org.jspecify.annotations.Nullable;

/**
 * A service quota was exceeded ({@code ServiceQuotaExceededException}, HTTP 402), for
 * example the number of attachments of a contact. Not retried.
 */
public class QuotaExceededException extends ConnectParticipantException {

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
	public QuotaExceededException(String message, String operation, @Nullable String errorCode,
			@Nullable String requestId, int attempts, @Nullable Throwable cause) {
		super(message, operation, errorCode, requestId, attempts, cause);
	}

}
