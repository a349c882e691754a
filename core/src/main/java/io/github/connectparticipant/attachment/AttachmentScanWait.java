package io.github.connectparticipant.attachment;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.connection.ParticipantConnection;
import org.jspecify.annotations.Nullable;

/**
 * Waits for an attachment's scan verdict, up to the scan timeout: from an open chat
 * session of the connection when one hears it ({@link ScanVerdicts}), otherwise by
 * looking at the transcript, the pauses between looks doubling up to eight times the poll
 * interval.
 */
final class AttachmentScanWait {

	private static final String OPERATION = "awaitScan";

	private final AttachmentStatusLookup statuses;

	private final ConnectParticipantSettings settings;

	private volatile @Nullable ScanVerdicts scanVerdicts;

	AttachmentScanWait(AttachmentStatusLookup statuses, ConnectParticipantSettings settings) {
		this.statuses = statuses;
		this.settings = settings;
	}

	void setScanVerdicts(@Nullable ScanVerdicts scanVerdicts) {
		this.scanVerdicts = scanVerdicts;
	}

	Attachment await(ParticipantConnection connection, Attachment attachment) {
		Duration timeout = this.settings.scanTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		ScanVerdicts verdicts = this.scanVerdicts;
		CompletableFuture<AttachmentStatus> heard = (verdicts != null) ? verdicts.verdict(connection, attachment.id())
				: null;
		if (heard != null) {
			AttachmentStatus verdict = ScanVerdictWait.await(heard, attachment, deadline, timeout);
			if (verdict != null) {
				return attachment.withStatus(verdict);
			}
		}
		Duration pause = this.settings.scanPollInterval();
		Duration longestPause = pause.multipliedBy(8);
		while (true) {
			AttachmentStatus status = this.statuses.find(connection, attachment.id());
			if (status == AttachmentStatus.APPROVED) {
				return attachment.withStatus(status);
			}
			if (status == AttachmentStatus.REJECTED) {
				throw new AttachmentRejectedException(attachment.withStatus(status));
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new OperationTimeoutException("no scan verdict for attachment " + attachment.id() + " within "
						+ timeout + " (scanTimeout); its status is " + status, OPERATION, null, null, 0, null);
			}
			sleep(Duration.ofNanos(Math.min(pause.toNanos(), remaining)));
			pause = pause.multipliedBy(2);
			if (pause.compareTo(longestPause) > 0) {
				pause = longestPause;
			}
		}
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(Math.max(1, pause.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ConnectParticipantException.interrupted(OPERATION, "waiting for the scan verdict", 0, ex);
		}
	}

}
