package io.github.connectparticipant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Immutable settings of the library: retries, timeouts, attachment rules, connection
 * refresh and scan waiting. Start from {@link #defaults()} or {@link #builder()}; every
 * value is checked when built.
 *
 * @param maxAttempts how many times one call is attempted in all, the first attempt
 * included (default 4)
 * @param initialBackoff wait before the second attempt (default 100 ms); later waits grow
 * by {@code backoffMultiplier}, with random jitter, up to {@code maxBackoff}
 * @param backoffMultiplier factor by which the wait grows after each attempt (default 2)
 * @param maxBackoff longest wait between two attempts (default 5 s)
 * @param attemptTimeout longest time one attempt of a service call may take (default 10
 * s)
 * @param callTimeout longest time one service call may take with all its attempts and
 * waits (default 60 s)
 * @param transferTimeout longest time one attempt of a PUT to, or GET of, a pre-signed
 * URL may go without sending a byte of its body or getting its response (default 5 min):
 * the time to the response and the idle time, not the whole transfer
 * @param maxAttachmentSize largest attachment accepted for upload (default 20 MB, at most
 * {@value #CONNECT_MAX_ATTACHMENT_BYTES} bytes, Amazon Connect's own limit)
 * @param allowedContentTypes allowed attachment types: file extension (lower case,
 * without the dot) to MIME type (default: Amazon Connect's chat attachment types); an
 * upload's content type must be one of the values, and a name's extension one of the keys
 * when the content type is derived from the name
 * @param downloadUrlExpiry how long the pre-signed download URLs the library asks for
 * stay valid (default 5 min; 5 s to 5 min)
 * @param connectionRefreshMargin how long before its expiry a connection token created
 * from a participant token is replaced (default 5 min)
 * @param scanTimeout longest wait for an attachment's scan verdict (default 2 min)
 * @param scanPollInterval first wait between two looks at the transcript while waiting
 * for a scan verdict (default 500 ms); it doubles up to 8 times this value
 * @param uploadConcurrency how many uploads of one batch run at the same time (default 4)
 * @param transcriptPageSize items asked for per GetTranscript page when a whole
 * transcript is streamed and the query does not say (default 100, 1 to 100)
 * @param requestQuotas client-side pacing: the quota each API operation is paced at, by
 * operation name such as {@code StartAttachmentUpload}, as a token bucket of the quota's
 * rate and burst (default {@link RequestQuota#CONNECT_QUOTAS}, Amazon Connect's
 * documented quotas; empty for no pacing); operations not named are not paced
 * @param adaptivePacing whether a throttled answer lowers its operation's pace in this
 * process, which then recovers while requests succeed (default {@code true})
 * @param presignedUrlHosts hosts the library may send pre-signed URL requests to, as
 * exact names or {@code *.suffix} patterns (default none: derived from the client's
 * region and endpoint override)
 */
public record ConnectParticipantSettings(int maxAttempts, Duration initialBackoff, double backoffMultiplier,
		Duration maxBackoff, Duration attemptTimeout, Duration callTimeout, Duration transferTimeout,
		DataSize maxAttachmentSize, Map<String, String> allowedContentTypes, Duration downloadUrlExpiry,
		Duration connectionRefreshMargin, Duration scanTimeout, Duration scanPollInterval, int uploadConcurrency,
		int transcriptPageSize, Map<String, RequestQuota> requestQuotas, boolean adaptivePacing,
		List<String> presignedUrlHosts) {

	/**
	 * Amazon Connect's largest allowed attachment: 100 MB.
	 */
	public static final long CONNECT_MAX_ATTACHMENT_BYTES = 100L * 1024 * 1024;

	/**
	 * Amazon Connect's default chat attachment types: extension to MIME type.
	 */
	public static final Map<String, String> CONNECT_CONTENT_TYPES;

	static {
		Map<String, String> types = new LinkedHashMap<>();
		types.put("csv", "text/csv");
		types.put("doc", "application/msword");
		types.put("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		types.put("heic", "image/heic");
		types.put("jfif", "image/jpeg");
		types.put("jpeg", "image/jpeg");
		types.put("jpg", "image/jpeg");
		types.put("mov", "video/quicktime");
		types.put("mp4", "video/mp4");
		types.put("pdf", "application/pdf");
		types.put("png", "image/png");
		types.put("ppt", "application/vnd.ms-powerpoint");
		types.put("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
		types.put("rtf", "application/rtf");
		types.put("txt", "text/plain");
		types.put("wav", "audio/wav");
		types.put("xls", "application/vnd.ms-excel");
		types.put("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		CONNECT_CONTENT_TYPES = Collections.unmodifiableMap(types);
	}

	private static final Duration MIN_URL_EXPIRY = Duration.ofSeconds(5);

	private static final Duration MAX_URL_EXPIRY = Duration.ofSeconds(300);

	/**
	 * Check every value and copy the allowed types.
	 */
	public ConnectParticipantSettings {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		requirePositive(initialBackoff, "initialBackoff");
		Assert.isTrue(initialBackoff.toMillis() >= 1, "initialBackoff must be at least 1 ms");
		Assert.isTrue(backoffMultiplier >= 1.0, "backoffMultiplier must be at least 1");
		requirePositive(maxBackoff, "maxBackoff");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must not be shorter than initialBackoff");
		requirePositive(attemptTimeout, "attemptTimeout");
		requirePositive(callTimeout, "callTimeout");
		requirePositive(transferTimeout, "transferTimeout");
		Assert.notNull(maxAttachmentSize, "maxAttachmentSize is required");
		Assert.isTrue(maxAttachmentSize.toBytes() >= 1 && maxAttachmentSize.toBytes() <= CONNECT_MAX_ATTACHMENT_BYTES,
				"maxAttachmentSize must be between 1 byte and 100 MB (Amazon Connect's limit)");
		Assert.notNull(allowedContentTypes, "allowedContentTypes is required");
		Assert.notEmpty(allowedContentTypes, "allowedContentTypes must not be empty");
		Map<String, String> types = new LinkedHashMap<>();
		allowedContentTypes.forEach((extension, type) -> {
			Assert.hasText(extension, "allowedContentTypes must not contain an empty extension");
			Assert.hasText(type, () -> "allowedContentTypes must map extension '" + extension + "' to a MIME type");
			String key = extension.startsWith(".") ? extension.substring(1) : extension;
			types.put(key.toLowerCase(Locale.ROOT), type.trim());
		});
		allowedContentTypes = Collections.unmodifiableMap(types);
		Assert.notNull(downloadUrlExpiry, "downloadUrlExpiry is required");
		Assert.isTrue(
				downloadUrlExpiry.compareTo(MIN_URL_EXPIRY) >= 0 && downloadUrlExpiry.compareTo(MAX_URL_EXPIRY) <= 0,
				"downloadUrlExpiry must be between 5 and 300 seconds");
		Assert.notNull(connectionRefreshMargin, "connectionRefreshMargin is required");
		Assert.isTrue(!connectionRefreshMargin.isNegative(), "connectionRefreshMargin must not be negative");
		requirePositive(scanTimeout, "scanTimeout");
		requirePositive(scanPollInterval, "scanPollInterval");
		Assert.isTrue(uploadConcurrency >= 1, "uploadConcurrency must be at least 1");
		Assert.isTrue(transcriptPageSize >= 1 && transcriptPageSize <= 100,
				"transcriptPageSize must be between 1 and 100");
		Assert.notNull(requestQuotas, "requestQuotas is required");
		requestQuotas.forEach((operation, quota) -> {
			Assert.hasText(operation, "requestQuotas must not contain an empty operation name");
			Assert.notNull(quota, () -> "requestQuotas of " + operation + " is required");
		});
		requestQuotas = Collections.unmodifiableMap(new LinkedHashMap<>(requestQuotas));
		Assert.notNull(presignedUrlHosts, "presignedUrlHosts is required");
		presignedUrlHosts.forEach((host) -> Assert.hasText(host, "presignedUrlHosts must not contain an empty host"));
		presignedUrlHosts = List.copyOf(presignedUrlHosts);
	}

	private static void requirePositive(Duration value, String name) {
		Assert.notNull(value, () -> name + " is required");
		Assert.isTrue(!value.isNegative() && !value.isZero(), () -> name + " must be positive");
	}

	/**
	 * Return the default settings.
	 * @return the defaults
	 */
	public static ConnectParticipantSettings defaults() {
		return builder().build();
	}

	/**
	 * Return a builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder starting from these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.maxAttempts = this.maxAttempts;
		builder.initialBackoff = this.initialBackoff;
		builder.backoffMultiplier = this.backoffMultiplier;
		builder.maxBackoff = this.maxBackoff;
		builder.attemptTimeout = this.attemptTimeout;
		builder.callTimeout = this.callTimeout;
		builder.transferTimeout = this.transferTimeout;
		builder.maxAttachmentSize = this.maxAttachmentSize;
		builder.allowedContentTypes = this.allowedContentTypes;
		builder.downloadUrlExpiry = this.downloadUrlExpiry;
		builder.connectionRefreshMargin = this.connectionRefreshMargin;
		builder.scanTimeout = this.scanTimeout;
		builder.scanPollInterval = this.scanPollInterval;
		builder.uploadConcurrency = this.uploadConcurrency;
		builder.transcriptPageSize = this.transcriptPageSize;
		builder.requestQuotas = new LinkedHashMap<>(this.requestQuotas);
		builder.adaptivePacing = this.adaptivePacing;
		builder.presignedUrlHosts = new ArrayList<>(this.presignedUrlHosts);
		return builder;
	}

	/**
	 * Builder of {@link ConnectParticipantSettings}, starting from the defaults.
	 */
	public static final class Builder {

		private int maxAttempts = 4;

		private Duration initialBackoff = Duration.ofMillis(100);

		private double backoffMultiplier = 2.0;

		private Duration maxBackoff = Duration.ofSeconds(5);

		private Duration attemptTimeout = Duration.ofSeconds(10);

		private Duration callTimeout = Duration.ofSeconds(60);

		private Duration transferTimeout = Duration.ofMinutes(5);

		private DataSize maxAttachmentSize = DataSize.ofMegabytes(20);

		private Map<String, String> allowedContentTypes = CONNECT_CONTENT_TYPES;

		private Duration downloadUrlExpiry = Duration.ofMinutes(5);

		private Duration connectionRefreshMargin = Duration.ofMinutes(5);

		private Duration scanTimeout = Duration.ofMinutes(2);

		private Duration scanPollInterval = Duration.ofMillis(500);

		private int uploadConcurrency = 4;

		private int transcriptPageSize = 100;

		private Map<String, RequestQuota> requestQuotas = RequestQuota.connectQuotasByName();

		private boolean adaptivePacing = true;

		private List<String> presignedUrlHosts = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Set how many times one call is attempted in all.
		 * @param maxAttempts the attempts, at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the wait before the second attempt.
		 * @param initialBackoff the first wait
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
			return this;
		}

		/**
		 * Set the factor by which the wait grows after each attempt.
		 * @param backoffMultiplier the factor, at least 1
		 * @return this builder
		 */
		public Builder backoffMultiplier(double backoffMultiplier) {
			this.backoffMultiplier = backoffMultiplier;
			return this;
		}

		/**
		 * Set the longest wait between two attempts.
		 * @param maxBackoff the longest wait
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * Set the longest time one attempt of a service call may take.
		 * @param attemptTimeout the timeout
		 * @return this builder
		 */
		public Builder attemptTimeout(Duration attemptTimeout) {
			this.attemptTimeout = attemptTimeout;
			return this;
		}

		/**
		 * Set the longest time one service call may take with all its attempts.
		 * @param callTimeout the timeout
		 * @return this builder
		 */
		public Builder callTimeout(Duration callTimeout) {
			this.callTimeout = callTimeout;
			return this;
		}

		/**
		 * Set the longest time one attempt of a pre-signed PUT or GET may go without
		 * sending a byte of its body or getting its response.
		 * @param transferTimeout the timeout
		 * @return this builder
		 */
		public Builder transferTimeout(Duration transferTimeout) {
			this.transferTimeout = transferTimeout;
			return this;
		}

		/**
		 * Set the largest attachment accepted for upload.
		 * @param maxAttachmentSize the size, at most 100 MB
		 * @return this builder
		 */
		public Builder maxAttachmentSize(DataSize maxAttachmentSize) {
			this.maxAttachmentSize = maxAttachmentSize;
			return this;
		}

		/**
		 * Set the allowed attachment types, file extension to MIME type.
		 * @param allowedContentTypes the allowed types
		 * @return this builder
		 */
		public Builder allowedContentTypes(Map<String, String> allowedContentTypes) {
			this.allowedContentTypes = allowedContentTypes;
			return this;
		}

		/**
		 * Set how long the pre-signed download URLs the library asks for stay valid.
		 * @param downloadUrlExpiry the validity, 5 to 300 seconds
		 * @return this builder
		 */
		public Builder downloadUrlExpiry(Duration downloadUrlExpiry) {
			this.downloadUrlExpiry = downloadUrlExpiry;
			return this;
		}

		/**
		 * Set how long before its expiry a created connection token is replaced.
		 * @param connectionRefreshMargin the margin
		 * @return this builder
		 */
		public Builder connectionRefreshMargin(Duration connectionRefreshMargin) {
			this.connectionRefreshMargin = connectionRefreshMargin;
			return this;
		}

		/**
		 * Set the longest wait for an attachment's scan verdict.
		 * @param scanTimeout the timeout
		 * @return this builder
		 */
		public Builder scanTimeout(Duration scanTimeout) {
			this.scanTimeout = scanTimeout;
			return this;
		}

		/**
		 * Set the first wait between two looks at the transcript while waiting for a scan
		 * verdict.
		 * @param scanPollInterval the first wait
		 * @return this builder
		 */
		public Builder scanPollInterval(Duration scanPollInterval) {
			this.scanPollInterval = scanPollInterval;
			return this;
		}

		/**
		 * Set how many uploads of one batch run at the same time.
		 * @param uploadConcurrency the bound, at least 1
		 * @return this builder
		 */
		public Builder uploadConcurrency(int uploadConcurrency) {
			this.uploadConcurrency = uploadConcurrency;
			return this;
		}

		/**
		 * Set how many items are asked for per page when a whole transcript is streamed
		 * and the query does not say.
		 * @param transcriptPageSize the page size, 1 to 100
		 * @return this builder
		 */
		public Builder transcriptPageSize(int transcriptPageSize) {
			this.transcriptPageSize = transcriptPageSize;
			return this;
		}

		/**
		 * Pace an API operation on the client at a quota, in place of its default.
		 * @param operation the operation name, such as {@code StartAttachmentUpload}
		 * @param requestsPerSecond the quota's rate, positive
		 * @param burst the quota's burst, at least 1
		 * @return this builder
		 */
		public Builder requestQuota(String operation, double requestsPerSecond, int burst) {
			this.requestQuotas.put(operation, new RequestQuota(requestsPerSecond, burst));
			return this;
		}

		/**
		 * Set the client-side pacing of every operation at once: an empty map paces
		 * nothing.
		 * @param requestQuotas quotas by operation name
		 * @return this builder
		 */
		public Builder requestQuotas(Map<String, RequestQuota> requestQuotas) {
			this.requestQuotas = new LinkedHashMap<>(requestQuotas);
			return this;
		}

		/**
		 * Set whether a throttled answer lowers its operation's pace in this process.
		 * @param adaptivePacing whether pacing adapts to throttling
		 * @return this builder
		 */
		public Builder adaptivePacing(boolean adaptivePacing) {
			this.adaptivePacing = adaptivePacing;
			return this;
		}

		/**
		 * Set the hosts pre-signed URL requests may go to, instead of deriving them.
		 * @param presignedUrlHosts exact host names or {@code *.suffix} patterns
		 * @return this builder
		 */
		public Builder presignedUrlHosts(List<String> presignedUrlHosts) {
			this.presignedUrlHosts = new ArrayList<>(presignedUrlHosts);
			return this;
		}

		/**
		 * Build the settings, checking every value.
		 * @return the settings
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public ConnectParticipantSettings build() {
			return new ConnectParticipantSettings(this.maxAttempts, this.initialBackoff, this.backoffMultiplier,
					this.maxBackoff, this.attemptTimeout, this.callTimeout, this.transferTimeout,
					this.maxAttachmentSize, this.allowedContentTypes, this.downloadUrlExpiry,
					this.connectionRefreshMargin, this.scanTimeout, this.scanPollInterval, this.uploadConcurrency,
					this.transcriptPageSize, this.requestQuotas, this.adaptivePacing, this.presignedUrlHosts);
		}

	}

}
