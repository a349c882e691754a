package io.github.connectparticipant.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.transcript.TranscriptAttachment;
import io.github.connectparticipant.transcript.TranscriptItem;
import org.jspecify.annotations.Nullable;

/**
 * The scan verdicts one session has heard, and those still awaited: an attachment's
 * verdict is taken from the items as they are put in order, before any listener sees
 * them, so a slow listener does not hold it up.
 */
final class ScanWatch {

	/**
	 * Verdicts remembered: one awaited soon after its upload is among the recent ones.
	 */
	private static final int REMEMBERED = 256;

	/** The verdicts heard, made by the first one. */
	private @Nullable Map<String, AttachmentStatus> verdicts;

	/** The verdicts awaited, made by the first wait. */
	private @Nullable Map<String, List<CompletableFuture<AttachmentStatus>>> waiting;

	private boolean stopped;

	/**
	 * Note the verdicts an item carries.
	 */
	void heard(TranscriptItem item) {
		for (TranscriptAttachment attachment : item.attachments()) {
			AttachmentStatus status = attachment.status();
			if (status == AttachmentStatus.APPROVED || status == AttachmentStatus.REJECTED) {
				List<CompletableFuture<AttachmentStatus>> waiters;
				synchronized (this) {
					verdicts().put(attachment.id(), status);
					waiters = (this.waiting != null) ? this.waiting.remove(attachment.id()) : null;
				}
				if (waiters != null) {
					waiters.forEach((waiter) -> waiter.complete(status));
				}
			}
		}
	}

	/**
	 * The verdict of an attachment: heard already, or to come.
	 */
	synchronized CompletableFuture<AttachmentStatus> verdict(String attachmentId) {
		AttachmentStatus known = (this.verdicts != null) ? this.verdicts.get(attachmentId) : null;
		if (known != null) {
			return CompletableFuture.completedFuture(known);
		}
		CompletableFuture<AttachmentStatus> future = new CompletableFuture<>();
		if (this.stopped) {
			future.completeExceptionally(new IllegalStateException("The chat session has ended"));
		}
		else {
			if (this.waiting == null) {
				this.waiting = new HashMap<>();
			}
			this.waiting.computeIfAbsent(attachmentId, (id) -> new ArrayList<>(1)).add(future);
		}
		return future;
	}

	private Map<String, AttachmentStatus> verdicts() {
		Map<String, AttachmentStatus> verdicts = this.verdicts;
		if (verdicts == null) {
			verdicts = new LinkedHashMap<>(16, 0.75f, false) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<String, AttachmentStatus> eldest) {
					return size() > REMEMBERED;
				}
			};
			this.verdicts = verdicts;
		}
		return verdicts;
	}

	/**
	 * The session ended: those still waiting poll instead.
	 */
	void stop() {
		List<CompletableFuture<AttachmentStatus>> waiters = new ArrayList<>();
		synchronized (this) {
			this.stopped = true;
			if (this.waiting != null) {
				this.waiting.values().forEach(waiters::addAll);
				this.waiting = null;
			}
		}
		IllegalStateException ended = new IllegalStateException("The chat session has ended");
		waiters.forEach((waiter) -> waiter.completeExceptionally(ended));
	}

}
