package io.github.connectparticipant.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.connectparticipant.transcript.StartPosition;
import io.github.connectparticipant.transcript.TranscriptAttachment;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptItemType;
import org.jspecify.annotations.Nullable;

/**
 * Puts one session's items in order: pushed items pass straight on, except while a gap
 * fill runs, when they are held and merged after the fill's items; every item passes once
 * (by id; an attachment again when its status changes). Remembers the last item
 * delivered, where the next fill starts, and notices the chat's end.
 */
final class ItemSequencer {

	private static final String EVENT = "application/vnd.amazonaws.connect.event.";

	/**
	 * Events Connect pushes but does not keep in the transcript: no fill can start at
	 * them.
	 */
	private static final Set<String> NOT_KEPT = Set.of(EVENT + "typing", EVENT + "connection.acknowledged",
			EVENT + "message.delivered", EVENT + "message.read", EVENT + "message.metadata");

	private static final String CHAT_ENDED = EVENT + "chat.ended";

	/**
	 * Items remembered for de-duplication: fills start at the last item, so only recent
	 * ones repeat.
	 */
	private static final int REMEMBERED = 512;

	/**
	 * Where ordered items go.
	 */
	interface Sink {

		void deliver(TranscriptItem item);

		void chatEnded();

	}

	private final Sink sink;

	private final RecentKeys seen = new RecentKeys(REMEMBERED);

	/**
	 * The contact the transcript names first; pushed items of other contacts are dropped.
	 */
	private @Nullable String contactId;

	/** Further contacts the transcript names, rare: made when the first one comes. */
	private @Nullable Set<String> otherContactIds;

	/** Pushes held while a fill runs; made by the first one. */
	private @Nullable List<TranscriptItem> held;

	private int fill;

	private boolean filling;

	private boolean ended;

	private @Nullable String lastKeptId;

	private @Nullable Instant lastTime;

	ItemSequencer(Sink sink, @Nullable String afterItemId) {
		this.sink = sink;
		if (afterItemId != null) {
			this.lastKeptId = afterItemId;
			this.seen.add(afterItemId);
		}
	}

	/**
	 * An item pushed on a socket.
	 */
	synchronized void pushed(TranscriptItem item) {
		if (this.filling) {
			if (this.held == null) {
				this.held = new ArrayList<>();
			}
			this.held.add(item);
		}
		else {
			accept(item, true);
		}
	}

	/**
	 * Start a fill: pushes are held until it ends. A fill started later supersedes it.
	 * @return the fill's number
	 */
	synchronized int beginFill() {
		this.filling = true;
		return ++this.fill;
	}

	/**
	 * Return whether a fill is still the newest.
	 */
	synchronized boolean isCurrent(int fill) {
		return fill == this.fill && !this.ended;
	}

	/**
	 * Where the fill starts: the last item delivered that the transcript keeps, else the
	 * last item's time, else the chat's beginning.
	 */
	synchronized StartPosition fillStart(boolean byTime) {
		if (!byTime && this.lastKeptId != null) {
			return StartPosition.ofItemId(this.lastKeptId);
		}
		return (this.lastTime != null) ? StartPosition.ofTime(this.lastTime) : StartPosition.beginning();
	}

	/**
	 * Items of a fill's page, in transcript order.
	 * @return the number of items delivered
	 */
	synchronized int filled(int fill, List<TranscriptItem> items, @Nullable String initialContactId) {
		if (fill != this.fill) {
			return 0;
		}
		if (initialContactId != null) {
			knowContact(initialContactId);
		}
		int delivered = 0;
		for (TranscriptItem item : items) {
			if (item.contactId() != null) {
				knowContact(item.contactId());
			}
			delivered += accept(item, false) ? 1 : 0;
		}
		return delivered;
	}

	/**
	 * End a fill that read to the transcript's end: the held items follow.
	 */
	synchronized void endFill(int fill) {
		if (fill != this.fill) {
			return;
		}
		this.filling = false;
		List<TranscriptItem> pushed = this.held;
		this.held = null;
		if (pushed != null) {
			for (TranscriptItem item : pushed) {
				accept(item, true);
			}
		}
	}

	/**
	 * The instance of a contact id this sequencer holds, when it holds one equal: what a
	 * session keeps of it costs nothing more.
	 */
	synchronized String sameContactId(String contactId) {
		return contactId.equals(this.contactId) ? this.contactId : contactId;
	}

	private void knowContact(String contactId) {
		if (this.contactId == null) {
			this.contactId = contactId;
		}
		else if (!this.contactId.equals(contactId)) {
			if (this.otherContactIds == null) {
				this.otherContactIds = new HashSet<>(4);
			}
			this.otherContactIds.add(contactId);
		}
	}

	private boolean isKnownContact(String contactId) {
		return contactId.equals(this.contactId)
				|| (this.otherContactIds != null && this.otherContactIds.contains(contactId));
	}

	private boolean accept(TranscriptItem item, boolean pushed) {
		if (this.ended || (pushed && isOtherContact(item)) || !this.seen.add(key(item))) {
			return false;
		}
		if (isKept(item)) {
			this.lastKeptId = item.id();
		}
		if (item.time() != null && (this.lastTime == null || item.time().isAfter(this.lastTime))) {
			this.lastTime = item.time();
		}
		this.sink.deliver(item);
		if (CHAT_ENDED.equals(item.contentType())) {
			this.ended = true;
			this.held = null;
			this.sink.chatEnded();
		}
		return true;
	}

	/**
	 * Whether a pushed item belongs to another contact than the session's (receipts
	 * excepted, as AWS's clients do).
	 */
	private boolean isOtherContact(TranscriptItem item) {
		return item.contactId() != null && this.contactId != null && !isKnownContact(item.contactId())
				&& !isReceipt(item);
	}

	private static boolean isReceipt(TranscriptItem item) {
		return (EVENT + "message.metadata").equals(item.contentType())
				|| (item.type() == TranscriptItemType.UNKNOWN && item.messageMetadata() != null);
	}

	private static boolean isKept(TranscriptItem item) {
		// an immutable set throws on a null: items without a content type are kept
		return !isReceipt(item) && (item.contentType() == null || !NOT_KEPT.contains(item.contentType()));
	}

	/**
	 * The identity of a delivery: the item's id, and for an attachment also its status,
	 * so that the scan's verdict is delivered although the item was delivered before.
	 */
	private static String key(TranscriptItem item) {
		if (item.attachments().isEmpty()) {
			return item.id();
		}
		StringBuilder key = new StringBuilder(item.id());
		for (TranscriptAttachment attachment : item.attachments()) {
			key.append('/').append(attachment.status());
		}
		return key.toString();
	}

}
