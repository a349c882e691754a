package io.github.connectparticipant;

import org.jspecify.annotations.Nullable;

/**
 * Root of the library's exceptions: every failure of a call to the Amazon Connect
 * Participant Service, or of a transfer to or from a pre-signed URL, arrives as this type
 * or one of its subclasses.
 * <p>
 * Each exception names the operation that failed ({@code StartAttachmentUpload},
 * {@code UploadObject}, ...), the AWS error code and request id when the service sent
 * one, and how many attempts were made. Messages never contain connection tokens,
 * participant tokens or pre-signed URLs.
 *
 * @see InvalidRequestException
 * @see ParticipantAccessDeniedException
 * @see QuotaExceededException
 * @see RequestConflictException
 * @see RetriesExhaustedException
 * @see OperationTimeoutException
 */
public class ConnectParticipantException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String operation;

	private final @Nullable String errorCode;

	private final @Nullable String requestId;

	private final int attempts;

	/**
	 * Create a new exception.
	 * @param message what went wrong and what to do next
	 * @param operation the operation that failed
	 * @param errorCode the AWS (or S3-style) error code, if any
	 * @param requestId the request id the service sent, if any
	 * @param attempts how many attempts were made (0 when refused before any request)
	 * @param cause the underlying failure, if any
	 */
	public ConnectParticipantException(String message, String operation, @Nullable String errorCode,
			@Nullable String requestId, int attempts, @Nullable Throwable cause) {
		super(compose(message, operation, errorCode, requestId, attempts), cause);
		this.operation = operation;
		this.errorCode = errorCode;
		this.requestId = requestId;
		this.attempts = attempts;
	}

	/**
	 * Create the exception for an answer the library cannot use: the service's response
	 * lacks what the operation needs, or a transfer's bytes differ from what was
	 * announced.
	 * @param operation the operation whose answer was unusable
	 * @param problem what is wrong with the answer
	 * @param requestId the request id the service sent, if any
	 * @param attempts how many attempts were made
	 * @return the exception
	 */
	public static ConnectParticipantException unexpectedResponse(ParticipantOperation operation, String problem,
			@Nullable String requestId, int attempts) {
		return new ConnectParticipantException(problem, operation.operationName(), null, requestId, attempts, null);
	}

	/**
	 * Create the exception for a thread interrupted while an operation waited or worked;
	 * the thread's interrupt flag is expected to be set again by the caller.
	 * @param operation the operation, a call or a service method such as
	 * {@code awaitScan}
	 * @param activity what was interrupted, such as {@code waiting to retry}
	 * @param attempts how many attempts were made
	 * @param cause the interruption
	 * @return the exception
	 */
	public static ConnectParticipantException interrupted(String operation, String activity, int attempts,
			Throwable cause) {
		return new ConnectParticipantException("interrupted while " + activity, operation, null, null, attempts, cause);
	}

	/**
	 * Create the exception for a thread interrupted while a call waited or worked, as
	 * {@link #interrupted(String, String, int, Throwable)}.
	 * @param operation the call
	 * @param activity what was interrupted, such as {@code waiting to retry}
	 * @param attempts how many attempts were made
	 * @param cause the interruption
	 * @return the exception
	 */
	public static ConnectParticipantException interrupted(ParticipantOperation operation, String activity, int attempts,
			Throwable cause) {
		return interrupted(operation.operationName(), activity, attempts, cause);
	}

	/**
	 * Create the exception for a failure on the caller's side of the wire, with no answer
	 * of the service to report: a stream that broke, a target that could not be written.
	 * @param operation the operation, a call or a service method such as {@code download}
	 * @param problem what failed; never a token or URL
	 * @param cause the failure, if any
	 * @return the exception
	 */
	public static ConnectParticipantException failed(String operation, String problem, @Nullable Throwable cause) {
		return new ConnectParticipantException(problem, operation, null, null, 0, cause);
	}

	private static String compose(String message, String operation, @Nullable String errorCode,
			@Nullable String requestId, int attempts) {
		StringBuilder text = new StringBuilder(operation).append(": ").append(message);
		StringBuilder details = new StringBuilder();
		if (errorCode != null) {
			details.append("error code ").append(errorCode);
		}
		if (requestId != null) {
			details.append((details.length() > 0) ? ", " : "").append("request id ").append(requestId);
		}
		if (attempts > 0) {
			details.append((details.length() > 0) ? ", " : "")
				.append(attempts)
				.append((attempts == 1) ? " attempt" : " attempts");
		}
		if (details.length() > 0) {
			text.append(" [").append(details).append(']');
		}
		return text.toString();
	}

	/**
	 * Return the operation that failed: a service operation such as
	 * {@code StartAttachmentUpload}, {@code UploadObject} for the PUT to a pre-signed
	 * URL, {@code DownloadObject} for the GET of one, or a local step.
	 * @return the operation name
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Return the error code the service sent, such as {@code ThrottlingException} or
	 * {@code AccessDenied}.
	 * @return the error code, or {@code null} when none was received
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the id of the failed request, useful when asking AWS support.
	 * @return the request id, or {@code null} when none was received
	 */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	/**
	 * Return how many attempts were made before giving up.
	 * @return the number of attempts, {@code 0} when the call was refused locally
	 */
	public int getAttempts() {
		return this.attempts;
	}

}
