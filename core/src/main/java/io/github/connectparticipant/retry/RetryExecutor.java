package io.github.connectparticipant.retry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.OperationTimeoutException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.retry.policy.MaxAttemptsRetryPolicy;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Runs every call of the library: retries with exponential backoff and jitter, attempt
 * and call timeouts, translation of failures into the library's exceptions, and
 * Micrometer observations of each logical operation and each attempt. The only class that
 * knows which retry library is used (Spring Retry's {@code RetryTemplate}).
 * <p>
 * Retried: throttling (429), server errors (5xx), I/O errors and timeouts. Not retried:
 * validation (400), quota (402), access denied (403), conflict (409). The SDK client's
 * own retries must be off, or attempts multiply.
 * <p>
 * Client-side pacing ({@link RequestPacer}) of the operations
 * {@link ConnectParticipantSettings#requestQuotas()} names, Amazon Connect's quotas by
 * default: every attempt of a paced operation waits for its permit, so that calls stay
 * within a service quota instead of being throttled and retried, and each answer tells
 * the pacer whether it was throttled. The wait counts against the call timeout.
 * <p>
 * Observations, when an {@link ObservationRegistry} is given:
 * <ul>
 * <li>{@value #OPERATION_OBSERVATION} for each logical operation ({@code upload},
 * {@code download}, {@code transcript.page}, ...);</li>
 * <li>{@value #ATTEMPT_OBSERVATION} for each attempt of each call
 * ({@code StartAttachmentUpload}, {@code UploadObject}, ...).</li>
 * </ul>
 * Both carry the low-cardinality keys {@code operation}, {@code outcome}
 * ({@code success}, {@code retry} for a failed attempt that will be retried, or
 * {@code error}) and {@code error.code} ({@code none} on success).
 */
public final class RetryExecutor {

	/**
	 * Name of the observation of one logical operation.
	 */
	public static final String OPERATION_OBSERVATION = "connect.participant.operation";

	/**
	 * Name of the observation of one attempt.
	 */
	public static final String ATTEMPT_OBSERVATION = "connect.participant.attempt";

	private static final Log logger = LogFactory.getLog(RetryExecutor.class);

	private static final Map<SdkClient, Boolean> warnedClients = new WeakHashMap<>();

	private static final KeyValue SUCCESS = KeyValue.of("outcome", "success");

	private static final KeyValue NO_ERROR = KeyValue.of("error.code", "none");

	private final ConnectParticipantSettings settings;

	private final ObservationRegistry observationRegistry;

	private final SingletonSupplier<RetryTemplate> retryTemplate;

	/**
	 * The SDK client still to be checked for retries of its own; {@code null} once
	 * checked.
	 */
	private volatile @Nullable Supplier<? extends SdkClient> uncheckedClient;

	private final RequestPacer pacer;

	/**
	 * The timeout the SDK client bounds every call and attempt by itself, if it has one
	 * for both: attempts with that timeout need no override of their own.
	 */
	private volatile @Nullable Duration clientTimeout;

	/**
	 * Create an executor without observations.
	 * @param settings the settings
	 */
	public RetryExecutor(ConnectParticipantSettings settings) {
		this(settings, ObservationRegistry.NOOP);
	}

	/**
	 * Create an executor.
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 */
	public RetryExecutor(ConnectParticipantSettings settings, ObservationRegistry observationRegistry) {
		this(settings, observationRegistry, (Supplier<SdkClient>) null);
	}

	/**
	 * Create an executor that, before its first attempt, checks whether the SDK client
	 * retries by itself ({@link #warnIfSdkRetries(SdkClient)}).
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param client the SDK client the attempts call, or {@code null} to check none
	 */
	public RetryExecutor(ConnectParticipantSettings settings, ObservationRegistry observationRegistry,
			@Nullable SdkClient client) {
		this(settings, observationRegistry, (client != null) ? () -> client : null);
	}

	/**
	 * Create an executor that, before its first attempt, takes the SDK client from the
	 * given supplier and checks whether it retries by itself
	 * ({@link #warnIfSdkRetries(SdkClient)}), so that a client created on first use is
	 * not created by the check.
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param client supplies the SDK client the attempts call, or {@code null} to check
	 * none
	 */
	public RetryExecutor(ConnectParticipantSettings settings, ObservationRegistry observationRegistry,
			@Nullable Supplier<? extends SdkClient> client) {
		this(settings, observationRegistry, client, new RequestPacer(settings));
	}

	/**
	 * Create an executor that paces its attempts with the given pacer, which services
	 * sharing one quota share, and checks the SDK client as
	 * {@link #RetryExecutor(ConnectParticipantSettings, ObservationRegistry, Supplier)}.
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param client supplies the SDK client the attempts call, or {@code null} to check
	 * none
	 * @param pacer the request pacer
	 */
	public RetryExecutor(ConnectParticipantSettings settings, ObservationRegistry observationRegistry,
			@Nullable Supplier<? extends SdkClient> client, RequestPacer pacer) {
		Assert.notNull(settings, "settings is required");
		Assert.notNull(pacer, "pacer is required");
		Assert.notNull(observationRegistry, "observationRegistry is required");
		this.uncheckedClient = client;
		this.settings = settings;
		this.observationRegistry = observationRegistry;
		this.pacer = pacer;
		this.retryTemplate = SingletonSupplier.of(() -> retryTemplate(settings));
	}

	/**
	 * The retry template, made by the first call that needs a second attempt: most calls
	 * succeed at once, so an executor made at start-up need not make it there.
	 */
	private static RetryTemplate retryTemplate(ConnectParticipantSettings settings) {
		ExponentialRandomBackOffPolicy backOff = new ExponentialRandomBackOffPolicy();
		backOff.setInitialInterval(settings.initialBackoff().toMillis());
		backOff.setMultiplier(settings.backoffMultiplier());
		backOff.setMaxInterval(settings.maxBackoff().toMillis());
		RetryTemplate template = new RetryTemplate();
		template.setRetryPolicy(new AttemptPolicy(settings.maxAttempts()));
		template.setBackOffPolicy(backOff);
		return template;
	}

	/**
	 * Log a warning, once per client, when an SDK client retries by itself: its retries
	 * would multiply the library's attempts. Build the client with
	 * {@code overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))}.
	 * @param client the SDK client
	 */
	public static void warnIfSdkRetries(SdkClient client) {
		Assert.notNull(client, "client is required");
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

	private static @Nullable Duration clientTimeout(SdkClient client) {
		try {
			ClientOverrideConfiguration override = client.serviceClientConfiguration().overrideConfiguration();
			Optional<Duration> attempt = override.apiCallAttemptTimeout();
			return (attempt.isPresent() && attempt.equals(override.apiCallTimeout())) ? attempt.get() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public ConnectParticipantSettings settings() {
		return this.settings;
	}

	/**
	 * Run one logical operation, observed as {@value #OPERATION_OBSERVATION}.
	 * @param <T> the result type
	 * @param operation the operation's name, such as {@code upload}
	 * @param action the operation
	 * @return the result of the action
	 */
	public <T> T observe(String operation, Supplier<T> action) {
		Observation observation = Observation.createNotStarted(OPERATION_OBSERVATION, this.observationRegistry)
			.contextualName("connect-participant " + operation)
			.lowCardinalityKeyValue("operation", operation)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = action.get();
			observation.lowCardinalityKeyValue(SUCCESS).lowCardinalityKeyValue(NO_ERROR);
			return result;
		}
		catch (RuntimeException | Error ex) {
			String code = (ex instanceof ConnectParticipantException library && library.getErrorCode() != null)
					? library.getErrorCode() : ex.getClass().getSimpleName();
			observation.lowCardinalityKeyValue("outcome", "error").lowCardinalityKeyValue("error.code", code);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Run one service call with retries: each attempt is bounded by the attempt timeout
	 * and all of them together by the call timeout. When
	 * {@link ConnectParticipantSettings#requestQuotas()} has a quota for the operation,
	 * each attempt first waits for its permit (client-side pacing); a permit that would
	 * come after the call timeout ends the call with
	 * {@link io.github.connectparticipant.OperationTimeoutException}.
	 * @param <T> the result type
	 * @param operation the service operation, such as {@code StartAttachmentUpload}
	 * @param attempt one attempt, run again on a retryable failure
	 * @return the result of the first successful attempt
	 * @throws ConnectParticipantException when an attempt fails in a way that is not
	 * retried, when every attempt failed, or when the call timed out
	 */
	public <T> T call(String operation, Attempt<T> attempt) {
		return execute(operation, this.settings.attemptTimeout(),
				System.nanoTime() + this.settings.callTimeout().toNanos(), attempt);
	}

	/**
	 * Run one transfer to or from a pre-signed URL with retries: each attempt is bounded
	 * by the transfer timeout; there is no bound on all of them together, since a
	 * transfer's length depends on its size. Paced like {@link #call} when the operation
	 * has a rate.
	 * @param <T> the result type
	 * @param operation the operation, such as {@code UploadObject}
	 * @param attempt one attempt, run again on a retryable failure
	 * @return the result of the first successful attempt
	 * @throws ConnectParticipantException when an attempt fails in a way that is not
	 * retried, or when every attempt failed
	 */
	public <T> T transfer(String operation, Attempt<T> attempt) {
		return execute(operation, this.settings.transferTimeout(), null, attempt);
	}

	private <T> T execute(String operation, Duration attemptTimeout, @Nullable Long deadline, Attempt<T> attempt) {
		Supplier<? extends SdkClient> client = this.uncheckedClient;
		if (client != null) {
			// a client that cannot be created fails this call and is checked by the next
			SdkClient sdkClient = client.get();
			warnIfSdkRetries(sdkClient);
			this.clientTimeout = clientTimeout(sdkClient);
			this.uncheckedClient = null;
		}
		AtomicInteger attempts = new AtomicInteger();
		int maxAttempts = this.settings.maxAttempts();
		try {
			// the first attempt runs outside the retry template, which takes over only
			// after a failure worth retrying: most calls succeed at once and the
			// template's
			// contexts would be made for nothing
			AttemptFailure first;
			try {
				return attempt(operation, attemptTimeout, deadline, attempts, maxAttempts, null, attempt);
			}
			catch (AttemptFailure failure) {
				if (!failure.retryable || maxAttempts <= 1) {
					throw failure;
				}
				first = failure;
			}
			AtomicReference<AttemptFailure> pending = new AtomicReference<>(first);
			return this.retryTemplate.obtain().execute((context) -> {
				AttemptFailure failed = pending.getAndSet(null);
				if (failed != null) {
					// the template counts the first attempt and backs off before the next
					throw failed;
				}
				return attempt(operation, attemptTimeout, deadline, attempts, maxAttempts, context.getLastThrowable(),
						attempt);
			});
		}
		catch (AttemptFailure failure) {
			Throwable cause = failure.getCause();
			throw Failures.translate(operation, cause, attempts.get(), failure.retryable);
		}
		catch (BackOffInterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ConnectParticipantException("interrupted while waiting to retry", operation, null, null,
					attempts.get(), ex);
		}
	}

	/**
	 * Make one attempt: wait for its request permit when paced, bound it by what is left
	 * of the call timeout, and run it.
	 */
	private <T> T attempt(String operation, Duration attemptTimeout, @Nullable Long deadline, AtomicInteger attempts,
			int maxAttempts, @Nullable Throwable previous, Attempt<T> attempt) {
		boolean paced = awaitSlot(operation, deadline, attempts.get(), previous);
		Duration timeout = attemptTimeout;
		if (deadline != null) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AttemptFailure(Failures.timeout(operation, attempts.get(),
						(previous instanceof AttemptFailure failure) ? failure.getCause() : null), false);
			}
			if (remaining < timeout.toNanos()) {
				timeout = Duration.ofNanos(remaining);
			}
		}
		int number = attempts.incrementAndGet();
		if (!paced) {
			return runAttempt(operation, number, maxAttempts, timeout, attempt);
		}
		long sentAt = this.pacer.now();
		try {
			T result = runAttempt(operation, number, maxAttempts, timeout, attempt);
			this.pacer.succeeded(operation);
			return result;
		}
		catch (AttemptFailure failure) {
			if (Failures.isThrottling(failure.getCause())) {
				this.pacer.throttled(operation, sentAt);
			}
			throw failure;
		}
	}

	/**
	 * Wait for the operation's next request permit when it is paced.
	 * @return whether the operation is paced
	 */
	private boolean awaitSlot(String operation, @Nullable Long deadline, int attempts, @Nullable Throwable previous) {
		if (!this.pacer.isPaced(operation)) {
			return false;
		}
		Throwable last = (previous instanceof AttemptFailure failure) ? failure.getCause() : null;
		boolean granted;
		try {
			granted = this.pacer.await(operation, deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AttemptFailure(new ConnectParticipantException("interrupted while waiting for a request permit",
					operation, null, null, attempts, ex), false);
		}
		if (!granted) {
			throw new AttemptFailure(
					new OperationTimeoutException(
							"did not finish within the call timeout " + "(callTimeout): the next request permit of "
									+ operation + " comes later (paced at " + this.pacer.describe(operation)
									+ ", requestQuotas)"
									+ ((last != null) ? "; the last attempt failed with " + Failures.describe(last)
											: ""),
							operation, (last != null) ? Failures.errorCode(last) : null, null, attempts, last),
					false);
		}
		return true;
	}

	private <T> T runAttempt(String operation, int number, int maxAttempts, Duration timeout, Attempt<T> attempt) {
		Observation observation = Observation.createNotStarted(ATTEMPT_OBSERVATION, this.observationRegistry)
			.contextualName("connect-participant " + operation + " attempt")
			.lowCardinalityKeyValue("operation", operation)
			.highCardinalityKeyValue("attempt", Integer.toString(number))
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = attempt.run(new AttemptContext(number, maxAttempts, timeout, this.clientTimeout));
			observation.lowCardinalityKeyValue(SUCCESS).lowCardinalityKeyValue(NO_ERROR);
			return result;
		}
		catch (Throwable ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			boolean retryable = !(ex instanceof InterruptedException) && Failures.isRetryable(ex);
			String code = Failures.errorCode(ex);
			boolean willRetry = retryable && number < maxAttempts;
			observation.lowCardinalityKeyValue("outcome", willRetry ? "retry" : "error")
				.lowCardinalityKeyValue("error.code", (code != null) ? code : ex.getClass().getSimpleName());
			observation.error(ex);
			if (logger.isDebugEnabled()) {
				logger.debug(operation + " attempt " + number + " of " + maxAttempts + " failed with "
						+ Failures.describe(ex) + (willRetry ? "; retrying" : ""));
			}
			if (ex instanceof Error error) {
				throw error;
			}
			if (ex instanceof InterruptedException) {
				throw new AttemptFailure(
						new ConnectParticipantException("interrupted", operation, null, null, number, ex), false);
			}
			throw new AttemptFailure(ex, retryable);
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * One attempt of a call.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface Attempt<T> {

		/**
		 * Make the attempt.
		 * @param context which attempt this is and how long it may take
		 * @return the result
		 * @throws Exception any failure; retryable ones lead to another attempt
		 */
		T run(AttemptContext context) throws Exception;

	}

	/**
	 * What an attempt knows about itself.
	 *
	 * @param number this attempt's number, starting at 1
	 * @param maxAttempts how many attempts the call may make
	 * @param timeout how long this attempt may take
	 * @param clientTimeout the timeout the SDK client bounds each call and attempt by
	 * itself ({@code apiCallTimeout} and {@code apiCallAttemptTimeout} both set to it),
	 * if any
	 */
	public record AttemptContext(int number, int maxAttempts, Duration timeout, @Nullable Duration clientTimeout) {

		/**
		 * Create the context of an attempt whose SDK client has no timeouts of its own.
		 * @param number this attempt's number, starting at 1
		 * @param maxAttempts how many attempts the call may make
		 * @param timeout how long this attempt may take
		 */
		public AttemptContext(int number, int maxAttempts, Duration timeout) {
			this(number, maxAttempts, timeout, null);
		}

		/**
		 * Return whether this is the first attempt.
		 * @return whether this attempt is the first
		 */
		public boolean isFirst() {
			return this.number == 1;
		}

		/**
		 * Return the SDK request override that bounds the request by this attempt's
		 * timeout, for use as
		 * {@code builder.overrideConfiguration(context.sdkTimeouts())}.
		 * @return the override
		 */
		public Consumer<AwsRequestOverrideConfiguration.Builder> sdkTimeouts() {
			return (override) -> override.apiCallTimeout(this.timeout).apiCallAttemptTimeout(this.timeout);
		}

		/**
		 * Bound an SDK request by this attempt's timeout: through the request's override
		 * configuration ({@link #sdkTimeouts()}), unless the SDK client already bounds
		 * its calls by exactly this timeout (the starter builds its client so; a request
		 * override costs the SDK a merge of configurations on every call).
		 * @param <B> the request builder's type
		 * @param request the request builder
		 * @return the request builder
		 */
		public <B extends AwsRequest.Builder> B bounded(B request) {
			if (!this.timeout.equals(this.clientTimeout)) {
				request.overrideConfiguration(sdkTimeouts());
			}
			return request;
		}

	}

	/**
	 * Another attempt while fewer than the maximum were made and the last one, if any,
	 * failed in a way worth retrying: what {@code RetryTemplate.builder().maxAttempts(n)
	 * .retryOn(...)} composes from two policies, in one policy (the composite opens a
	 * context per policy and streams over them on every call).
	 */
	private static final class AttemptPolicy extends MaxAttemptsRetryPolicy {

		private static final long serialVersionUID = 1L;

		AttemptPolicy(int maxAttempts) {
			super(maxAttempts);
		}

		@Override
		public boolean canRetry(RetryContext context) {
			Throwable last = context.getLastThrowable();
			return (last == null || (last instanceof AttemptFailure failure && failure.retryable))
					&& super.canRetry(context);
		}

	}

	/**
	 * Carries a failed attempt's exception through the retry template.
	 */
	private static final class AttemptFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final boolean retryable;

		AttemptFailure(Throwable cause, boolean retryable) {
			super(Failures.describe(cause), cause, false, false);
			this.retryable = retryable;
		}

		@Override
		public synchronized Throwable getCause() {
			Throwable cause = super.getCause();
			Assert.state(cause != null, "cause is required");
			return cause;
		}

	}

}
