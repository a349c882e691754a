package io.github.connectparticipant.retry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Pattern;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.QuotaExceededException;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.RetriesExhaustedException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures are worth another attempt, and how each failure becomes one of the
 * library's exceptions. Messages are built from error codes and service messages with any
 * URL query (where pre-signed URLs carry their signature) removed.
 */
final class Failures {

	private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?\"'<>]*)\\?[^\\s\"'<>]*");

	private Failures() {
	}

	/**
	 * Return whether another attempt may succeed after this failure: throttling, server
	 * errors, I/O errors and timeouts are retried; validation (400), quota (402), access
	 * denied (403), conflict (409) and anything else are not.
	 */
	static boolean isRetryable(Throwable failure) {
		if (failure instanceof HttpStatusException http) {
			return http.isRetryable();
		}
		if (failure instanceof SdkServiceException service) {
			return service.isThrottlingException() || service.statusCode() == 429 || service.statusCode() >= 500;
		}
		if (failure instanceof ApiCallAttemptTimeoutException || failure instanceof ApiCallTimeoutException) {
			return true;
		}
		if (failure instanceof SdkClientException) {
			return hasIoCause(failure);
		}
		if (failure instanceof InterruptedIOException && !(failure instanceof HttpTimeoutException)
				&& Thread.currentThread().isInterrupted()) {
			return false;
		}
		return failure instanceof IOException || failure instanceof UncheckedIOException;
	}

	/**
	 * Return whether a failure is the service's answer that the request was throttled.
	 */
	static boolean isThrottling(Throwable failure) {
		if (failure instanceof HttpStatusException http) {
			return http.getStatusCode() == 429;
		}
		return failure instanceof SdkServiceException service
				&& (service.isThrottlingException() || service.statusCode() == 429);
	}

	private static boolean hasIoCause(Throwable failure) {
		for (Throwable cause = failure.getCause(); cause != null
				&& cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the error code of a failure: the AWS or S3 error code, else the name of the
	 * I/O error, else {@code null}.
	 */
	static @Nullable String errorCode(Throwable failure) {
		if (failure instanceof ConnectParticipantException library) {
			return library.getErrorCode();
		}
		if (failure instanceof HttpStatusException http) {
			return (http.getErrorCode() != null) ? http.getErrorCode() : "HTTP" + http.getStatusCode();
		}
		if (failure instanceof AwsServiceException service) {
			AwsErrorDetails details = service.awsErrorDetails();
			if (details != null && details.errorCode() != null) {
				return details.errorCode();
			}
			return "HTTP" + service.statusCode();
		}
		if (failure instanceof SdkServiceException service) {
			return "HTTP" + service.statusCode();
		}
		if (failure instanceof SdkClientException) {
			Throwable io = ioCause(failure);
			return (io != null) ? io.getClass().getSimpleName() : failure.getClass().getSimpleName();
		}
		if (failure instanceof IOException || failure instanceof UncheckedIOException) {
			return failure.getClass().getSimpleName();
		}
		return null;
	}

	private static @Nullable Throwable ioCause(Throwable failure) {
		for (Throwable cause = failure.getCause(); cause != null
				&& cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return cause;
			}
		}
		return null;
	}

	private static @Nullable String requestId(Throwable failure) {
		if (failure instanceof ConnectParticipantException library) {
			return library.getRequestId();
		}
		if (failure instanceof HttpStatusException http) {
			return http.getRequestId();
		}
		if (failure instanceof SdkServiceException service) {
			return service.requestId();
		}
		return null;
	}

	private static int statusCode(Throwable failure) {
		if (failure instanceof HttpStatusException http) {
			return http.getStatusCode();
		}
		if (failure instanceof SdkServiceException service) {
			return service.statusCode();
		}
		return 0;
	}

	/**
	 * Describe a failure in one line without secrets.
	 */
	static String describe(Throwable failure) {
		String message;
		if (failure instanceof AwsServiceException service) {
			AwsErrorDetails details = service.awsErrorDetails();
			message = (details != null && details.errorMessage() != null) ? details.errorMessage()
					: "HTTP " + service.statusCode();
		}
		else if (failure instanceof HttpStatusException http) {
			message = "HTTP " + http.getStatusCode()
					+ ((http.getErrorMessage() != null) ? " (" + http.getErrorMessage() + ")" : "");
		}
		else if (failure instanceof SdkClientException && ioCause(failure) != null) {
			Throwable io = ioCause(failure);
			message = io.getClass().getSimpleName() + ((io.getMessage() != null) ? ": " + io.getMessage() : "");
		}
		else if (failure instanceof ApiCallAttemptTimeoutException || failure instanceof HttpTimeoutException) {
			message = "the attempt timed out";
		}
		else {
			message = failure.getClass().getSimpleName()
					+ ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
		}
		return redact(message);
	}

	/**
	 * Remove the query of every URL in a text: pre-signed URLs carry their signature
	 * there.
	 */
	static String redact(String text) {
		return URL_QUERY.matcher(text).replaceAll("$1?<redacted>");
	}

	/**
	 * Translate a failure into the library's exception for it.
	 * @param call the call that failed
	 * @param failure what the last attempt threw
	 * @param attempts the attempts made
	 * @param exhausted whether the failure was retryable and the attempts ran out
	 */
	static RuntimeException translate(ParticipantOperation call, Throwable failure, int attempts, boolean exhausted) {
		if (failure instanceof ConnectParticipantException library) {
			return library;
		}
		String operation = call.operationName();
		String code = errorCode(failure);
		String requestId = requestId(failure);
		String description = describe(failure);
		if (exhausted) {
			return new RetriesExhaustedException(
					"failed after " + attempts + ((attempts == 1) ? " attempt" : " attempts") + ", the last with "
							+ description + ". Try again later, or allow more attempts (maxAttempts)",
					operation, code, requestId, attempts, failure);
		}
		if (failure instanceof software.amazon.awssdk.services.connectparticipant.model.ValidationException
				|| statusCode(failure) == 400) {
			return new InvalidRequestException("refused as invalid: " + description + ". Fix the request; retrying "
					+ "the same request will not help", operation, code, requestId, attempts, failure);
		}
		if (failure instanceof software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException
				|| statusCode(failure) == 403) {
			return new ParticipantAccessDeniedException("access denied: " + description + ". The connection token "
					+ "or URL is expired or unknown, the participant disconnected or the chat ended; "
					+ "use a new connection", operation, code, requestId, attempts, failure);
		}
		if (failure instanceof software.amazon.awssdk.services.connectparticipant.model.ServiceQuotaExceededException
				|| statusCode(failure) == 402) {
			return new QuotaExceededException("service quota exceeded: " + description, operation, code, requestId,
					attempts, failure);
		}
		if (failure instanceof software.amazon.awssdk.services.connectparticipant.model.ConflictException
				|| statusCode(failure) == 409) {
			return new RequestConflictException("conflict: " + description, operation, code, requestId, attempts,
					failure);
		}
		if (failure instanceof RuntimeException runtime && !(failure instanceof SdkClientException)
				&& !(failure instanceof SdkServiceException) && !(failure instanceof HttpStatusException)
				&& !(failure instanceof UncheckedIOException)) {
			// A programming error or an argument refused by the SDK: not ours to wrap.
			return runtime;
		}
		return new ConnectParticipantException("failed: " + description, operation, code, requestId, attempts, failure);
	}

	static OperationTimeoutException timeout(ParticipantOperation operation, int attempts, @Nullable Throwable last) {
		return new OperationTimeoutException(
				"did not finish within the call timeout (callTimeout)"
						+ ((last != null) ? "; the last attempt failed with " + describe(last) : ""),
				operation.operationName(), (last != null) ? errorCode(last) : null,
				(last != null) ? requestId(last) : null, attempts, last);
	}

}
