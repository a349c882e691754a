package io.github.connectparticipant.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.retry.RetryExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

/**
 * What one session sends: the participant's leaving, messages (one ClientToken per
 * message, reused by every attempt), typing (at most one per interval) and receipts (at
 * most one of each kind per message, none where the service answers Conflict).
 */
final class ChatSender {

	private static final String EVENT = "application/vnd.amazonaws.connect.event.";

	private static final String TYPING = EVENT + "typing";

	private static final String DELIVERED = EVENT + "message.delivered";

	private static final String READ = EVENT + "message.read";

	/**
	 * Receipts remembered per session; an older message marked again is sent again, and
	 * the service dedupes.
	 */
	private static final int REMEMBERED = 1024;

	private final SessionRuntime runtime;

	private final ParticipantConnection connection;

	private final Clock clock;

	/** The receipts sent, made by the first one. */
	private @Nullable RecentKeys marked;

	private @Nullable Instant nextTyping;

	ChatSender(SessionRuntime runtime, ParticipantConnection connection, Clock clock) {
		this.runtime = runtime;
		this.connection = connection;
		this.clock = clock;
	}

	String sendMessage(String contentType, String content) {
		Assert.hasText(contentType, "contentType must not be empty");
		Assert.hasText(content, "content must not be empty");
		String clientToken = UUID.randomUUID().toString();
		RetryExecutor executor = this.runtime.executor;
		ConnectParticipantClient client = this.runtime.client;
		return executor
			.observe("chat.sendMessage",
					() -> executor.call(
							ParticipantOperation.SEND_MESSAGE, (
									context) -> this.connection
										.withToken(
												(token) -> client
													.sendMessage(
															(request) -> context.bounded(request.connectionToken(token)
																.clientToken(clientToken)
																.contentType(contentType)
																.content(content)))
													.id())));
	}

	boolean sendTyping() {
		synchronized (this) {
			Instant now = this.clock.instant();
			if (this.nextTyping != null && now.isBefore(this.nextTyping)) {
				return false;
			}
			this.nextTyping = now.plus(this.runtime.sessionSettings.typingInterval());
		}
		sendEvent("chat.sendTyping", TYPING, null);
		return true;
	}

	boolean markDelivered(String messageId) {
		return mark("chat.markDelivered", DELIVERED, messageId);
	}

	boolean markRead(String messageId) {
		return mark("chat.markRead", READ, messageId);
	}

	private boolean mark(String operation, String contentType, String messageId) {
		Assert.hasText(messageId, "messageId must not be empty");
		String key = contentType + "/" + messageId;
		synchronized (this) {
			if (this.marked == null) {
				this.marked = new RecentKeys(REMEMBERED);
			}
			if (!this.marked.add(key)) {
				return false;
			}
		}
		try {
			sendEvent(operation, contentType, "{\"messageId\":\"" + json(messageId) + "\"}");
			return true;
		}
		catch (RequestConflictException ex) {
			// the service holds the receipt already, or will take none for this message
			return false;
		}
		catch (RuntimeException ex) {
			synchronized (this) {
				this.marked.remove(key);
			}
			throw ex;
		}
	}

	void disconnect() {
		String clientToken = UUID.randomUUID().toString();
		RetryExecutor executor = this.runtime.executor;
		ConnectParticipantClient client = this.runtime.client;
		executor.observe("chat.disconnect", () -> executor.call(ParticipantOperation.DISCONNECT_PARTICIPANT,
				(context) -> this.connection.withToken((token) -> client.disconnectParticipant(
						(request) -> context.bounded(request.connectionToken(token).clientToken(clientToken))))));
	}

	private void sendEvent(String operation, String contentType, @Nullable String content) {
		String clientToken = UUID.randomUUID().toString();
		RetryExecutor executor = this.runtime.executor;
		ConnectParticipantClient client = this.runtime.client;
		executor
			.observe(operation,
					() -> executor.call(ParticipantOperation.SEND_EVENT, (context) -> this.connection.withToken(
							(token) -> client.sendEvent((request) -> context.bounded(request.connectionToken(token)
								.clientToken(clientToken)
								.contentType(contentType)
								.content(content))))));
	}

	private static String json(String value) {
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
