package io.github.connectparticipant.retry;

import java.util.concurrent.locks.LockSupport;

/**
 * The pacer's time: where it reads the time and how it waits for a moment, so that a test
 * can drive both.
 */
interface Ticker {

	/**
	 * The system's monotonic clock, waiting by parking the thread.
	 */
	Ticker SYSTEM = new Ticker() {

		@Override
		public long nanoTime() {
			return System.nanoTime();
		}

		@Override
		public void sleepUntil(long nanoTime) throws InterruptedException {
			while (true) {
				if (Thread.interrupted()) {
					throw new InterruptedException("interrupted while waiting for a request permit");
				}
				long wait = nanoTime - System.nanoTime();
				if (wait <= 0) {
					return;
				}
				LockSupport.parkNanos(this, wait);
			}
		}

	};

	/**
	 * Return the current time.
	 * @return the time in nanoseconds, comparable only by difference
	 */
	long nanoTime();

	/**
	 * Wait until the given time.
	 * @param nanoTime the time, as {@link #nanoTime()} gives it
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	void sleepUntil(long nanoTime) throws InterruptedException;

}
