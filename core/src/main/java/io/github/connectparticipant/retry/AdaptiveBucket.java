package io.github.connectparticipant.retry;

import io.github.connectparticipant.RequestQuota;
import org.jspecify.annotations.Nullable;

/**
 * One operation's client-side token bucket, filled at the operation's rate up to one
 * token less than its quota's burst, so that requests that reach the service a little
 * closer together than they left (network and scheduling jitter of up to one interval)
 * still find a token in the service's bucket of the full burst.
 * <p>
 * A request takes a token, or books the time the next token comes and waits for it, so
 * waiting requests go in the order they asked and a request refused for its deadline
 * books nothing.
 * <p>
 * Adaptive, as the AWS SDK's adaptive retry mode: a throttled answer cuts the rate to
 * {@value #BETA} of what it was, empties the bucket and holds it to one token (no burst)
 * until the rate is back at the quota; while requests succeed the rate grows back along a
 * cubic curve (TCP CUBIC's), to the rate before the cut and on to the quota. Two
 * differences from the SDK, both measured with three replicas sharing Connect's
 * attachment quota of 2 requests/s (the benchmarks' quota item): the curve's scale is a
 * share of the quota's rate per second cubed ({@value #SCALE} of it), so that the rate
 * before the cut comes back in {@code cbrt(share * (1 - BETA) / SCALE)} seconds (about 10
 * s at the full quota, 7 s at a third of it), where the SDK's absolute scale (0.4
 * requests/s per s³) brings 2 requests/s back within a second and let the replicas
 * overrun the quota most of the time and lose uploads; and throttled answers to requests
 * sent before the last cut do not cut again, as TCP reduces once per window: they tell of
 * the congestion that cut already answered.
 */
final class AdaptiveBucket {

	/**
	 * What is refused for a deadline: no time a permit could be booked for.
	 */
	static final long REFUSED = Long.MIN_VALUE;

	/**
	 * Share of the rate kept after a throttled answer (the SDK's adaptive mode's value).
	 */
	static final double BETA = 0.7;

	/**
	 * Scale of the cubic recovery: a share of the quota's rate per second cubed.
	 */
	static final double SCALE = 3e-4;

	/**
	 * Lowest rate as a share of the quota's: a request at least every twenty intervals.
	 */
	static final double MIN_SHARE = 0.05;

	private static final double NANOS_PER_SECOND = 1e9;

	private final RequestQuota quota;

	private final boolean adaptive;

	private final double capacity;

	private double rate;

	private double tokens;

	private long refilledAt;

	private double rateBeforeCut;

	private long cutAt;

	private long throttled;

	AdaptiveBucket(RequestQuota quota, boolean adaptive, long now) {
		this.quota = quota;
		this.adaptive = adaptive;
		this.capacity = Math.max(1, quota.burst() - 1);
		this.rate = quota.rate();
		this.tokens = this.capacity;
		this.refilledAt = now;
		this.cutAt = now;
	}

	RequestQuota quota() {
		return this.quota;
	}

	/**
	 * Take a token now or book the time the next one comes.
	 * @param now the current time
	 * @param deadline the time by which the request must go, or {@code null}
	 * @return the time the request may go, or {@link #REFUSED} (nothing booked) when that
	 * is after the deadline
	 */
	synchronized long reserve(long now, @Nullable Long deadline) {
		refill(now);
		long slot = (this.tokens >= 1) ? now : now + (long) Math.ceil((1 - this.tokens) / this.rate * NANOS_PER_SECOND);
		if (deadline != null && slot - deadline > 0) {
			return REFUSED;
		}
		this.tokens -= 1;
		return slot;
	}

	/**
	 * Count a throttled answer and, when adaptive and the request went after the last
	 * cut, cut the rate.
	 * @param now the current time
	 * @param sentAt when the throttled request was sent
	 */
	synchronized void throttled(long now, long sentAt) {
		this.throttled++;
		if (!this.adaptive || sentAt - this.cutAt < 0) {
			return;
		}
		refill(now);
		this.rateBeforeCut = this.rate;
		this.rate = Math.max(this.quota.rate() * MIN_SHARE, this.rate * BETA);
		this.cutAt = now;
		// the service's bucket is empty: ours is too
		this.tokens = Math.min(this.tokens, 0);
	}

	/**
	 * Let the rate grow back after a successful request.
	 * @param now the current time
	 */
	synchronized void succeeded(long now) {
		if (!this.adaptive || this.rate >= this.quota.rate()) {
			return;
		}
		double seconds = (now - this.cutAt) / NANOS_PER_SECOND;
		double scale = SCALE * this.quota.rate();
		double k = Math.cbrt(this.rateBeforeCut * (1 - BETA) / scale);
		double cubic = scale * Math.pow(seconds - k, 3) + this.rateBeforeCut;
		refill(now);
		this.rate = Math.min(this.quota.rate(), Math.max(this.rate, cubic));
	}

	synchronized OperationPacing state(String operation) {
		return new OperationPacing(operation, this.quota.rate(), this.quota.burst(), this.rate, this.throttled);
	}

	private void refill(long now) {
		long elapsed = now - this.refilledAt;
		if (elapsed > 0) {
			// after a cut, no burst until the rate is back at the quota
			double capacity = (this.rate < this.quota.rate()) ? 1 : this.capacity;
			this.tokens = Math.min(capacity, this.tokens + elapsed / NANOS_PER_SECOND * this.rate);
			this.refilledAt = now;
		}
	}

}
