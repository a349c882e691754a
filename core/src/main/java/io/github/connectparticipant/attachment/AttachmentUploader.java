package io.github.connectparticipant.attachment;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.retry.HttpStatusException;
import io.github.connectparticipant.retry.RetryExecutor.AttemptContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.UploadMetadata;

/**
 * The upload protocol: StartAttachmentUpload, the PUT to the pre-signed URL with exactly
 * the headers the service asked for, CompleteAttachmentUpload. One ClientToken per
 * logical upload, reused by every attempt; an expired upload URL starts the upload again
 * with a token derived from it; a completion whose answer was lost is confirmed from the
 * transcript rather than reported as a failure.
 */
final class AttachmentUploader {

	private static final Log logger = LogFactory.getLog(AttachmentUploader.class);

	private static final ParticipantOperation START = ParticipantOperation.START_ATTACHMENT_UPLOAD;

	private static final ParticipantOperation UPLOAD_OBJECT = ParticipantOperation.UPLOAD_OBJECT;

	private static final ParticipantOperation COMPLETE = ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD;

	private final AttachmentWire wire;

	private final AttachmentStatusLookup statuses;

	AttachmentUploader(AttachmentWire wire, AttachmentStatusLookup statuses) {
		this.wire = wire;
		this.statuses = statuses;
	}

	/**
	 * Upload the attachment, checked locally first.
	 * @return the attachment, {@link AttachmentStatus#IN_PROGRESS} until its scan ends
	 */
	Attachment upload(ParticipantConnection connection, AttachmentUpload upload) {
		try (UploadContent content = UploadContent.prepare(upload, this.wire.settings())) {
			String key = (upload.idempotencyKey() != null) ? upload.idempotencyKey() : UUID.randomUUID().toString();
			return send(connection, content, new UploadState(key));
		}
	}

	private Attachment send(ParticipantConnection connection, UploadContent content, UploadState state) {
		state.started = start(connection, content, state);
		this.wire.executor().transfer(UPLOAD_OBJECT, (context) -> {
			Started started = state.started();
			if (state.urlRefused || started.url().isExpired(this.wire.clock().instant())) {
				// an idempotency key used before gets its first, now expired, URL again:
				// that upload may have completed then, and is the answer if it did
				AttachmentStatus earlier = this.statuses.find(connection, started.attachmentId());
				if (earlier != AttachmentStatus.UNKNOWN) {
					state.completedEarlier = earlier;
					return null;
				}
				state.restarts++;
				logger.debug("The upload URL expired; starting the upload again with StartAttachmentUpload");
				// a call of its own: paced, retried and observed like the first
				// StartAttachmentUpload
				started = start(connection, content, state);
				state.started = started;
				state.urlRefused = false;
			}
			try {
				this.wire.http().put(started.url().url(), started.headers(), content, context.timeout());
			}
			catch (HttpStatusException ex) {
				if (ex.isUrlExpired()) {
					state.urlRefused = true;
					throw ex.asRetryable();
				}
				throw ex;
			}
			return null;
		});
		String attachmentId = state.started().attachmentId();
		if (state.completedEarlier != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("The idempotency key's upload URL expired, but its attachment " + attachmentId
						+ " completed earlier (" + state.completedEarlier + "): returning it");
			}
			return new Attachment(attachmentId, content.name(), content.contentType(), content.size(),
					state.completedEarlier);
		}
		complete(connection, attachmentId, state.completeToken());
		if (logger.isDebugEnabled()) {
			logger.debug("Uploaded attachment " + attachmentId + " (" + content.size() + " bytes, "
					+ content.contentType() + ")");
		}
		return new Attachment(attachmentId, content.name(), content.contentType(), content.size(),
				AttachmentStatus.IN_PROGRESS);
	}

	private Started start(ParticipantConnection connection, UploadContent content, UploadState state) {
		return connection.withToken((token) -> this.wire.executor()
			.call(START, (context) -> start(token, content, state.startToken(), context)));
	}

	private Started start(String token, UploadContent content, String clientToken, AttemptContext context) {
		StartAttachmentUploadResponse response = this.wire.client()
			.startAttachmentUpload((request) -> context.bounded(request.connectionToken(token)
				.clientToken(clientToken)
				.attachmentName(content.name())
				.contentType(content.contentType())
				.attachmentSizeInBytes(content.size())));
		UploadMetadata metadata = response.uploadMetadata();
		if (response.attachmentId() == null || metadata == null || metadata.url() == null) {
			throw ConnectParticipantException.unexpectedResponse(START,
					"the response carried no attachment id or upload URL", response.responseMetadata().requestId(),
					context.number());
		}
		return new Started(response.attachmentId(),
				this.wire.signedUrl(metadata.url(), metadata.urlExpiry(), content.size(), UPLOAD_OBJECT),
				metadata.hasHeadersToInclude() ? metadata.headersToInclude() : Map.of());
	}

	private void complete(ParticipantConnection connection, String attachmentId, String clientToken) {
		try {
			connection.withToken((token) -> this.wire.executor()
				.call(COMPLETE, (context) -> this.wire.client()
					.completeAttachmentUpload((request) -> context.bounded(
							request.connectionToken(token).attachmentIds(attachmentId).clientToken(clientToken)))));
		}
		catch (RetriesExhaustedException | OperationTimeoutException ex) {
			confirmCompleted(connection, attachmentId, ex, Duration.ZERO);
		}
		catch (RequestConflictException ex) {
			// the attachment is already being completed: by an attempt whose answer was
			// lost
			confirmCompleted(connection, attachmentId, ex, this.wire.settings().callTimeout());
		}
	}

	/**
	 * CompleteAttachmentUpload ran out of attempts or time, or answered that the
	 * attachment is already being completed, but an attempt whose answer was lost may
	 * have completed the upload: the transcript says. Without this, a completed
	 * attachment would be reported as a failure, and uploading it again would make a
	 * duplicate. A completion in progress is waited for up to {@code wait}, looking again
	 * with the retry backoff.
	 */
	private void confirmCompleted(ParticipantConnection connection, String attachmentId,
			ConnectParticipantException failure, Duration wait) {
		boolean inProgress = failure instanceof RequestConflictException;
		long deadline = System.nanoTime() + wait.toNanos();
		Duration pause = this.wire.settings().initialBackoff();
		AttachmentStatus status;
		while (true) {
			try {
				status = this.statuses.find(connection, attachmentId);
			}
			catch (ConnectParticipantException lookup) {
				AttachmentOutcomeUnknownException unknown = inProgress
						? AttachmentOutcomeUnknownException.completing(attachmentId, failure, false)
						: new AttachmentOutcomeUnknownException(attachmentId, failure);
				unknown.addSuppressed(lookup);
				throw unknown;
			}
			long remaining = deadline - System.nanoTime();
			if (status != AttachmentStatus.UNKNOWN || remaining <= 0) {
				break;
			}
			pause(Duration.ofNanos(Math.min(pause.toNanos(), remaining)), failure);
			Duration doubled = pause.multipliedBy(2);
			pause = (doubled.compareTo(this.wire.settings().maxBackoff()) < 0) ? doubled
					: this.wire.settings().maxBackoff();
		}
		if (status == AttachmentStatus.UNKNOWN) {
			throw inProgress ? AttachmentOutcomeUnknownException.completing(attachmentId, failure, true) : failure;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("CompleteAttachmentUpload of attachment " + attachmentId + " failed (" + failure.getErrorCode()
					+ "), but the transcript shows the attachment (" + status + "): an answer was lost, the upload "
					+ "completed");
		}
	}

	private static void pause(Duration pause, ConnectParticipantException failure) {
		try {
			Thread.sleep(Math.max(1, pause.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			// the failure that started the wait keeps its error code and request id
			ConnectParticipantException interrupted = ConnectParticipantException.interrupted(failure.getOperation(),
					"waiting for the attachment's completion", failure.getAttempts(), ex);
			interrupted.addSuppressed(failure);
			throw interrupted;
		}
	}

	/**
	 * One logical upload's progress: its idempotency key, how often it restarted, and
	 * what StartAttachmentUpload returned last.
	 */
	private static final class UploadState {

		private final String key;

		private int restarts;

		private @Nullable Started started;

		private boolean urlRefused;

		/**
		 * The status of the attachment a replayed StartAttachmentUpload named, when it
		 * had completed before this upload: the upload's answer.
		 */
		private @Nullable AttachmentStatus completedEarlier;

		UploadState(String key) {
			this.key = key;
		}

		/**
		 * The ClientToken of StartAttachmentUpload: the key, and for each restart after
		 * an expired URL a new token derived from it (the same token would return the
		 * expired URL again).
		 */
		String startToken() {
			return (this.restarts == 0) ? this.key : this.key + "-r" + this.restarts;
		}

		String completeToken() {
			return startToken() + "-c";
		}

		Started started() {
			Started current = this.started;
			Assert.state(current != null, "StartAttachmentUpload has not run");
			return current;
		}

	}

	/**
	 * What StartAttachmentUpload returned.
	 */
	private record Started(String attachmentId, SignedUrl url, Map<String, String> headers) {

		@Override
		public String toString() {
			return "Started[attachmentId=" + this.attachmentId + ", url=<redacted>]";
		}

	}

}
