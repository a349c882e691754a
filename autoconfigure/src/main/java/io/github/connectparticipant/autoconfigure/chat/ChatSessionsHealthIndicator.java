package io.github.connectparticipant.autoconfigure.chat;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.connectparticipant.chat.ChatSessions;

/**
 * Health of the chat sessions: always UP (a chat that ends is the chat's business, not
 * the application's health), with the number of open sessions. Never shows a contact,
 * token or URL.
 */
public class ChatSessionsHealthIndicator extends AbstractHealthIndicator {

	private final ChatSessions sessions;

	/**
	 * Create an indicator.
	 * @param sessions the sessions
	 */
	public ChatSessionsHealthIndicator(ChatSessions sessions) {
		super("Chat sessions health check failed");
		this.sessions = sessions;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("openSessions", this.sessions.sessions().size());
	}

}
