package io.github.connectparticipant.retry;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A PUT to, or GET of, a pre-signed URL answered with a status other than success. Thrown
 * by the attempts of {@link RetryExecutor#transfer transfers}; the executor retries it
 * when {@link #isRetryable()} and otherwise translates it into the library's own
 * exceptions. Carries the status and the S3-style error code and message, never the URL.
 */
public final class HttpStatusException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,200})</Code>");

	private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]{1,500})</Message>");

	private static final Pattern REQUEST_ID = Pattern.compile("<RequestId>([^<]{1,200})</RequestId>");

	private final int statusCode;

	private final @Nullable String errorCode;

	private final @Nullable String errorMessage;

	private final @Nullable String requestId;

	private final boolean retryable;

	/**
	 * Create a new exception.
	 * @param statusCode the HTTP status received
	 * @param errorCode the S3-style error code, if any
	 * @param errorMessage the S3-style error message, if any
	 * @param requestId the request id, if any
	 * @param retryable whether another attempt may succeed
	 */
	public HttpStatusException(int statusCode, @Nullable String errorCode, @Nullable String errorMessage,
			@Nullable String requestId, boolean retryable) {
		super("HTTP " + statusCode + ((errorCode != null) ? " " + errorCode : "")
				+ ((errorMessage != null) ? ": " + errorMessage : ""));
		this.statusCode = statusCode;
		this.errorCode = errorCode;
		this.errorMessage = errorMessage;
		this.requestId = requestId;
		this.retryable = retryable;
	}

	/**
	 * Create an exception from a response, reading the S3-style XML error body if there
	 * is one. Throttling (429) and server errors (5xx) are retryable.
	 * @param statusCode the HTTP status received
	 * @param body the start of the response body, possibly empty
	 * @param requestId the request id header, if any
	 * @return the exception
	 */
	public static HttpStatusException of(int statusCode, String body, @Nullable String requestId) {
		String id = (requestId != null) ? requestId : find(REQUEST_ID, body);
		return new HttpStatusException(statusCode, find(CODE, body), find(MESSAGE, body), id,
				statusCode == 429 || statusCode >= 500);
	}

	private static @Nullable String find(Pattern pattern, String body) {
		Matcher matcher = pattern.matcher(body);
		return matcher.find() ? matcher.group(1).trim() : null;
	}

	/**
	 * Return a copy of this exception that asks for another attempt, for a caller that
	 * can repair the cause (such as an expired URL) on the next attempt.
	 * @return a retryable copy
	 */
	public HttpStatusException asRetryable() {
		return new HttpStatusException(this.statusCode, this.errorCode, this.errorMessage, this.requestId, true);
	}

	/**
	 * Return whether the pre-signed URL was refused because it expired (S3's 403
	 * {@code AccessDenied} "Request has expired").
	 * @return whether the URL has expired
	 */
	public boolean isUrlExpired() {
		return this.statusCode == 403 && this.errorMessage != null
				&& this.errorMessage.toLowerCase(Locale.ROOT).contains("expired");
	}

	/**
	 * Return the HTTP status received.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return the S3-style error code, such as {@code AccessDenied}.
	 * @return the error code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the S3-style error message.
	 * @return the error message, or {@code null}
	 */
	public @Nullable String getErrorMessage() {
		return this.errorMessage;
	}

	/**
	 * Return the request id.
	 * @return the request id, or {@code null}
	 */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	/**
	 * Return whether another attempt may succeed.
	 * @return whether the failure is retryable
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

}
