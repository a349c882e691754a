package io.github.connectparticipant.retry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RequestQuota;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Client-side pacing of API operations at their quotas
 * ({@link ConnectParticipantSettings#requestQuotas()}, Amazon Connect's documented quotas
 * by default): one token bucket per operation for all threads, which lets the quota's
 * burst go at once and then paces at its rate, and which lowers its rate after a
 * throttled answer and lets it grow back while requests succeed
 * ({@link ConnectParticipantSettings#adaptivePacing()}). With {@link SharedPermits}, a
 * request also takes a permit from a bucket shared by every replica, so that they stay
 * within a quota that belongs to the account rather than to one process; when that bucket
 * cannot be reached, requests go on with this process's pacing alone, and it is asked
 * again after a few seconds.
 * <p>
 * One pacer is meant to be shared by all the services of an application, as the quota is:
 * pass the same one to each.
 */
public final class RequestPacer {

	private static final Log logger = LogFactory.getLog(RequestPacer.class);

	private static final long SHARED_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final Map<String, AdaptiveBucket> buckets;

	/**
	 * The buckets by {@link ParticipantOperation#ordinal()}, {@code null} where an
	 * operation has no quota: every attempt asks for its bucket, which an array gives
	 * without hashing the operation's name.
	 */
	private final @Nullable AdaptiveBucket[] byOperation = new AdaptiveBucket[ParticipantOperation.values().length];

	private final @Nullable SharedPermits shared;

	private final Ticker ticker;

	private final LongAdder sharedFailures = new LongAdder();

	private final AtomicBoolean sharedFailing = new AtomicBoolean();

	/**
	 * When the shared bucket is asked again after it failed: until then requests do not
	 * wait for a connection that is likely to fail again.
	 */
	private volatile long sharedRetryAt;

	/**
	 * Create a pacer of this process alone.
	 * @param settings the settings that give the quotas and whether pacing is adaptive
	 */
	public RequestPacer(ConnectParticipantSettings settings) {
		this(settings, null);
	}

	/**
	 * Create a pacer that also takes a permit from shared permits for each request.
	 * @param settings the settings that give the quotas and whether pacing is adaptive
	 * @param shared the permits shared with other processes, or {@code null} for none
	 */
	public RequestPacer(ConnectParticipantSettings settings, @Nullable SharedPermits shared) {
		this(settings, shared, Ticker.SYSTEM);
	}

	RequestPacer(ConnectParticipantSettings settings, @Nullable SharedPermits shared, Ticker ticker) {
		Assert.notNull(settings, "settings is required");
		Assert.notNull(ticker, "ticker is required");
		long now = ticker.nanoTime();
		Map<String, AdaptiveBucket> buckets = new LinkedHashMap<>();
		settings.requestQuotas()
			.forEach((operation, quota) -> buckets.put(operation,
					new AdaptiveBucket(quota, settings.adaptivePacing(), now)));
		this.buckets = buckets;
		buckets.forEach((name, bucket) -> ParticipantOperation.fromName(name)
			.ifPresent((operation) -> this.byOperation[operation.ordinal()] = bucket));
		this.shared = shared;
		this.ticker = ticker;
	}

	/**
	 * Return whether an operation is paced.
	 * @param operation the operation
	 * @return whether it has a quota
	 */
	boolean isPaced(ParticipantOperation operation) {
		return bucket(operation) != null;
	}

	private @Nullable AdaptiveBucket bucket(ParticipantOperation operation) {
		return this.byOperation[operation.ordinal()];
	}

	long now() {
		return this.ticker.nanoTime();
	}

	/**
	 * Describe an operation's pacing in a few words for a message.
	 * @param operation the operation
	 * @return its quota and current rate
	 */
	String describe(ParticipantOperation operation) {
		AdaptiveBucket bucket = bucket(operation);
		if (bucket == null) {
			return "no quota";
		}
		OperationPacing state = bucket.state(operation.operationName());
		return String.format(java.util.Locale.ROOT, "%.3g requests/s now, its quota %.3g/s with a burst of %d",
				state.rate(), state.quotaRate(), state.burst());
	}

	/**
	 * Wait until the operation may send its next request. Returns at once for an
	 * operation that is not paced.
	 * @param operation the operation
	 * @param deadline the {@link System#nanoTime()} by which the request must be sent, or
	 * {@code null} for none
	 * @return {@code true} when the request may be sent now; {@code false}, without
	 * waiting or booking a permit of this process's bucket, when the next permit comes
	 * after the deadline
	 * @throws InterruptedException if the thread is interrupted while waiting (its booked
	 * permit stays unused)
	 */
	boolean await(ParticipantOperation operation, @Nullable Long deadline) throws InterruptedException {
		AdaptiveBucket bucket = bucket(operation);
		if (bucket == null) {
			return true;
		}
		long slot = bucket.reserve(this.ticker.nanoTime(), deadline);
		if (slot == AdaptiveBucket.REFUSED) {
			return false;
		}
		this.ticker.sleepUntil(slot);
		return (this.shared == null) || (this.sharedFailing.get() && this.ticker.nanoTime() - this.sharedRetryAt < 0)
				|| awaitShared(operation.operationName(), bucket.quota(), deadline);
	}

	private boolean awaitShared(String operation, RequestQuota quota, @Nullable Long deadline)
			throws InterruptedException {
		long maxWait = (deadline != null) ? Math.max(0, deadline - this.ticker.nanoTime()) : Long.MAX_VALUE;
		boolean granted;
		try {
			granted = this.shared.tryAcquire(operation, quota, maxWait);
		}
		catch (RuntimeException ex) {
			this.sharedFailures.increment();
			this.sharedRetryAt = this.ticker.nanoTime() + SHARED_RETRY_NANOS;
			if (this.sharedFailing.compareAndSet(false, true)) {
				logger.warn("The shared request bucket cannot be reached (" + ex.getClass().getSimpleName()
						+ "); requests are paced by this process alone until it answers again (asked every "
						+ TimeUnit.NANOSECONDS.toSeconds(SHARED_RETRY_NANOS) + " s)");
			}
			return true;
		}
		if (this.sharedFailing.compareAndSet(true, false)) {
			logger.info("The shared request bucket answers again");
		}
		return granted;
	}

	/**
	 * Note a throttled answer to a request of the operation.
	 * @param operation the operation
	 * @param sentAt when the request was sent, as {@link #now()} gave it
	 */
	void throttled(ParticipantOperation operation, long sentAt) {
		AdaptiveBucket bucket = bucket(operation);
		if (bucket != null) {
			bucket.throttled(this.ticker.nanoTime(), sentAt);
		}
	}

	/**
	 * Note a request of the operation that was not throttled.
	 * @param operation the operation
	 */
	void succeeded(ParticipantOperation operation) {
		AdaptiveBucket bucket = bucket(operation);
		if (bucket != null) {
			bucket.succeeded(this.ticker.nanoTime());
		}
	}

	/**
	 * Return where the pacing of each paced operation stands.
	 * @return one entry per operation, in the order of the settings' quotas
	 */
	public List<OperationPacing> operations() {
		List<OperationPacing> result = new ArrayList<>(this.buckets.size());
		this.buckets.forEach((operation, bucket) -> result.add(bucket.state(operation)));
		return result;
	}

	/**
	 * Return whether requests also take permits shared with other processes.
	 * @return whether a shared bucket is used
	 */
	public boolean isShared() {
		return this.shared != null;
	}

	/**
	 * Return how many times the shared bucket could not be reached, so that a request
	 * went on with this process's pacing alone.
	 * @return the count since this pacer was made
	 */
	public long sharedFailures() {
		return this.sharedFailures.sum();
	}

}
