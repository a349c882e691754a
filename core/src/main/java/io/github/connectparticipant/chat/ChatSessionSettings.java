package io.github.connectparticipant.chat;

import java.time.Duration;

import io.github.connectparticipant.InvalidSettingException;

/**
 * How {@link ChatSessions} hold their sockets. Service calls (retries, timeouts, pacing,
 * transcript page size) follow the library's
 * {@link io.github.connectparticipant.ConnectParticipantSettings}.
 *
 * @param heartbeatInterval time between heartbeats; a heartbeat still unanswered at the
 * next one means the socket is lost
 * @param initialBackoff wait before the first reconnection attempt after a failed one; it
 * doubles with each further failure, with jitter
 * @param maxBackoff longest wait between reconnection attempts
 * @param rotationInterval age at which a socket is replaced (a new one is opened and
 * subscribed before the old one is closed), before Amazon Connect ends it
 * @param typingInterval shortest time between two typing events sent by one session
 * @param workerThreads threads shared by all sessions for service calls (WebSocket URLs,
 * gap fills)
 * @param deliveryThreads threads shared by all sessions to call listeners
 */
public record ChatSessionSettings(Duration heartbeatInterval, Duration initialBackoff, Duration maxBackoff,
		Duration rotationInterval, Duration typingInterval, int workerThreads, int deliveryThreads) {

	private static final ChatSessionSettings DEFAULTS = new Builder().build();

	/**
	 * Check the values.
	 * @throws InvalidSettingException naming the first value out of range
	 */
	public ChatSessionSettings {
		InvalidSettingException.checkPositive(heartbeatInterval, "heartbeatInterval");
		InvalidSettingException.checkPositive(initialBackoff, "initialBackoff");
		InvalidSettingException.checkPositive(maxBackoff, "maxBackoff");
		InvalidSettingException.checkPositive(rotationInterval, "rotationInterval");
		InvalidSettingException.checkNotNegative(typingInterval, "typingInterval");
		InvalidSettingException.check(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff", maxBackoff,
				"must not be shorter than the initial backoff");
		InvalidSettingException.check(workerThreads >= 1, "workerThreads", workerThreads, "must be at least 1");
		InvalidSettingException.check(deliveryThreads >= 1, "deliveryThreads", deliveryThreads, "must be at least 1");
	}

	/**
	 * Return the defaults: the {@link Builder}'s, one typing event per 10 s as AWS's
	 * ChatJS sends.
	 * @return the defaults
	 */
	public static ChatSessionSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a builder starting from the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link ChatSessionSettings}: its field initialisers are the defaults, the
	 * only place they are written.
	 */
	public static final class Builder {

		private Duration heartbeatInterval = Duration.ofSeconds(10);

		private Duration initialBackoff = Duration.ofSeconds(2);

		private Duration maxBackoff = Duration.ofSeconds(30);

		private Duration rotationInterval = Duration.ofMinutes(59);

		private Duration typingInterval = Duration.ofSeconds(10);

		private int workerThreads = 4;

		private int deliveryThreads = 4;

		private Builder() {
		}

		/**
		 * Set the time between heartbeats.
		 * @param heartbeatInterval the interval
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
			return this;
		}

		/**
		 * Set the first reconnection backoff.
		 * @param initialBackoff the backoff
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
			return this;
		}

		/**
		 * Set the longest reconnection backoff.
		 * @param maxBackoff the backoff
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * Set the age at which a socket is replaced.
		 * @param rotationInterval the age
		 * @return this builder
		 */
		public Builder rotationInterval(Duration rotationInterval) {
			this.rotationInterval = rotationInterval;
			return this;
		}

		/**
		 * Set the shortest time between two typing events of one session.
		 * @param typingInterval the interval
		 * @return this builder
		 */
		public Builder typingInterval(Duration typingInterval) {
			this.typingInterval = typingInterval;
			return this;
		}

		/**
		 * Set the number of threads for service calls.
		 * @param workerThreads the number of threads
		 * @return this builder
		 */
		public Builder workerThreads(int workerThreads) {
			this.workerThreads = workerThreads;
			return this;
		}

		/**
		 * Set the number of threads that call listeners.
		 * @param deliveryThreads the number of threads
		 * @return this builder
		 */
		public Builder deliveryThreads(int deliveryThreads) {
			this.deliveryThreads = deliveryThreads;
			return this;
		}

		/**
		 * Build the settings.
		 * @return the settings
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public ChatSessionSettings build() {
			return new ChatSessionSettings(this.heartbeatInterval, this.initialBackoff, this.maxBackoff,
					this.rotationInterval, this.typingInterval, this.workerThreads, this.deliveryThreads);
		}

	}

}
