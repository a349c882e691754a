package io.github.connectparticipant.chat;

import io.github.connectparticipant.transcript.TranscriptItem;
import org.jspecify.annotations.Nullable;

/**
 * Hears one {@link ChatSession}. Its methods are called one at a time, never concurrently
 * for one session, in transcript order; a listener that takes its time delays only its
 * own session.
 */
public interface ChatSessionListener {

	/**
	 * Called for each item of the chat, once: messages, attachments (again when the scan
	 * verdict changes an attachment's status), events such as typing, joined, left and
	 * the chat's end, and receipts ({@code MESSAGEMETADATA} items).
	 * @param item the item
	 */
	void onItem(TranscriptItem item);

	/**
	 * Called once when the session ends, after its last item.
	 * @param reason why the session ended
	 * @param cause the failure behind {@link ChatEndReason#ACCESS_DENIED} or
	 * {@link ChatEndReason#FAILED}, if any
	 */
	default void onEnded(ChatEndReason reason, @Nullable Throwable cause) {
	}

}
