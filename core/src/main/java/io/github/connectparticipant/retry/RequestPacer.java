package io.github.connectparticipant.retry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Client-side pacing of API operations, from
 * {@link io.github.connectparticipant.ConnectParticipantSettings#requestRateLimits()}:
 * the requests of an operation with a rate {@code r} are sent at least {@code 1/r}
 * seconds apart, by all threads together. Each request books the next free slot of its
 * operation, then waits for it, so waiting threads are served in the order they asked
 * and the long-run rate never exceeds {@code r} (no burst is taken, so a service's token
 * bucket of the same rate never runs dry). Operations without a rate are not paced and
 * cost one map look-up.
 */
final class RequestPacer {

	private final Map<String, Lane> lanes;

	/**
	 * Create a pacer.
	 * @param requestRateLimits requests per second by operation name; empty for none
	 */
	RequestPacer(Map<String, Double> requestRateLimits) {
		Assert.notNull(requestRateLimits, "requestRateLimits is required");
		Map<String, Lane> lanes = new LinkedHashMap<>();
		requestRateLimits.forEach((operation, rate) -> {
			Assert.isTrue(rate != null && rate > 0, () -> "rate of " + operation + " must be positive");
			lanes.put(operation, new Lane(Math.max(1L, Math.round(1_000_000_000d / rate))));
		});
		this.lanes = Map.copyOf(lanes);
	}

	/**
	 * Return whether an operation is paced.
	 * @param operation the operation name
	 * @return whether a rate is set for it
	 */
	boolean isPaced(String operation) {
		return this.lanes.containsKey(operation);
	}

	/**
	 * Wait until the operation may send its next request. Returns at once for an
	 * operation that is not paced.
	 * @param operation the operation name
	 * @param deadline the {@link System#nanoTime()} by which the request must be sent,
	 * or {@code null} for none
	 * @return {@code true} when the request may be sent now; {@code false}, without
	 * waiting or booking a slot, when the next free slot comes after the deadline
	 * @throws InterruptedException if the thread is interrupted while waiting (its slot
	 * stays unused)
	 */
	boolean await(String operation, @Nullable Long deadline) throws InterruptedException {
		Lane lane = this.lanes.get(operation);
		if (lane == null) {
			return true;
		}
		long slot = lane.book(deadline);
		if (slot == Long.MIN_VALUE) {
			return false;
		}
		while (true) {
			if (Thread.interrupted()) {
				throw new InterruptedException("interrupted while waiting for a request slot of " + operation);
			}
			long wait = slot - System.nanoTime();
			if (wait <= 0) {
				return true;
			}
			LockSupport.parkNanos(this, wait);
		}
	}

	/**
	 * One operation's schedule: the earliest time its next request may go.
	 */
	private static final class Lane {

		private final long intervalNanos;

		private long nextFree = System.nanoTime();

		Lane(long intervalNanos) {
			this.intervalNanos = intervalNanos;
		}

		/**
		 * Book the next free slot: now if the lane has been idle, else one interval after
		 * the last booked one. {@link Long#MIN_VALUE} when that is after the deadline.
		 */
		synchronized long book(@Nullable Long deadline) {
			long now = System.nanoTime();
			long slot = (this.nextFree - now > 0) ? this.nextFree : now;
			if (deadline != null && slot - deadline > 0) {
				return Long.MIN_VALUE;
			}
			this.nextFree = slot + this.intervalNanos;
			return slot;
		}

	}

}
