package io.github.connectparticipant.sample.chat;

import io.github.connectparticipant.chat.ChatEndReason;
import io.github.connectparticipant.transcript.TranscriptItem;

/**
 * Hears what the chats' sessions deliver, by chat: each item once, in transcript order,
 * one call at a time per chat, then the session's end.
 */
public interface ChatFeed {

	/**
	 * Called for each item of a chat: messages, attachments (again when a scan verdict
	 * changes an attachment's status), events and receipts.
	 * @param chat the chat
	 * @param item the item
	 */
	void item(Chat chat, TranscriptItem item);

	/**
	 * Called once when a chat's session ends, after its last item.
	 * @param chat the chat
	 * @param reason why: the chat is over ({@link ChatEndReason#CHAT_ENDED},
	 * {@link ChatEndReason#ACCESS_DENIED}, {@link ChatEndReason#DISCONNECTED}), or the
	 * session stopped while the chat goes on ({@link ChatEndReason#CLOSED},
	 * {@link ChatEndReason#FAILED})
	 */
	void ended(Chat chat, ChatEndReason reason);

}
