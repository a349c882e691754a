package io.github.connectparticipant.chat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs one session's listener calls one at a time, in the order given, on threads shared
 * by all sessions. After a few calls it gives its thread back to the pool and queues
 * itself again, so that a session with much to deliver, or a slow listener, holds a
 * shared thread only for its own turn.
 */
final class SerialDelivery implements Runnable {

	private static final Log logger = LogFactory.getLog(SerialDelivery.class);

	/** Calls run in one turn before the thread goes back to the pool. */
	private static final int TURN = 16;

	private final Executor executor;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	SerialDelivery(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Queue a listener call after those queued before.
	 */
	void submit(Runnable task) {
		this.tasks.add(task);
		schedule();
	}

	private void schedule() {
		if (!this.tasks.isEmpty() && this.scheduled.compareAndSet(false, true)) {
			try {
				this.executor.execute(this);
			}
			catch (RejectedExecutionException ex) {
				// the sessions are shut down: nobody listens any more
				this.tasks.clear();
				this.scheduled.set(false);
			}
		}
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < TURN; i++) {
				Runnable task = this.tasks.poll();
				if (task == null) {
					break;
				}
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A chat session listener failed; the session goes on", ex);
				}
			}
		}
		finally {
			this.scheduled.set(false);
			schedule();
		}
	}

}
