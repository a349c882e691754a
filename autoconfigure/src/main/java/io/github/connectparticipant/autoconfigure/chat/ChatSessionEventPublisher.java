package io.github.connectparticipant.autoconfigure.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

import io.github.connectparticipant.chat.ChatEndReason;
import io.github.connectparticipant.chat.ChatSession;
import io.github.connectparticipant.chat.ChatSessionObserver;
import io.github.connectparticipant.transcript.TranscriptItem;

/**
 * Publishes what every chat session delivers as application events.
 */
final class ChatSessionEventPublisher implements ChatSessionObserver {

	private final ApplicationEventPublisher publisher;

	ChatSessionEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void item(ChatSession session, TranscriptItem item) {
		this.publisher.publishEvent(new ChatItemEvent(session.contactId(), item));
	}

	@Override
	public void ended(ChatSession session, ChatEndReason reason, @Nullable Throwable cause) {
		this.publisher.publishEvent(new ChatSessionEndedEvent(session.contactId(), reason));
	}

}
