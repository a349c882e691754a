package io.github.connectparticipant.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.github.connectparticipant.ConnectParticipantSettings;

/**
 * Configuration properties of the Amazon Connect Participant starter. The groups that
 * describe {@link ConnectParticipantSettings} start from its defaults and use its words
 * ({@code retry.max-attempts} is {@code maxAttempts}); their values are checked when the
 * auto-configuration builds the settings.
 */
@ConfigurationProperties("connect.participant")
public class ConnectParticipantProperties {

	private static final ConnectParticipantSettings DEFAULTS = ConnectParticipantSettings.defaults();

	/**
	 * AWS region of the Amazon Connect instance, such as us-east-1. Determines the
	 * Participant Service endpoint unless one is set.
	 */
	private @Nullable String region;

	/**
	 * Endpoint of the Participant Service, overriding the one derived from the region.
	 */
	private @Nullable URI endpoint;

	private final Http http = new Http();

	private final Retry retry = new Retry();

	@NestedConfigurationProperty
	private final PacingProperties pacing = new PacingProperties();

	private final Timeouts timeouts = new Timeouts();

	@NestedConfigurationProperty
	private final AttachmentProperties attachments = new AttachmentProperties();

	private final Transcripts transcripts = new Transcripts();

	private final Connections connections = new Connections();

	private final Health health = new Health();

	private final Emulator emulator = new Emulator();

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

	public Http getHttp() {
		return this.http;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public PacingProperties getPacing() {
		return this.pacing;
	}

	public Timeouts getTimeouts() {
		return this.timeouts;
	}

	public AttachmentProperties getAttachments() {
		return this.attachments;
	}

	public Transcripts getTranscripts() {
		return this.transcripts;
	}

	public Connections getConnections() {
		return this.connections;
	}

	public Health getHealth() {
		return this.health;
	}

	public Emulator getEmulator() {
		return this.emulator;
	}

	/**
	 * HTTP client settings, for the Participant Service and the pre-signed URLs.
	 */
	public static class Http {

		/**
		 * Time allowed to open a connection.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Longest wait for data on an open connection.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Largest number of open connections to the Participant Service.
		 */
		private int maxConnections = 50;

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

	}

	/**
	 * Retry settings: throttling, server faults and I/O errors are retried with
	 * exponential backoff and jitter.
	 */
	public static class Retry {

		/**
		 * Attempts per call in all, the first included.
		 */
		private int maxAttempts = DEFAULTS.maxAttempts();

		/**
		 * Wait before the second attempt.
		 */
		private Duration initialBackoff = DEFAULTS.initialBackoff();

		/**
		 * Factor by which the wait grows after each attempt.
		 */
		private double backoffMultiplier = DEFAULTS.backoffMultiplier();

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = DEFAULTS.maxBackoff();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getBackoffMultiplier() {
			return this.backoffMultiplier;
		}

		public void setBackoffMultiplier(double backoffMultiplier) {
			this.backoffMultiplier = backoffMultiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * Timeouts of service calls and transfers.
	 */
	public static class Timeouts {

		/**
		 * Longest time one attempt of a service call may take; also the starter's SDK
		 * client's own call and attempt timeouts.
		 */
		private Duration attempt = DEFAULTS.attemptTimeout();

		/**
		 * Longest time one service call may take, all attempts and waits included.
		 */
		private Duration call = DEFAULTS.callTimeout();

		/**
		 * Longest time a transfer to or from a pre-signed URL may go without moving a
		 * byte of its upload or getting its answer: the time to the response and the idle
		 * time, not the whole transfer, so a slow upload that keeps moving is never cut
		 * off.
		 */
		private Duration transfer = DEFAULTS.transferTimeout();

		public Duration getAttempt() {
			return this.attempt;
		}

		public void setAttempt(Duration attempt) {
			this.attempt = attempt;
		}

		public Duration getCall() {
			return this.call;
		}

		public void setCall(Duration call) {
			this.call = call;
		}

		public Duration getTransfer() {
			return this.transfer;
		}

		public void setTransfer(Duration transfer) {
			this.transfer = transfer;
		}

	}

	/**
	 * Transcript settings.
	 */
	public static class Transcripts {

		/**
		 * Items asked for per GetTranscript page when a whole transcript is streamed and
		 * the query does not say (1 to 100).
		 */
		private int pageSize = DEFAULTS.transcriptPageSize();

		public int getPageSize() {
			return this.pageSize;
		}

		public void setPageSize(int pageSize) {
			this.pageSize = pageSize;
		}

	}

	/**
	 * Participant connection settings.
	 */
	public static class Connections {

		/**
		 * How long before its expiry a ConnectionToken created from a ParticipantToken is
		 * replaced.
		 */
		private Duration tokenRefreshMargin = DEFAULTS.tokenRefreshMargin();

		public Duration getTokenRefreshMargin() {
			return this.tokenRefreshMargin;
		}

		public void setTokenRefreshMargin(Duration tokenRefreshMargin) {
			this.tokenRefreshMargin = tokenRefreshMargin;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * Longest time the endpoint probe may take.
		 */
		private Duration probeTimeout = Duration.ofSeconds(2);

		/**
		 * How long a probe result is reused before the endpoint is probed again.
		 */
		private Duration cacheTime = Duration.ofSeconds(10);

		public Duration getProbeTimeout() {
			return this.probeTimeout;
		}

		public void setProbeTimeout(Duration probeTimeout) {
			this.probeTimeout = probeTimeout;
		}

		public Duration getCacheTime() {
			return this.cacheTime;
		}

		public void setCacheTime(Duration cacheTime) {
			this.cacheTime = cacheTime;
		}

	}

	/**
	 * Embedded emulator settings.
	 */
	public static class Emulator {

		/**
		 * Whether to start the embedded emulator: auto starts it when the emulator is on
		 * the classpath, no endpoint is configured and no AWS region is found
		 * (properties, aws.region, AWS_REGION, AWS profile files).
		 */
		private Mode enabled = Mode.AUTO;

		public Mode getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Mode enabled) {
			this.enabled = enabled;
		}

		/**
		 * When the embedded emulator starts.
		 */
		public enum Mode {

			/**
			 * Start it when it is on the classpath, no endpoint is set and no AWS region
			 * is found.
			 */
			AUTO,

			/**
			 * Always start it (it must be on the classpath).
			 */
			TRUE,

			/**
			 * Never start it.
			 */
			FALSE

		}

	}

}
