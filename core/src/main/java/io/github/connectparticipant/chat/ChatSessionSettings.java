package io.github.connectparticipant.chat;

import java.time.Duration;

import org.springframework.util.Assert;

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

	/**
	 * Check the values.
	 */
	public ChatSessionSettings {
		positive(heartbeatInterval, "heartbeatInterval");
		positive(initialBackoff, "initialBackoff");
		positive(maxBackoff, "maxBackoff");
		positive(rotationInterval, "rotationInterval");
		Assert.notNull(typingInterval, "typingInterval is required");
		Assert.isTrue(!typingInterval.isNegative(), "typingInterval must not be negative");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must not be shorter than initialBackoff");
		Assert.isTrue(workerThreads >= 1, "workerThreads must be at least 1");
		Assert.isTrue(deliveryThreads >= 1, "deliveryThreads must be at least 1");
	}

	private static void positive(Duration value, String name) {
		Assert.notNull(value, () -> name + " is required");
		Assert.isTrue(!value.isNegative() && !value.isZero(), () -> name + " must be positive");
	}

	/**
	 * Return the defaults: heartbeats every 10 s, reconnection backoff from 2 s doubling
	 * to 30 s, sockets replaced after 59 minutes, one typing event per 10 s (as AWS's
	 * ChatJS), 4 worker and 4 delivery threads.
	 * @return the defaults
	 */
	public static ChatSessionSettings defaults() {
		return builder().build();
	}

	/**
	 * Return a builder starting from the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link ChatSessionSettings}.
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
