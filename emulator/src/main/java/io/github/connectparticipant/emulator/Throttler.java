package io.github.connectparticipant.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-operation token buckets, as AWS throttles: a steady rate per second and a burst.
 * Off (no bucket) for every operation by default.
 */
final class Throttler {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	void set(String operation, double ratePerSecond, int burst) {
		if (ratePerSecond <= 0 || burst < 1) {
			throw new IllegalArgumentException("ratePerSecond must be positive and burst at least 1");
		}
		this.buckets.put(operation, new Bucket(ratePerSecond, burst));
	}

	void clear() {
		this.buckets.clear();
	}

	Map<String, double[]> rules() {
		Map<String, double[]> result = new TreeMap<>();
		this.buckets.forEach((operation, bucket) -> result.put(operation, new double[] { bucket.rate, bucket.burst }));
		return result;
	}

	/**
	 * Takes a token for the operation; {@code false} when the request is to be throttled.
	 */
	boolean tryAcquire(String operation) {
		Bucket specific = this.buckets.get(operation);
		Bucket all = this.buckets.get("*");
		return (specific == null || specific.tryAcquire()) && (all == null || all.tryAcquire());
	}

	private static final class Bucket {

		private final double rate;

		private final int burst;

		private double tokens;

		private long last = System.nanoTime();

		Bucket(double rate, int burst) {
			this.rate = rate;
			this.burst = burst;
			this.tokens = burst;
		}

		synchronized boolean tryAcquire() {
			long now = System.nanoTime();
			this.tokens = Math.min(this.burst, this.tokens + (now - this.last) / 1e9 * this.rate);
			this.last = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return true;
			}
			return false;
		}

	}

}
