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
