package io.github.connectparticipant.autoconfigure.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.connectparticipant.chat.ChatSessionSettings;

/**
 * Chat sessions ({@code connect.participant.chat.*}): how their sockets are held and how
 * long the application's shutdown waits for them.
 */
@ConfigurationProperties("connect.participant.chat")
public class ChatSessionProperties {

	/**
	 * Time between heartbeats on a chat WebSocket; a heartbeat unanswered at the next one
	 * makes the session reconnect.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(10);

	/**
	 * Wait before the first reconnection attempt after a failed one; doubles with each
	 * further failure, with jitter.
	 */
	private Duration initialBackoff = Duration.ofSeconds(2);

	/**
	 * Longest wait between reconnection attempts.
	 */
	private Duration maxBackoff = Duration.ofSeconds(30);

	/**
	 * Age at which a socket is replaced, before Amazon Connect ends it.
	 */
	private Duration rotationInterval = Duration.ofMinutes(59);

	/**
	 * Shortest time between two typing events of one session.
	 */
	private Duration typingInterval = Duration.ofSeconds(10);

	/**
	 * Threads shared by all sessions for service calls (WebSocket URLs, gap fills).
	 */
	private int workerThreads = 4;

	/**
	 * Threads shared by all sessions to call listeners.
	 */
	private int deliveryThreads = 4;

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

	/**
	 * Return the sessions' settings, checked.
	 * @return the settings
	 */
	public ChatSessionSettings toSettings() {
		return ChatSessionSettings.builder()
			.heartbeatInterval(this.heartbeatInterval)
			.initialBackoff(this.initialBackoff)
			.maxBackoff(this.maxBackoff)
			.rotationInterval(this.rotationInterval)
			.typingInterval(this.typingInterval)
			.workerThreads(this.workerThreads)
			.deliveryThreads(this.deliveryThreads)
			.build();
	}

}
