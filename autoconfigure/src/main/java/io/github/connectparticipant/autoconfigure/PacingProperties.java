package io.github.connectparticipant.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.connectparticipant.ConnectParticipantSettings;

/**
 * Pacing properties ({@code connect.participant.pacing.*}): client-side pacing of the
 * service's API operations at their quotas.
 */
public class PacingProperties {

	/**
	 * Whether requests are paced at their operations' quotas, Amazon Connect's documented
	 * ones unless overridden.
	 */
	private boolean enabled = true;

	/**
	 * Whether a throttled answer lowers its operation's pace in this process, which then
	 * grows back while requests succeed.
	 */
	private boolean adaptive = ConnectParticipantSettings.defaults().adaptivePacing();

	/**
	 * Quotas by operation name (such as StartAttachmentUpload) that replace or add to
	 * Amazon Connect's documented ones.
	 */
	private Map<String, Quota> quotas = new LinkedHashMap<>();

	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAdaptive() {
		return this.adaptive;
	}

	public void setAdaptive(boolean adaptive) {
		this.adaptive = adaptive;
	}

	public Map<String, Quota> getQuotas() {
		return this.quotas;
	}

	public void setQuotas(Map<String, Quota> quotas) {
		this.quotas = quotas;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * One operation's quota: a steady rate and a burst.
	 */
	public static class Quota {

		/**
		 * Requests per second allowed in the long run.
		 */
		private @Nullable Double rate;

		/**
		 * Requests allowed at once after a quiet period.
		 */
		private @Nullable Integer burst;

		public @Nullable Double getRate() {
			return this.rate;
		}

		public void setRate(@Nullable Double rate) {
			this.rate = rate;
		}

		public @Nullable Integer getBurst() {
			return this.burst;
		}

		public void setBurst(@Nullable Integer burst) {
			this.burst = burst;
		}

	}

	/**
	 * One bucket per operation for all replicas, kept in Redis through Bucket4j on the
	 * application's Lettuce connection (Spring Data Redis's LettuceConnectionFactory,
	 * configured by spring.data.redis.*).
	 */
	public static class Redis {

		/**
		 * Whether the replicas share one bucket per operation in Redis.
		 */
		private boolean enabled;

		/**
		 * Prefix of the Redis keys of the buckets; applications that call different
		 * Amazon Connect accounts or Regions through one Redis need different prefixes.
		 */
		private String keyPrefix = "connect-participant:pacing:";

		/**
		 * Longest wait for Redis's answer, after which a request is paced by its process
		 * alone.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
