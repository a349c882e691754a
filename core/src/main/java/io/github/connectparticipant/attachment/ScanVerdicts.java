package io.github.connectparticipant.attachment;

import java.util.concurrent.CompletableFuture;

import io.github.connectparticipant.connection.ParticipantConnection;
import org.jspecify.annotations.Nullable;

/**
 * Where scan verdicts arrive without polling: an open chat session of the connection
 * hears them on its WebSocket. {@link DefaultAttachmentService#awaitScan} asks it first
 * and polls the transcript only when it has nothing to offer.
 */
@FunctionalInterface
public interface ScanVerdicts {

	/**
	 * Return the verdict of an attachment as it will arrive, if something listens for the
	 * connection's chat.
	 * @param connection the connection the attachment was sent on
	 * @param attachmentId the attachment's id
	 * @return a future completed with {@link AttachmentStatus#APPROVED} or
	 * {@link AttachmentStatus#REJECTED} (completed already when the verdict was heard
	 * before), or completed exceptionally when the listening stops first; {@code null}
	 * when nothing listens for the connection's chat
	 */
	@Nullable CompletableFuture<AttachmentStatus> verdict(ParticipantConnection connection, String attachmentId);

}
