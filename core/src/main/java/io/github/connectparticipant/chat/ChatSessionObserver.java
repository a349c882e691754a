package io.github.connectparticipant.chat;

import io.github.connectparticipant.transcript.TranscriptItem;
import org.jspecify.annotations.Nullable;

/**
 * Watches every session of a {@link ChatSessions}, beside each session's own listener:
 * for metrics, application events or logs. Methods must return quickly; {@link #item}
 * runs on the session's delivery turn, right before its listener.
 */
public interface ChatSessionObserver {

	/**
	 * A session was opened.
	 * @param session the session
	 */
	default void opened(ChatSession session) {
	}

	/**
	 * A session is about to deliver an item to its listener.
	 * @param session the session
	 * @param item the item
	 */
	default void item(ChatSession session, TranscriptItem item) {
	}

	/**
	 * A session got a socket again after losing one, and filled the gap.
	 * @param session the session
	 * @param filledItems the items read from the transcript that the session had not
	 * delivered before
	 */
	default void reconnected(ChatSession session, int filledItems) {
	}

	/**
	 * A session ended.
	 * @param session the session
	 * @param reason why
	 * @param cause the failure behind it, if any
	 */
	default void ended(ChatSession session, ChatEndReason reason, @Nullable Throwable cause) {
	}

}
