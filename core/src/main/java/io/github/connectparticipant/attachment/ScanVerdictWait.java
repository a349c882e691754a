package io.github.connectparticipant.attachment;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.OperationTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a scan verdict that arrives by itself ({@link ScanVerdicts}), up to the scan
 * timeout.
 */
final class ScanVerdictWait {

	private ScanVerdictWait() {
	}

	/**
	 * Wait for the verdict.
	 * @return {@link AttachmentStatus#APPROVED}, or {@code null} when the listening
	 * stopped before the verdict came (the caller polls instead)
	 * @throws AttachmentRejectedException on {@link AttachmentStatus#REJECTED}
	 * @throws OperationTimeoutException when the deadline passes first
	 */
	static @Nullable AttachmentStatus await(CompletableFuture<AttachmentStatus> verdict, Attachment attachment,
			long deadline, Duration scanTimeout) {
		AttachmentStatus status;
		try {
			status = verdict.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw OperationTimeoutException.noScanVerdict(attachment.id(), scanTimeout, null);
		}
		catch (ExecutionException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ConnectParticipantException.interrupted("awaitScan", "waiting for the scan verdict", 0, ex);
		}
		if (status == AttachmentStatus.REJECTED) {
			throw new AttachmentRejectedException(attachment.withStatus(status));
		}
		return status;
	}

}
