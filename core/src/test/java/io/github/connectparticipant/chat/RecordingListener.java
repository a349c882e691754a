package io.github.connectparticipant.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.connectparticipant.transcript.TranscriptItem;
import org.jspecify.annotations.Nullable;

/**
 * Records what a session delivers, and checks that its calls never overlap.
 */
final class RecordingListener implements ChatSessionListener {

	final List<TranscriptItem> items = new CopyOnWriteArrayList<>();

	final AtomicInteger endings = new AtomicInteger();

	final AtomicInteger overlaps = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	volatile @Nullable ChatEndReason reason;

	volatile @Nullable Throwable cause;

	@Override
	public void onItem(TranscriptItem item) {
		enter();
		this.items.add(item);
		this.running.decrementAndGet();
	}

	@Override
	public void onEnded(ChatEndReason reason, @Nullable Throwable cause) {
		enter();
		this.reason = reason;
		this.cause = cause;
		this.endings.incrementAndGet();
		this.running.decrementAndGet();
	}

	private void enter() {
		if (this.running.incrementAndGet() > 1) {
			this.overlaps.incrementAndGet();
		}
	}

	/** The ids of the items delivered, in order. */
	List<String> ids() {
		return this.items.stream().map(TranscriptItem::id).toList();
	}

	/** The contents of the messages delivered, in order. */
	List<String> messages() {
		return this.items.stream().filter(TranscriptItem::isMessage).map(TranscriptItem::content).toList();
	}

	boolean has(String contentTypeSuffix) {
		return this.items.stream()
			.anyMatch((item) -> item.contentType() != null && item.contentType().endsWith(contentTypeSuffix));
	}

}
