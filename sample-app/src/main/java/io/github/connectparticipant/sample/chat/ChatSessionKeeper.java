package io.github.connectparticipant.sample.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.connectparticipant.chat.ChatEndReason;
import io.github.connectparticipant.chat.ChatSession;
import io.github.connectparticipant.chat.ChatSessionListener;
import io.github.connectparticipant.chat.ChatSessions;
import io.github.connectparticipant.transcript.TranscriptItem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Holds one chat session open per chat the application keeps, through the starter's
 * {@link ChatSessions}: opened when the chat starts, closed when the chat is forgotten,
 * and ended by itself with the chat. The session is what hears the chat live (for
 * {@link ChatFeed}), and its subscription on the chat WebSocket is what keeps a chat
 * started by StartChatContact from being ended by Amazon Connect after 5 minutes. The
 * starter closes every session when the application stops.
 */
@Component
class ChatSessionKeeper {

	private final ChatSessions sessions;

	private final ChatFeed feed;

	private final Map<String, ChatSession> open = new ConcurrentHashMap<>();

	ChatSessionKeeper(ChatSessions sessions, ChatFeed feed) {
		this.sessions = sessions;
		this.feed = feed;
	}

	/**
	 * Open the chat's session, which delivers the chat from its first item on.
	 * @param chat the chat, just started
	 */
	void open(Chat chat) {
		ChatSession session = this.sessions.open(chat.connection(), new ChatSessionListener() {

			@Override
			public void onItem(TranscriptItem item) {
				ChatSessionKeeper.this.feed.item(chat, item);
			}

			@Override
			public void onEnded(ChatEndReason reason, @Nullable Throwable cause) {
				ChatSessionKeeper.this.open.remove(chat.id());
				ChatSessionKeeper.this.feed.ended(chat, reason);
			}

		});
		this.open.put(chat.id(), session);
		if (!session.isOpen()) {
			// ended before it was kept: its end has removed nothing
			this.open.remove(chat.id(), session);
		}
	}

	/**
	 * Close the session of a chat the application forgets; the chat goes on.
	 * @param chat the chat
	 */
	void close(Chat chat) {
		ChatSession session = this.open.remove(chat.id());
		if (session != null) {
			session.close();
		}
	}

}
