package io.github.connectparticipant.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.observation.AttemptObservationContext;
import io.github.connectparticipant.observation.ParticipantObservationContext.Outcome;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import io.github.connectparticipant.observation.ParticipantObservations;
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

/**
 * Runs every call of the library: retries with exponential backoff and jitter, attempt
 * and call timeouts, and translation of failures into the library's exceptions. The only
 * class that knows which retry library is used (Spring Retry's {@code RetryTemplate}).
 * <p>
 * Retried: throttling (429), server errors (5xx), I/O errors and timeouts. Not retried:
 * validation (400), quota (402), access denied (403), conflict (409). The SDK client's
 * own retries must be off, or attempts multiply: the executor logs a warning when the
 * client it is given retries by itself.
 * <p>
 * Each attempt of an operation {@link ConnectParticipantSettings#requestQuotas()} paces
 * first waits for its request permit ({@link RequestPacer}), within the call timeout.
 * Each logical operation and each attempt is observed
 * ({@link ParticipantObservationDocumentation}).
 */
public final class RetryExecutor {

	private static final Log logger = LogFactory.getLog(RetryExecutor.class);

	private final ConnectParticipantSettings settings;

	private final ParticipantObservations observations;

	private final CallBudget budget;

	private final SingletonSupplier<RetryTemplate> retryTemplate;

	/**
	 * The timeout the SDK client bounds every call and attempt by itself, if it has one
	 * for both: attempts with that timeout need no override of their own.
	 */
	private final SingletonSupplier<Optional<Duration>> clientTimeout;

	/**
	 * Create an executor.
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param pacer the request pacer, shared by the services that share a quota
	 * @param client the SDK client the attempts call, checked at the first attempt for
	 * retries and timeouts of its own, or {@code null} when the attempts call none
	 */
	public RetryExecutor(ConnectParticipantSettings settings, ObservationRegistry observationRegistry,
			RequestPacer pacer, @Nullable SdkClient client) {
		Assert.notNull(settings, "settings is required");
		Assert.notNull(observationRegistry, "observationRegistry is required");
		Assert.notNull(pacer, "pacer is required");
		this.settings = settings;
		this.observations = new ParticipantObservations(observationRegistry);
		this.budget = new CallBudget(pacer);
		this.retryTemplate = SingletonSupplier.of(() -> retryTemplate(settings));
		this.clientTimeout = SingletonSupplier.of(() -> SdkClientCheck.inspect(client));
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
	 * Return the settings.
	 * @return the settings
	 */
	public ConnectParticipantSettings settings() {
		return this.settings;
	}

	/**
	 * Return the observations of this executor's operations and attempts, whose
	 * conventions may be set there.
	 * @return the observations
	 */
	public ParticipantObservations observations() {
		return this.observations;
	}

	/**
	 * Run one logical operation, observed as
	 * {@link ParticipantObservationDocumentation#OPERATION}.
	 * @param <T> the result type
	 * @param operation the service method, such as {@code transcript.page}
	 * @param action the operation
	 * @return the result of the action
	 */
	public <T> T observe(String operation, Supplier<T> action) {
		return this.observations.observe(operation, action);
	}

	/**
	 * Run one service call with retries: each attempt is bounded by the attempt timeout
	 * and all of them together by the call timeout. When
	 * {@link ConnectParticipantSettings#requestQuotas()} has a quota for the operation,
	 * each attempt first waits for its permit (client-side pacing); a permit that would
	 * come after the call timeout ends the call with
	 * {@link io.github.connectparticipant.OperationTimeoutException}.
	 * @param <T> the result type
	 * @param operation the service call
	 * @param attempt one attempt, run again on a retryable failure
	 * @return the result of the first successful attempt
	 * @throws ConnectParticipantException when an attempt fails in a way that is not
	 * retried, when every attempt failed, or when the call timed out
	 */
	public <T> T call(ParticipantOperation operation, Attempt<T> attempt) {
		return execute(operation, this.settings.attemptTimeout(),
				System.nanoTime() + this.settings.callTimeout().toNanos(), attempt);
	}

	/**
	 * Run one transfer to or from a pre-signed URL with retries: each attempt is bounded
	 * by the transfer timeout; there is no bound on all of them together, since a
	 * transfer's length depends on its size. Paced like {@link #call} when the operation
	 * has a quota.
	 * @param <T> the result type
	 * @param operation the transfer, {@link ParticipantOperation#UPLOAD_OBJECT} or
	 * {@link ParticipantOperation#DOWNLOAD_OBJECT}
	 * @param attempt one attempt, run again on a retryable failure
	 * @return the result of the first successful attempt
	 * @throws ConnectParticipantException when an attempt fails in a way that is not
	 * retried, or when every attempt failed
	 */
	public <T> T transfer(ParticipantOperation operation, Attempt<T> attempt) {
		return execute(operation, this.settings.transferTimeout(), null, attempt);
	}

	private <T> T execute(ParticipantOperation operation, Duration attemptTimeout, @Nullable Long deadline,
			Attempt<T> attempt) {
		AtomicInteger attempts = new AtomicInteger();
		int maxAttempts = this.settings.maxAttempts();
		try {
			// the first attempt runs outside the retry template, which takes over only
			// after a failure worth retrying: most calls succeed at once and the
			// template's contexts would be made for nothing
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
			throw Failures.translate(operation, failure.getCause(), attempts.get(), failure.retryable);
		}
		catch (BackOffInterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ConnectParticipantException.interrupted(operation, "waiting to retry", attempts.get(), ex);
		}
	}

	/**
	 * Make one attempt: wait for its request permit when paced, bound it by what is left
	 * of the call timeout, and run it.
	 */
	private <T> T attempt(ParticipantOperation operation, Duration attemptTimeout, @Nullable Long deadline,
			AtomicInteger attempts, int maxAttempts, @Nullable Throwable previous, Attempt<T> attempt) {
		Throwable last = (previous instanceof AttemptFailure failure) ? failure.getCause() : null;
		boolean paced;
		Duration timeout;
		try {
			paced = this.budget.awaitPermit(operation, deadline, attempts.get(), last);
			timeout = this.budget.attemptTimeout(operation, attemptTimeout, deadline, attempts.get(), last);
		}
		catch (ConnectParticipantException ex) {
			throw new AttemptFailure(ex, false);
		}
		int number = attempts.incrementAndGet();
		if (!paced) {
			return runAttempt(operation, number, maxAttempts, timeout, attempt);
		}
		long sentAt = this.budget.sent();
		try {
			T result = runAttempt(operation, number, maxAttempts, timeout, attempt);
			this.budget.answered(operation, sentAt, null);
			return result;
		}
		catch (AttemptFailure failure) {
			this.budget.answered(operation, sentAt, failure.getCause());
			throw failure;
		}
	}

	private <T> T runAttempt(ParticipantOperation operation, int number, int maxAttempts, Duration timeout,
			Attempt<T> attempt) {
		AttemptObservationContext context = new AttemptObservationContext(operation, number, maxAttempts);
		Observation observation = this.observations.start(context);
		try (Observation.Scope scope = observation.openScope()) {
			T result = attempt
				.run(new AttemptContext(number, maxAttempts, timeout, this.clientTimeout.obtain().orElse(null)));
			context.succeeded();
			return result;
		}
		catch (Throwable ex) {
			boolean interrupted = ex instanceof InterruptedException;
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			boolean retryable = !interrupted && Failures.isRetryable(ex);
			String code = Failures.errorCode(ex);
			boolean willRetry = retryable && number < maxAttempts;
			context.failed(willRetry ? Outcome.RETRY : Outcome.ERROR,
					(code != null) ? code : ex.getClass().getSimpleName());
			observation.error(ex);
			if (logger.isDebugEnabled()) {
				logger.debug(operation + " attempt " + number + " of " + maxAttempts + " failed with "
						+ Failures.describe(ex) + (willRetry ? "; retrying" : ""));
			}
			if (ex instanceof Error error) {
				throw error;
			}
			if (interrupted) {
				throw new AttemptFailure(
						ConnectParticipantException.interrupted(operation, "making an attempt", number, ex), false);
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
