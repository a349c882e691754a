package io.github.connectparticipant.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.RequestQuota;

/**
 * Configuration properties of the Amazon Connect Participant starter.
 *
 * <p>
 * Implements {@link Validator} so that Boot checks every value at start-up and names the
 * property of any that is out of range.
 */
@ConfigurationProperties("connect.participant")
public class ConnectParticipantProperties implements Validator {

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

	private final Pacing pacing = new Pacing();

	private final Timeouts timeouts = new Timeouts();

	private final Attachments attachments = new Attachments();

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

	public Pacing getPacing() {
		return this.pacing;
	}

	public Timeouts getTimeouts() {
		return this.timeouts;
	}

	public Attachments getAttachments() {
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
	 * The library settings these properties describe.
	 * @return the settings
	 */
	public ConnectParticipantSettings toSettings() {
		Map<String, String> types = new LinkedHashMap<>();
		ConnectParticipantSettings.CONNECT_CONTENT_TYPES.forEach((extension, type) -> {
			if (this.attachments.allowedContentTypes.contains(type)) {
				types.put(extension, type);
			}
		});
		this.attachments.additionalContentTypes.forEach(types::put);
		return ConnectParticipantSettings.builder()
			.maxAttempts(this.retry.maxAttempts)
			.initialBackoff(this.retry.initialBackoff)
			.backoffMultiplier(this.retry.multiplier)
			.maxBackoff(this.retry.maxBackoff)
			.attemptTimeout(this.timeouts.attempt)
			.callTimeout(this.timeouts.call)
			.transferTimeout(this.timeouts.transfer)
			.maxAttachmentSize(this.attachments.maxSize)
			.allowedContentTypes(types)
			.downloadUrlExpiry(this.attachments.downloadUrlExpiry)
			.connectionRefreshMargin(this.connections.tokenRefreshMargin)
			.scanTimeout(this.attachments.scanWaitTimeout)
			.uploadConcurrency(this.attachments.uploadConcurrency)
			.transcriptPageSize(this.transcripts.pageSize)
			.requestQuotas(this.pacing.quotas())
			.adaptivePacing(this.pacing.adaptive)
			.presignedUrlHosts(this.attachments.urlHosts)
			.build();
	}

	@Override
	public boolean supports(Class<?> clazz) {
		return ConnectParticipantProperties.class.isAssignableFrom(clazz);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ConnectParticipantProperties properties = (ConnectParticipantProperties) target;
		if (properties.endpoint != null
				&& (properties.endpoint.getScheme() == null || properties.endpoint.getHost() == null)) {
			errors.rejectValue("endpoint", "invalid",
					"must be an absolute URL such as https://participant.connect.us-east-1.amazonaws.com");
		}
		if (properties.region != null && !properties.region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
			errors.rejectValue("region", "invalid", "must be an AWS region name such as us-east-1");
		}
		Http http = properties.http;
		positive(errors, "http.connect-timeout", http.connectTimeout);
		positive(errors, "http.read-timeout", http.readTimeout);
		if (http.maxConnections < 1) {
			errors.rejectValue("http.maxConnections", "min", "must be at least 1");
		}
		Retry retry = properties.retry;
		if (retry.maxAttempts < 1 || retry.maxAttempts > 20) {
			errors.rejectValue("retry.maxAttempts", "range", "must be between 1 and 20");
		}
		positive(errors, "retry.initial-backoff", retry.initialBackoff);
		if (retry.multiplier < 1.0) {
			errors.rejectValue("retry.multiplier", "min", "must be at least 1.0");
		}
		positive(errors, "retry.max-backoff", retry.maxBackoff);
		properties.pacing.validate(errors);
		if (retry.maxBackoff != null && retry.initialBackoff != null
				&& retry.maxBackoff.compareTo(retry.initialBackoff) < 0) {
			errors.rejectValue("retry.maxBackoff", "order", "must not be shorter than retry.initial-backoff");
		}
		positive(errors, "timeouts.attempt", properties.timeouts.attempt);
		positive(errors, "timeouts.call", properties.timeouts.call);
		positive(errors, "timeouts.transfer", properties.timeouts.transfer);
		Attachments attachments = properties.attachments;
		if (attachments.maxSize == null || attachments.maxSize.toBytes() < 1
				|| attachments.maxSize.toBytes() > ConnectParticipantSettings.CONNECT_MAX_ATTACHMENT_BYTES) {
			errors.rejectValue("attachments.maxSize", "range", "must be between 1B and 100MB (Amazon Connect's limit)");
		}
		if (attachments.allowedContentTypes.isEmpty() && attachments.additionalContentTypes.isEmpty()) {
			errors.rejectValue("attachments.allowedContentTypes", "empty", "must name at least one content type");
		}
		for (String type : attachments.allowedContentTypes) {
			if (!ConnectParticipantSettings.CONNECT_CONTENT_TYPES.containsValue(type)) {
				errors.rejectValue("attachments.allowedContentTypes", "unknown",
						"'" + type + "' is not one of Amazon Connect's attachment types; map an extension to it under "
								+ "connect.participant.attachments.additional-content-types instead");
				break;
			}
		}
		Duration expiry = attachments.downloadUrlExpiry;
		if (expiry == null || expiry.compareTo(Duration.ofSeconds(5)) < 0
				|| expiry.compareTo(Duration.ofSeconds(300)) > 0) {
			errors.rejectValue("attachments.downloadUrlExpiry", "range", "must be between 5s and 300s");
		}
		positive(errors, "attachments.scan-wait-timeout", attachments.scanWaitTimeout);
		for (String host : attachments.urlHosts) {
			if (host == null || host.isBlank() || host.contains("/") || host.contains("@")) {
				errors.rejectValue("attachments.urlHosts", "invalid",
						"'" + host + "' is not a host name or *.suffix pattern");
				break;
			}
		}
		if (attachments.uploadConcurrency < 1) {
			errors.rejectValue("attachments.uploadConcurrency", "min", "must be at least 1");
		}
		if (properties.transcripts.pageSize < 1 || properties.transcripts.pageSize > 100) {
			errors.rejectValue("transcripts.pageSize", "range", "must be between 1 and 100");
		}
		if (properties.connections.tokenRefreshMargin == null
				|| properties.connections.tokenRefreshMargin.isNegative()) {
			errors.rejectValue("connections.tokenRefreshMargin", "min", "must not be negative");
		}
		positive(errors, "health.probe-timeout", properties.health.probeTimeout);
		if (properties.health.cacheTime == null || properties.health.cacheTime.isNegative()) {
			errors.rejectValue("health.cacheTime", "min", "must not be negative");
		}
	}

	private static void positive(Errors errors, String property, @Nullable Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			errors.rejectValue(camel(property), "positive", "must be a positive duration");
		}
	}

	private static String camel(String property) {
		StringBuilder out = new StringBuilder();
		boolean upper = false;
		for (char c : property.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				out.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return out.toString();
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
	 * Client-side pacing of the service's API operations at their quotas.
	 */
	public static class Pacing {

		/**
		 * Whether requests are paced at their operations' quotas, Amazon Connect's
		 * documented ones unless overridden.
		 */
		private boolean enabled = true;

		/**
		 * Whether a throttled answer lowers its operation's pace in this process, which
		 * then grows back while requests succeed.
		 */
		private boolean adaptive = true;

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
		 * Connect's quotas with the configured ones in their place, or none when pacing
		 * is off. An operation Connect does not list takes a burst of 1 unless one is
		 * set.
		 */
		Map<String, RequestQuota> quotas() {
			if (!this.enabled) {
				return new LinkedHashMap<>();
			}
			Map<String, RequestQuota> result = RequestQuota.connectQuotasByName();
			Map<String, RequestQuota> connectQuotas = RequestQuota.connectQuotasByName();
			this.quotas.forEach((operation, quota) -> {
				RequestQuota known = connectQuotas.get(operation);
				double rate = (quota.rate != null) ? quota.rate : (known != null) ? known.rate() : 1;
				int burst = (quota.burst != null) ? quota.burst : (known != null) ? known.burst() : 1;
				result.put(operation, new RequestQuota(rate, burst));
			});
			return result;
		}

		void validate(Errors errors) {
			this.quotas.forEach((operation, quota) -> {
				if (quota.rate == null && !RequestQuota.connectQuotasByName().containsKey(operation)) {
					errors.rejectValue("pacing.quotas", "required",
							"rate of " + operation + " is required: Amazon Connect documents no quota for it");
				}
				if (quota.rate != null && (quota.rate <= 0 || !Double.isFinite(quota.rate))) {
					errors.rejectValue("pacing.quotas", "positive",
							"rate of " + operation + " must be a positive number of requests per second");
				}
				if (quota.burst != null && quota.burst < 1) {
					errors.rejectValue("pacing.quotas", "min", "burst of " + operation + " must be at least 1");
				}
			});
			if (this.redis.keyPrefix == null || this.redis.keyPrefix.isBlank()) {
				errors.rejectValue("pacing.redis.keyPrefix", "required", "must not be empty");
			}
			positive(errors, "pacing.redis.timeout", this.redis.timeout);
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
		 * One bucket per operation for all replicas, kept in Redis through Bucket4j on
		 * the application's Lettuce connection (Spring Data Redis's
		 * LettuceConnectionFactory, configured by spring.data.redis.*).
		 */
		public static class Redis {

			/**
			 * Whether the replicas share one bucket per operation in Redis.
			 */
			private boolean enabled;

			/**
			 * Prefix of the Redis keys of the buckets; applications that call different
			 * Amazon Connect accounts or Regions through one Redis need different
			 * prefixes.
			 */
			private String keyPrefix = "connect-participant:pacing:";

			/**
			 * Longest wait for Redis's answer, after which a request is paced by its
			 * process alone.
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

	/**
	 * Retry settings: throttling, server faults and I/O errors are retried with
	 * exponential backoff and jitter.
	 */
	public static class Retry {

		/**
		 * Attempts per call in all, the first included.
		 */
		private int maxAttempts = 4;

		/**
		 * Wait before the second attempt.
		 */
		private Duration initialBackoff = Duration.ofMillis(100);

		/**
		 * Factor by which the wait grows after each attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

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

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
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
		private Duration attempt = Duration.ofSeconds(10);

		/**
		 * Longest time one service call may take, all attempts and waits included.
		 */
		private Duration call = Duration.ofSeconds(60);

		/**
		 * Longest time a transfer to or from a pre-signed URL may go without moving a
		 * byte of its upload or getting its answer: the time to the response and the idle
		 * time, not the whole transfer, so a slow upload that keeps moving is never cut
		 * off.
		 */
		private Duration transfer = Duration.ofMinutes(5);

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
	 * Attachment settings.
	 */
	public static class Attachments {

		/**
		 * Largest attachment accepted for upload; Amazon Connect allows up to 100MB when
		 * the instance's limit is raised.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(20);

		/**
		 * Attachment MIME types accepted for upload, from Amazon Connect's chat types.
		 */
		private List<String> allowedContentTypes = new ArrayList<>(
				new java.util.LinkedHashSet<>(ConnectParticipantSettings.CONNECT_CONTENT_TYPES.values()));

		/**
		 * Further accepted types, as file extension to MIME type, for an instance whose
		 * administrator extended the list.
		 */
		private Map<String, String> additionalContentTypes = new LinkedHashMap<>();

		/**
		 * How long the pre-signed download URLs asked for stay valid (5s to 300s).
		 */
		private Duration downloadUrlExpiry = Duration.ofMinutes(5);

		/**
		 * Longest wait for an attachment's malware scan verdict.
		 */
		private Duration scanWaitTimeout = Duration.ofMinutes(2);

		/**
		 * Uploads of one batch that run at the same time.
		 */
		private int uploadConcurrency = 4;

		/**
		 * Hosts pre-signed attachment URLs may point to, as exact names or *.suffix
		 * patterns; empty derives them from the region (Amazon S3) and the endpoint.
		 */
		private List<String> urlHosts = new ArrayList<>();

		public List<String> getUrlHosts() {
			return this.urlHosts;
		}

		public void setUrlHosts(List<String> urlHosts) {
			this.urlHosts = urlHosts;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public List<String> getAllowedContentTypes() {
			return this.allowedContentTypes;
		}

		public void setAllowedContentTypes(List<String> allowedContentTypes) {
			this.allowedContentTypes = allowedContentTypes;
		}

		public Map<String, String> getAdditionalContentTypes() {
			return this.additionalContentTypes;
		}

		public void setAdditionalContentTypes(Map<String, String> additionalContentTypes) {
			this.additionalContentTypes = additionalContentTypes;
		}

		public Duration getDownloadUrlExpiry() {
			return this.downloadUrlExpiry;
		}

		public void setDownloadUrlExpiry(Duration downloadUrlExpiry) {
			this.downloadUrlExpiry = downloadUrlExpiry;
		}

		public Duration getScanWaitTimeout() {
			return this.scanWaitTimeout;
		}

		public void setScanWaitTimeout(Duration scanWaitTimeout) {
			this.scanWaitTimeout = scanWaitTimeout;
		}

		public int getUploadConcurrency() {
			return this.uploadConcurrency;
		}

		public void setUploadConcurrency(int uploadConcurrency) {
			this.uploadConcurrency = uploadConcurrency;
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
		private int pageSize = 100;

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
		private Duration tokenRefreshMargin = Duration.ofMinutes(5);

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
