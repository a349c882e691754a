package io.github.connectparticipant.retry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * What the executor reads from the SDK client it calls: whether the client retries by
 * itself, and the timeout it bounds its calls with.
 */
final class SdkClientCheck {

	private static final Log logger = LogFactory.getLog(RetryExecutor.class);

	private static final Map<SdkClient, Boolean> warnedClients = new WeakHashMap<>();

	private SdkClientCheck() {
	}

	/**
	 * Check the client the executor calls, when it first calls it: the client may be a
	 * lazy-resolution proxy that builds it on first use.
	 * @param client the client, or {@code null} when the attempts call none
	 * @return the timeout the client bounds every call and attempt by, if any
	 */
	static Optional<Duration> inspect(@Nullable SdkClient client) {
		if (client == null) {
			return Optional.empty();
		}
		warnIfRetries(client);
		return Optional.ofNullable(timeout(client));
	}

	/**
	 * Log a warning, once per client, when the client retries by itself: its retries
	 * would multiply the library's attempts.
	 */
	static void warnIfRetries(SdkClient client) {
		int sdkAttempts;
		try {
			sdkAttempts = client.serviceClientConfiguration()
				.overrideConfiguration()
				.retryStrategy()
				.map(RetryStrategy::maxAttempts)
				.orElse(1);
		}
		catch (RuntimeException ex) {
			return;
		}
		if (sdkAttempts > 1) {
			synchronized (warnedClients) {
				if (warnedClients.put(client, Boolean.TRUE) != null) {
					return;
				}
			}
			logger.warn("The Connect Participant SDK client retries by itself (up to " + sdkAttempts + " attempts), "
					+ "so every attempt of the library may become " + sdkAttempts + " requests. Build it with "
					+ "overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))");
		}
	}

	/**
	 * Return the timeout the client bounds every call and every attempt by, if it has one
	 * for both.
	 */
	static @Nullable Duration timeout(SdkClient client) {
		try {
			ClientOverrideConfiguration override = client.serviceClientConfiguration().overrideConfiguration();
			Optional<Duration> attempt = override.apiCallAttemptTimeout();
			return (attempt.isPresent() && attempt.equals(override.apiCallTimeout())) ? attempt.get() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
