package io.github.connectparticipant;

import org.jspecify.annotations.Nullable;

/**
 * The request was refused as invalid, either locally before anything was sent or by the
 * service ({@code ValidationException}, HTTP 400). Not retried: change the input.
 */
public class InvalidRequestException extends ConnectParticipantException {

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
	public InvalidRequestException(String message, String operation, @Nullable String errorCode,
			@Nullable String requestId, int attempts, @Nullable Throwable cause) {
		super(message, operation, errorCode, requestId, attempts, cause);
	}

	/**
	 * Create the exception for a request refused before anything was sent.
	 * @param operation the call that was not made
	 * @param problem what is wrong with the request and how to fix it
	 * @return the exception
	 */
	public static InvalidRequestException refusedBeforeSending(ParticipantOperation operation, String problem) {
		return new InvalidRequestException(problem + ". Nothing was sent", operation.operationName(), null, null, 0,
				null);
	}

}
