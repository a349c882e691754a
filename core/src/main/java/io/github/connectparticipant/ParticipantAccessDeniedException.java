package io.github.connectparticipant;

import org.jspecify.annotations.Nullable;

/**
 * The service refused the participant's connection ({@code AccessDeniedException}, HTTP
 * 403): the connection token is unknown or expired, the participant disconnected or the
 * chat has ended, or a pre-signed URL was refused. Not retried, except that a connection
 * created from a participant token is refreshed once and the call repeated once.
 */
public class ParticipantAccessDeniedException extends ConnectParticipantException {

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
	public ParticipantAccessDeniedException(String message, String operation, @Nullable String errorCode,
			@Nullable String requestId, int attempts, @Nullable Throwable cause) {
		super(message, operation, errorCode, requestId, attempts, cause);
	}

}
