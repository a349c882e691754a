package io.github.connectparticipant.autoconfigure.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.connectparticipant.chat.ChatSessionSettings;

/**
 * Chat sessions ({@code connect.participant.chat.*}): how their sockets are held, named
 * and started as {@link ChatSessionSettings}, and how long the application's shutdown
 * waits for them.
 */
@ConfigurationProperties("connect.participant.chat")
public class ChatSessionProperties {

	private static final ChatSessionSettings DEFAULTS = ChatSessionSettings.defaults();

	/**
	 * Time between heartbeats on a chat WebSocket; a heartbeat unanswered at the next one
	 * makes the session reconnect.
	 */
	private Duration heartbeatInterval = DEFAULTS.heartbeatInterval();

	/**
	 * Wait before the first reconnection attempt after a failed one; doubles with each
	 * further failure, with jitter.
	 */
	private Duration initialBackoff = DEFAULTS.initialBackoff();

	/**
	 * Longest wait between reconnection attempts.
	 */
	private Duration maxBackoff = DEFAULTS.maxBackoff();

	/**
	 * Age at which a socket is replaced, before Amazon Connect ends it.
	 */
	private Duration rotationInterval = DEFAULTS.rotationInterval();

	/**
	 * Shortest time between two typing events of one session.
	 */
	private Duration typingInterval = DEFAULTS.typingInterval();

	/**
	 * Threads shared by all sessions for service calls (WebSocket URLs, gap fills).
	 */
	private int workerThreads = DEFAULTS.workerThreads();

	/**
	 * Threads shared by all sessions to call listeners.
	 */
	private int deliveryThreads = DEFAULTS.deliveryThreads();

	/**
	 * Longest wait at shutdown for the listeners to hear what was queued, after every
	 * session is closed.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(5);

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public Duration getRotationInterval() {
		return this.rotationInterval;
	}

	public void setRotationInterval(Duration rotationInterval) {
		this.rotationInterval = rotationInterval;
	}

	public Duration getTypingInterval() {
		return this.typingInterval;
	}

	public void setTypingInterval(Duration typingInterval) {
		this.typingInterval = typingInterval;
	}

	public int getWorkerThreads() {
		return this.workerThreads;
	}

	public void setWorkerThreads(int workerThreads) {
		this.workerThreads = workerThreads;
	}

	public int getDeliveryThreads() {
		return this.deliveryThreads;
	}

	public void setDeliveryThreads(int deliveryThreads) {
		this.deliveryThreads = deliveryThreads;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

}
