package io.github.connectparticipant.chat;

/**
 * Why a {@link ChatSession} ended.
 */
public enum ChatEndReason {

	/**
	 * The chat ended: its chat-ended event was delivered.
	 */
	CHAT_ENDED,

	/**
	 * The service refused a new connection with {@code AccessDeniedException} while the
	 * session reconnected: the chat is over, or the participant left it elsewhere.
	 */
	ACCESS_DENIED,

	/**
	 * The participant left the chat through {@link ChatSession#disconnect()}.
	 */
	DISCONNECTED,

	/**
	 * The application closed the session ({@link ChatSession#close()} or
	 * {@link ChatSessions#close()}); the chat goes on.
	 */
	CLOSED,

	/**
	 * The session cannot go on: the service gave a WebSocket URL to a host the library
	 * does not trust, or the transcript could not be read to fill a gap.
	 */
	FAILED

}
