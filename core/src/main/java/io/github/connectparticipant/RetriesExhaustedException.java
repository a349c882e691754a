package io.github.connectparticipant;

import org.jspecify.annotations.Nullable;

/**
 * Every attempt of a retryable call failed (throttling, server errors, I/O errors or
 * timeouts). The message says how many attempts were made and what the last one received;
 * the cause is the last failure. Try again later, or raise the attempt budget.
 */
public class RetriesExhaustedException extends ConnectParticipantException {

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
	public RetriesExhaustedException(String message, String operation, @Nullable String errorCode,
			@Nullable String requestId, int attempts, @Nullable Throwable cause) {
		super(message, operation, errorCode, requestId, attempts, cause);
	}

}
