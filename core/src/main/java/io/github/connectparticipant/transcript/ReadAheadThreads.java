package io.github.connectparticipant.transcript;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Daemon threads for reading transcript pages ahead: at most one per open stream, and
 * none while no stream reads ahead (idle threads end after a few seconds). Counts the
 * pages handed to it until their thread is done with them, cancelled ones included.
 */
final class ReadAheadThreads extends ThreadPoolExecutor {

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	ReadAheadThreads() {
		super(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), (task) -> {
			Thread thread = new Thread(task, "connect-participant-transcript-" + threadCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Return how many pages were handed to these threads and are not done with yet.
	 * @return the number of pages being read ahead
	 */
	int inFlight() {
		return this.inFlight.get();
	}

	@Override
	public void execute(Runnable task) {
		this.inFlight.incrementAndGet();
		try {
			super.execute(task);
		}
		catch (RuntimeException ex) {
			this.inFlight.decrementAndGet();
			throw ex;
		}
	}

	@Override
	protected void afterExecute(Runnable task, @Nullable Throwable failure) {
		this.inFlight.decrementAndGet();
	}

}
