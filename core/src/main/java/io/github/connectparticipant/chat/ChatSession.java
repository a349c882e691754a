package io.github.connectparticipant.chat;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.transcript.TranscriptItem;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A participant's live chat, opened by {@link ChatSessions#open}: the chat WebSocket held
 * open (heartbeats, reconnection, rotation), every item delivered once and in transcript
 * order to the listener, and the participant's messages, typing and receipts sent. Ends
 * with the chat, with {@link #close()} or with {@link #disconnect()}; the listener is
 * told which.
 * <p>
 * Thread-safe. {@link #toString()} shows no token or URL.
 */
public final class ChatSession implements AutoCloseable {

	private final ParticipantConnection connection;

	private final ChatSessionListener listener;

	private final SerialDelivery delivery;

	private final SessionConnector connector;

	private final ChatSender sender;

	/** The open sessions, which this one leaves when it ends. */
	private final Set<ChatSession> openSessions;

	private final ScanWatch scans = new ScanWatch();

	private final ChatSessionObserver observer;

	private volatile @Nullable String contactId;

	/** Set while the participant leaves: the chat's end that follows is the leaving's. */
	private volatile boolean disconnecting;

	private volatile @Nullable ChatEndReason endReason;

	ChatSession(SessionRuntime runtime, ParticipantConnection connection, ChatSessionListener listener,
			@Nullable String afterItemId, Set<ChatSession> openSessions, ChatSessionObserver observer) {
		this.connection = connection;
		this.observer = observer;
		this.listener = listener;
		this.openSessions = openSessions;
		this.delivery = new SerialDelivery(runtime.delivery);
		this.connector = new SessionConnector(this, runtime, connection, afterItemId);
		this.sender = new ChatSender(runtime, connection, Clock.systemUTC());
	}

	/**
	 * An item put in order: its verdicts noted at once, the listener told in turn.
	 * @param item the item
	 * @param sameContactId the item's contact id as the session's sequencer holds it
	 */
	void deliver(TranscriptItem item, @Nullable String sameContactId) {
		this.scans.heard(item);
		if (this.contactId == null && sameContactId != null) {
			this.contactId = sameContactId;
		}
		this.delivery.submit(() -> {
			this.observer.item(this, item);
			this.listener.onItem(item);
		});
	}

	/**
	 * The session reconnected and filled the gap.
	 */
	void reconnected(int filledItems) {
		this.observer.reconnected(this, filledItems);
	}

	void start() {
		this.observer.opened(this);
		this.connector.start();
	}

	/**
	 * Return the connection the session runs on.
	 * @return the connection
	 */
	public ParticipantConnection connection() {
		return this.connection;
	}

	/**
	 * Return the chat's contact id, once the session has delivered an item that names it.
	 * @return the contact id, or {@code null} before
	 */
	public @Nullable String contactId() {
		return this.contactId;
	}

	/**
	 * The scan verdict of an attachment as this session hears it.
	 */
	CompletableFuture<AttachmentStatus> verdict(String attachmentId) {
		return this.scans.verdict(attachmentId);
	}

	/**
	 * Return whether the session is open (not ended).
	 * @return whether the session is open
	 */
	public boolean isOpen() {
		return this.endReason == null;
	}

	/**
	 * Return why the session ended.
	 * @return the reason, or {@code null} while the session is open
	 */
	public @Nullable ChatEndReason endReason() {
		return this.endReason;
	}

	/**
	 * Send a plain text message. One ClientToken is chosen for the message and sent by
	 * every attempt, so a retried send never makes a second message.
	 * @param text the text (1 to 1024 characters)
	 * @return the message's id
	 * @throws IllegalStateException if the session has ended
	 */
	public String sendMessage(String text) {
		return sendMessage("text/plain", text);
	}

	/**
	 * Send a message of a content type Connect takes ({@code text/plain},
	 * {@code text/markdown}, {@code application/json}, ...).
	 * @param contentType the content type
	 * @param content the content
	 * @return the message's id
	 * @throws IllegalStateException if the session has ended
	 */
	public String sendMessage(String contentType, String content) {
		checkOpen();
		return this.sender.sendMessage(contentType, content);
	}

	/**
	 * Tell the other participants the participant is typing; at most one event per
	 * {@link ChatSessionSettings#typingInterval()}, the others are skipped.
	 * @return whether an event was sent
	 */
	public boolean sendTyping() {
		return isOpen() && this.sender.sendTyping();
	}

	/**
	 * Send a delivered receipt for a message, at most once per message.
	 * @param messageId the message's id
	 * @return whether a receipt was sent: not when one was sent before, the session has
	 * ended, or the service answered Conflict
	 */
	public boolean markDelivered(String messageId) {
		return isOpen() && this.sender.markDelivered(messageId);
	}

	/**
	 * Send a read receipt for a message, at most once per message.
	 * @param messageId the message's id
	 * @return whether a receipt was sent: not when one was sent before, the session has
	 * ended, or the service answered Conflict
	 */
	public boolean markRead(String messageId) {
		return isOpen() && this.sender.markRead(messageId);
	}

	/**
	 * Leave the chat (DisconnectParticipant) and end the session with
	 * {@link ChatEndReason#DISCONNECTED}.
	 * @throws IllegalStateException if the session has ended
	 */
	public void disconnect() {
		checkOpen();
		this.disconnecting = true;
		try {
			this.sender.disconnect();
		}
		catch (ParticipantAccessDeniedException ex) {
			// the chat is over already: the participant is out of it either way
		}
		catch (RuntimeException ex) {
			this.disconnecting = false;
			throw ex;
		}
		end(ChatEndReason.DISCONNECTED, null);
	}

	/**
	 * Close the session: the socket is closed, the chat goes on. Does nothing when the
	 * session has ended.
	 */
	@Override
	public void close() {
		end(ChatEndReason.CLOSED, null);
	}

	/**
	 * End the session once: stop the connector and tell the listener after its last item.
	 */
	void end(ChatEndReason ending, @Nullable Throwable cause) {
		ChatEndReason reason = (this.disconnecting && ending == ChatEndReason.CHAT_ENDED) ? ChatEndReason.DISCONNECTED
				: ending;
		synchronized (this) {
			if (this.endReason != null) {
				return;
			}
			this.endReason = reason;
		}
		this.connector.stop();
		this.scans.stop();
		this.delivery.submit(() -> {
			this.observer.ended(this, reason, cause);
			this.listener.onEnded(reason, cause);
		});
		this.openSessions.remove(this);
	}

	private void checkOpen() {
		ChatEndReason reason = this.endReason;
		Assert.state(reason == null, () -> "The chat session has ended (" + reason + ")");
	}

	@Override
	public String toString() {
		ChatEndReason reason = this.endReason;
		return "ChatSession[" + this.connection + ", " + ((reason != null) ? "ended: " + reason : "open") + "]";
	}

}
