package io.github.connectparticipant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Immutable settings of the library: retries, timeouts, attachment rules, connection
 * refresh and scan waiting. Start from {@link #defaults()} or {@link #builder()}; every
 * value is checked when built, and a value out of range is refused with an
 * {@link InvalidSettingException} naming its component. The Spring Boot starter maps
 * {@code connect.participant.*} onto these components: {@code retry.max-attempts} onto
 * {@code maxAttempts}, {@code timeouts.attempt} onto {@code attemptTimeout} and so on.
 *
 * @param maxAttempts how many times one call is attempted in all, the first included
 * @param initialBackoff wait before the second attempt (at least 1 ms); later waits grow
 * by {@code backoffMultiplier}, with random jitter, up to {@code maxBackoff}
 * @param backoffMultiplier factor by which the wait grows after each attempt
 * @param maxBackoff longest wait between two attempts
 * @param attemptTimeout longest time one attempt of a service call may take
 * @param callTimeout longest time one service call may take with all its attempts and
 * waits
 * @param transferTimeout longest time one attempt of a PUT to, or GET of, a pre-signed
 * URL may go without sending a byte of its body or getting its response: the time to the
 * response and the idle time, not the whole transfer
 * @param maxAttachmentSize largest attachment accepted for upload (at most
 * {@value #CONNECT_MAX_ATTACHMENT_BYTES} bytes, Amazon Connect's own limit)
 * @param allowedContentTypes allowed attachment types: file extension (lower case,
 * without the dot) to MIME type; an upload's content type must be one of the values, and
 * a name's extension one of the keys when the content type is derived from the name
 * @param downloadUrlExpiry how long the pre-signed download URLs the library asks for
 * stay valid (5 s to 5 min)
 * @param tokenRefreshMargin how long before its expiry a ConnectionToken created from a
 * ParticipantToken is replaced
 * @param scanTimeout longest wait for an attachment's scan verdict
 * @param scanPollInterval first wait between two looks at the transcript while waiting
 * for a scan verdict; it doubles up to 8 times this value
 * @param uploadConcurrency how many uploads of one batch run at the same time
 * @param transcriptPageSize items asked for per GetTranscript page when a whole
 * transcript is streamed and the query does not say (1 to 100)
 * @param requestQuotas client-side pacing: the quota each API operation is paced at, by
 * operation name such as {@code StartAttachmentUpload}, as a token bucket of the quota's
 * rate and burst (by default {@link RequestQuota#CONNECT_QUOTAS}; empty for no pacing);
 * operations not named are not paced
 * @param adaptivePacing whether a throttled answer lowers its operation's pace in this
 * process, which then recovers while requests succeed
 * @param presignedUrlHosts hosts the library may send pre-signed URL requests to, as
 * exact names or {@code *.suffix} patterns (empty: derived from the client's region and
 * endpoint override)
 */
public record ConnectParticipantSettings(int maxAttempts, Duration initialBackoff, double backoffMultiplier,
		Duration maxBackoff, Duration attemptTimeout, Duration callTimeout, Duration transferTimeout,
		DataSize maxAttachmentSize, Map<String, String> allowedContentTypes, Duration downloadUrlExpiry,
		Duration tokenRefreshMargin, Duration scanTimeout, Duration scanPollInterval, int uploadConcurrency,
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

	private static final ConnectParticipantSettings DEFAULTS = new ConnectParticipantSettingsBuilder().build();

	/**
	 * Check every value and copy the collections.
	 * @throws InvalidSettingException naming the first value out of range
	 */
	public ConnectParticipantSettings {
		InvalidSettingException.check(maxAttempts >= 1, "maxAttempts", maxAttempts, "must be at least 1");
		InvalidSettingException.check(initialBackoff != null && initialBackoff.toMillis() >= 1, "initialBackoff",
				initialBackoff, "must be at least 1ms");
		InvalidSettingException.check(backoffMultiplier >= 1.0 && Double.isFinite(backoffMultiplier),
				"backoffMultiplier", backoffMultiplier, "must be at least 1");
		InvalidSettingException.checkPositive(maxBackoff, "maxBackoff");
		InvalidSettingException.check(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff", maxBackoff,
				"must not be shorter than the initial backoff");
		InvalidSettingException.checkPositive(attemptTimeout, "attemptTimeout");
		InvalidSettingException.checkPositive(callTimeout, "callTimeout");
		InvalidSettingException.checkPositive(transferTimeout, "transferTimeout");
		InvalidSettingException.check(
				maxAttachmentSize != null && maxAttachmentSize.toBytes() >= 1
						&& maxAttachmentSize.toBytes() <= CONNECT_MAX_ATTACHMENT_BYTES,
				"maxAttachmentSize", maxAttachmentSize, "must be between 1 B and 100 MB (Amazon Connect's limit)");
		allowedContentTypes = contentTypes(allowedContentTypes);
		InvalidSettingException.check(
				downloadUrlExpiry != null && downloadUrlExpiry.compareTo(MIN_URL_EXPIRY) >= 0
						&& downloadUrlExpiry.compareTo(MAX_URL_EXPIRY) <= 0,
				"downloadUrlExpiry", downloadUrlExpiry, "must be between 5s and 300s");
		InvalidSettingException.checkNotNegative(tokenRefreshMargin, "tokenRefreshMargin");
		InvalidSettingException.checkPositive(scanTimeout, "scanTimeout");
		InvalidSettingException.checkPositive(scanPollInterval, "scanPollInterval");
		InvalidSettingException.check(uploadConcurrency >= 1, "uploadConcurrency", uploadConcurrency,
				"must be at least 1");
		InvalidSettingException.check(transcriptPageSize >= 1 && transcriptPageSize <= 100, "transcriptPageSize",
				transcriptPageSize, "must be between 1 and 100");
		InvalidSettingException.check(requestQuotas != null, "requestQuotas", null, "is required");
		requestQuotas.forEach((operation, quota) -> InvalidSettingException.check(
				operation != null && !operation.isBlank() && quota != null, "requestQuotas", operation,
				"must map operation names to quotas"));
		requestQuotas = Collections.unmodifiableMap(new LinkedHashMap<>(requestQuotas));
		InvalidSettingException.check(presignedUrlHosts != null, "presignedUrlHosts", null, "is required");
		presignedUrlHosts.forEach((host) -> InvalidSettingException.check(host != null && !host.isBlank(),
				"presignedUrlHosts", host, "must not contain an empty host"));
		presignedUrlHosts = List.copyOf(presignedUrlHosts);
	}

	private static Map<String, String> contentTypes(Map<String, String> allowedContentTypes) {
		InvalidSettingException.check(allowedContentTypes != null && !allowedContentTypes.isEmpty(),
				"allowedContentTypes", allowedContentTypes, "must name at least one content type");
		Map<String, String> types = new LinkedHashMap<>();
		allowedContentTypes.forEach((extension, type) -> {
			InvalidSettingException.check(StringUtils.hasText(extension) && StringUtils.hasText(type),
					"allowedContentTypes", extension, "must map file extensions to MIME types");
			String key = extension.startsWith(".") ? extension.substring(1) : extension;
			types.put(key.toLowerCase(Locale.ROOT), type.trim());
		});
		return Collections.unmodifiableMap(types);
	}

	/**
	 * Return the default settings.
	 * @return the defaults
	 */
	public static ConnectParticipantSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new ConnectParticipantSettingsBuilder();
	}

	/**
	 * Return a builder starting from these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new ConnectParticipantSettingsBuilder(this);
	}

	/**
	 * Builder of {@link ConnectParticipantSettings}, starting from the defaults or from
	 * other settings.
	 */
	public interface Builder {

		/**
		 * Set how many times one call is attempted in all.
		 * @param maxAttempts the attempts, at least 1
		 * @return this builder
		 */
		Builder maxAttempts(int maxAttempts);

		/**
		 * Set the wait before the second attempt.
		 * @param initialBackoff the first wait
		 * @return this builder
		 */
		Builder initialBackoff(Duration initialBackoff);

		/**
		 * Set the factor by which the wait grows after each attempt.
		 * @param backoffMultiplier the factor, at least 1
		 * @return this builder
		 */
		Builder backoffMultiplier(double backoffMultiplier);

		/**
		 * Set the longest wait between two attempts.
		 * @param maxBackoff the longest wait
		 * @return this builder
		 */
		Builder maxBackoff(Duration maxBackoff);

		/**
		 * Set the longest time one attempt of a service call may take.
		 * @param attemptTimeout the timeout
		 * @return this builder
		 */
		Builder attemptTimeout(Duration attemptTimeout);

		/**
		 * Set the longest time one service call may take with all its attempts.
		 * @param callTimeout the timeout
		 * @return this builder
		 */
		Builder callTimeout(Duration callTimeout);

		/**
		 * Set the longest time one attempt of a pre-signed PUT or GET may go without
		 * sending a byte of its body or getting its response.
		 * @param transferTimeout the timeout
		 * @return this builder
		 */
		Builder transferTimeout(Duration transferTimeout);

		/**
		 * Set the largest attachment accepted for upload.
		 * @param maxAttachmentSize the size, at most 100 MB
		 * @return this builder
		 */
		Builder maxAttachmentSize(DataSize maxAttachmentSize);

		/**
		 * Set the allowed attachment types, file extension to MIME type.
		 * @param allowedContentTypes the allowed types
		 * @return this builder
		 */
		Builder allowedContentTypes(Map<String, String> allowedContentTypes);

		/**
		 * Set how long the pre-signed download URLs the library asks for stay valid.
		 * @param downloadUrlExpiry the validity, 5 to 300 seconds
		 * @return this builder
		 */
		Builder downloadUrlExpiry(Duration downloadUrlExpiry);

		/**
		 * Set how long before its expiry a created connection token is replaced.
		 * @param tokenRefreshMargin the margin
		 * @return this builder
		 */
		Builder tokenRefreshMargin(Duration tokenRefreshMargin);

		/**
		 * Set the longest wait for an attachment's scan verdict.
		 * @param scanTimeout the timeout
		 * @return this builder
		 */
		Builder scanTimeout(Duration scanTimeout);

		/**
		 * Set the first wait between two looks at the transcript while waiting for a scan
		 * verdict.
		 * @param scanPollInterval the first wait
		 * @return this builder
		 */
		Builder scanPollInterval(Duration scanPollInterval);

		/**
		 * Set how many uploads of one batch run at the same time.
		 * @param uploadConcurrency the bound, at least 1
		 * @return this builder
		 */
		Builder uploadConcurrency(int uploadConcurrency);

		/**
		 * Set how many items are asked for per page when a whole transcript is streamed
		 * and the query does not say.
		 * @param transcriptPageSize the page size, 1 to 100
		 * @return this builder
		 */
		Builder transcriptPageSize(int transcriptPageSize);

		/**
		 * Pace an API operation on the client at a quota, in place of its default.
		 * @param operation the operation name, such as {@code StartAttachmentUpload}
		 * @param requestsPerSecond the quota's rate, positive
		 * @param burst the quota's burst, at least 1
		 * @return this builder
		 */
		Builder requestQuota(String operation, double requestsPerSecond, int burst);

		/**
		 * Set the client-side pacing of every operation at once: an empty map paces
		 * nothing.
		 * @param requestQuotas quotas by operation name
		 * @return this builder
		 */
		Builder requestQuotas(Map<String, RequestQuota> requestQuotas);

		/**
		 * Set whether a throttled answer lowers its operation's pace in this process.
		 * @param adaptivePacing whether pacing adapts to throttling
		 * @return this builder
		 */
		Builder adaptivePacing(boolean adaptivePacing);

		/**
		 * Set the hosts pre-signed URL requests may go to, instead of deriving them.
		 * @param presignedUrlHosts exact host names or {@code *.suffix} patterns
		 * @return this builder
		 */
		Builder presignedUrlHosts(List<String> presignedUrlHosts);

		/**
		 * Build the settings, checking every value.
		 * @return the settings
		 * @throws IllegalArgumentException if a value is out of range
		 */
		ConnectParticipantSettings build();

	}

}
