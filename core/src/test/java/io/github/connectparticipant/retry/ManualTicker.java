package io.github.connectparticipant.retry;

import java.util.concurrent.TimeUnit;

/**
 * A pacer's time that moves only when a test moves it. Started at the system's current
 * time, so that deadlines taken from {@link System#nanoTime()} compare with it. In
 * {@link #autoAdvancing()} mode a wait moves the time to its end at once (one thread at a
 * time); otherwise a wait blocks until the test has advanced the time far enough.
 */
final class ManualTicker implements Ticker {

	private final boolean autoAdvance;

	private long now = System.nanoTime();

	private int sleeps;

	private ManualTicker(boolean autoAdvance) {
		this.autoAdvance = autoAdvance;
	}

	static ManualTicker manual() {
		return new ManualTicker(false);
	}

	static ManualTicker autoAdvancing() {
		return new ManualTicker(true);
	}

	@Override
	public synchronized long nanoTime() {
		return this.now;
	}

	@Override
	public synchronized void sleepUntil(long nanoTime) throws InterruptedException {
		if (nanoTime - this.now <= 0) {
			return;
		}
		this.sleeps++;
		if (this.autoAdvance) {
			this.now = nanoTime;
			return;
		}
		while (nanoTime - this.now > 0) {
			wait();
		}
	}

	synchronized void advance(long amount, TimeUnit unit) {
		this.now += unit.toNanos(amount);
		notifyAll();
	}

	synchronized long elapsedSince(long start, TimeUnit unit) {
		return unit.convert(this.now - start, TimeUnit.NANOSECONDS);
	}

	/** How many waits had to wait. */
	synchronized int sleeps() {
		return this.sleeps;
	}

}
