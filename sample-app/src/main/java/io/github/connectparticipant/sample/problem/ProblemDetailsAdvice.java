package io.github.connectparticipant.sample.problem;

import java.util.Set;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.QuotaExceededException;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.attachment.AttachmentRejectedException;
import io.github.connectparticipant.attachment.InvalidAttachmentException;
import io.github.connectparticipant.retry.HttpStatusException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Every error as an RFC 9457 problem detail ({@code application/problem+json}), with a
 * machine-readable {@code code}:
 * <table>
 * <caption>How failures map to statuses</caption>
 * <tr>
 * <th>failure</th>
 * <th>status</th>
 * </tr>
 * <tr>
 * <td>bad input: JSON, parameters, a missing part, an attachment that is empty, badly
 * named or refused by the service as invalid</td>
 * <td>400</td>
 * </tr>
 * <tr>
 * <td>unknown chat or attachment, unknown path</td>
 * <td>404</td>
 * </tr>
 * <tr>
 * <td>the chat has ended, the attachment is still scanned or was rejected, a quota or
 * state conflict</td>
 * <td>409</td>
 * </tr>
 * <tr>
 * <td>a file larger than {@code connect.participant.attachments.max-size}</td>
 * <td>413</td>
 * </tr>
 * <tr>
 * <td>an attachment type outside the allow-list, a request body that is not JSON or
 * multipart</td>
 * <td>415</td>
 * </tr>
 * <tr>
 * <td>a scan that rejected the upload ({@code awaitScan=true})</td>
 * <td>422</td>
 * </tr>
 * <tr>
 * <td>the service still throttling after every retry</td>
 * <td>429, {@code Retry-After}</td>
 * </tr>
 * <tr>
 * <td>Amazon Connect refusing StartChatContact (configuration, credentials)</td>
 * <td>502</td>
 * </tr>
 * <tr>
 * <td>the service down, failing or timing out after every retry</td>
 * <td>503, {@code Retry-After}</td>
 * </tr>
 * </table>
 * Failures of the library carry {@code operation}, {@code errorCode}, {@code requestId}
 * and {@code attempts}. Their messages never hold tokens or pre-signed URLs; an
 * unexpected exception's message is not shown at all.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsAdvice.class);

	/**
	 * Seconds a client is asked to wait after a 429 or 503.
	 */
	static final String RETRY_AFTER_SECONDS = "1";

	private static final String START_CHAT_CONTACT = "StartChatContact";

	private static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException", "Throttling",
			"TooManyRequestsException", "LimitExceededException", "RequestLimitExceeded", "SlowDown", "HTTP429");

	private final ConnectParticipantSettings settings;

	ProblemDetailsAdvice(ConnectParticipantSettings settings) {
		this.settings = settings;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidAttachment(InvalidAttachmentException ex) {
		HttpStatus status = switch (ex.getRule()) {
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case TYPE_NOT_ALLOWED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			default -> HttpStatus.BAD_REQUEST;
		};
		String code = switch (ex.getRule()) {
			case TOO_LARGE -> "ATTACHMENT_TOO_LARGE";
			case TYPE_NOT_ALLOWED -> "ATTACHMENT_TYPE_NOT_ALLOWED";
			default -> "INVALID_ATTACHMENT";
		};
		ProblemDetail problem = Problems.of(status, code, ex.getMessage());
		problem.setProperty("rule", ex.getRule().name());
		return respond(problem, null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> attachmentRejected(AttachmentRejectedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "ATTACHMENT_REJECTED",
				"The malware scan rejected the attachment '" + ex.getAttachment().name()
						+ "'; it stays in the transcript as REJECTED and can never be downloaded");
		problem.setProperty("attachmentId", ex.getAttachment().id());
		return respond(problem, null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> libraryFailure(ConnectParticipantException ex) {
		if (START_CHAT_CONTACT.equals(ex.getOperation()) && !isTransient(ex)) {
			logger.warn("Amazon Connect refused StartChatContact: " + ex.getMessage());
			return respond(library(HttpStatus.BAD_GATEWAY, "CHAT_NOT_STARTED", "Amazon Connect refused to start the "
					+ "chat; check sample.connect.instance-id, sample.connect.contact-flow-id and the AWS credentials "
					+ "of the application", ex), null);
		}
		if (ex instanceof InvalidRequestException) {
			return respond(library(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", ex.getMessage(), ex), null);
		}
		if (ex instanceof ParticipantAccessDeniedException) {
			return respond(library(HttpStatus.CONFLICT, "CHAT_ENDED",
					"The chat has ended or its participant has "
							+ "left, so it takes no more messages or attachments; its transcript can still be read",
					ex), null);
		}
		if (ex instanceof QuotaExceededException) {
			return respond(library(HttpStatus.CONFLICT, "QUOTA_EXCEEDED", ex.getMessage(), ex), null);
		}
		if (ex instanceof RequestConflictException) {
			return respond(library(HttpStatus.CONFLICT, "CONFLICT", ex.getMessage(), ex), null);
		}
		if (ex instanceof RetriesExhaustedException && isThrottled(ex)) {
			logger.warn(ex.getMessage());
			return respond(
					library(HttpStatus.TOO_MANY_REQUESTS, "THROTTLED", "Amazon Connect is throttling "
							+ "requests and still did after " + ex.getAttempts() + " attempts; try again shortly", ex),
					RETRY_AFTER_SECONDS);
		}
		if (ex instanceof RetriesExhaustedException || ex instanceof OperationTimeoutException) {
			logger.warn(ex.getMessage());
			return respond(
					library(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "Amazon Connect did not "
							+ "answer successfully after " + ex.getAttempts() + " attempts; try again shortly", ex),
					RETRY_AFTER_SECONDS);
		}
		logger.warn(ex.getMessage());
		return respond(library(HttpStatus.BAD_GATEWAY, "SERVICE_ERROR", ex.getMessage(), ex), null);
	}

	/**
	 * A multipart body the container could not parse (no or a wrong boundary, broken part
	 * headers, a truncated body): the client's fault, never the server's. A body too
	 * large is the more specific {@link MaxUploadSizeExceededException} (413). The
	 * parser's message is not shown: it names internal classes.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException ex) {
		return respond(Problems.of(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "The multipart body could not be read; send "
				+ "multipart/form-data with the boundary of its Content-Type, well-formed part headers and a file part"),
				null);
	}

	/**
	 * A request parameter the servlet container could not decode (a percent-encoded byte
	 * sequence that is not UTF-8, say): Tomcat's own verdict is a 400.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException ex) {
		return respond(Problems.of(HttpStatus.BAD_REQUEST, "BAD_REQUEST",
				"A request parameter could not be decoded; percent-encode parameters as UTF-8"), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		logger.error("Unexpected failure of a request", ex);
		return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				"The request failed unexpectedly; the application's log has the details"), null);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// Spring reports every limit of the container's multipart parser as an upload
		// size;
		// Tomcat's cause tells the part count and the part header size apart
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			String type = cause.getClass().getSimpleName();
			if (type.equals("FileCountLimitExceededException")) {
				return handleExceptionInternal(ex, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "TOO_MANY_PARTS",
						"The multipart body has more parts than the server accepts (server.tomcat.max-part-count); "
								+ "send the file part and few other fields. Nothing was sent"),
						headers, HttpStatus.CONTENT_TOO_LARGE, request);
			}
			if (type.equals("SizeLimitExceededException") && cause.getMessage() != null
					&& cause.getMessage().startsWith("Header section")) {
				return handleExceptionInternal(ex, Problems.of(HttpStatus.BAD_REQUEST, "PART_HEADERS_TOO_LARGE",
						"A part's headers are longer than the server accepts (server.tomcat.max-part-header-size); "
								+ "a file name of at most 256 characters fits. Nothing was sent"),
						headers, HttpStatus.BAD_REQUEST, request);
			}
		}
		DataSize max = this.settings.maxAttachmentSize();
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "ATTACHMENT_TOO_LARGE",
				"The file is larger than the largest attachment allowed, " + describe(max)
						+ " (connect.participant.attachments.max-size). Nothing was sent");
		problem.setProperty("rule", InvalidAttachmentException.Rule.TOO_LARGE.name());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
	}

	/**
	 * A path variable whose conversion failed with an error response of its own (a chat
	 * handle that names no chat, say): answered as that error, not as a type mismatch.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof ErrorResponse error) {
			return handleExceptionInternal(ex, error.getBody(), error.getHeaders(), error.getStatusCode(), request);
		}
		return super.handleTypeMismatch(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			problem.setProperty(Problems.CODE, (status != null) ? status.name() : "HTTP_" + statusCode.value());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ProblemDetail library(HttpStatus status, String code, String detail,
			ConnectParticipantException ex) {
		ProblemDetail problem = Problems.of(status, code, detail);
		problem.setProperty("operation", ex.getOperation());
		if (ex.getErrorCode() != null) {
			problem.setProperty("errorCode", ex.getErrorCode());
		}
		if (ex.getRequestId() != null) {
			problem.setProperty("requestId", ex.getRequestId());
		}
		problem.setProperty("attempts", ex.getAttempts());
		return problem;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, @Nullable String retryAfter) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return response.body(problem);
	}

	private static boolean isTransient(ConnectParticipantException ex) {
		return ex instanceof RetriesExhaustedException || ex instanceof OperationTimeoutException;
	}

	/**
	 * Return whether the last attempt was throttled: an HTTP 429, the SDK's throttling
	 * flag, or a throttling error code (S3-style pre-signed URLs answer 503
	 * {@code SlowDown}).
	 */
	static boolean isThrottled(ConnectParticipantException ex) {
		if (ex.getErrorCode() != null && THROTTLING_CODES.contains(ex.getErrorCode())) {
			return true;
		}
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof SdkServiceException service
					&& (service.isThrottlingException() || service.statusCode() == 429)) {
				return true;
			}
			if (cause instanceof HttpStatusException http && http.getStatusCode() == 429) {
				return true;
			}
		}
		return false;
	}

	private static String describe(DataSize size) {
		long bytes = size.toBytes();
		long mb = DataSize.ofMegabytes(1).toBytes();
		long kb = DataSize.ofKilobytes(1).toBytes();
		if (bytes % mb == 0) {
			return (bytes / mb) + " MB";
		}
		return (bytes % kb == 0) ? (bytes / kb) + " KB" : bytes + " bytes";
	}

}
