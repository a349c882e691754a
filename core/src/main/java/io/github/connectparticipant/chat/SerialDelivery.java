package io.github.connectparticipant.chat;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	/** The calls queued; none is kept while the queue is empty. */
	private @Nullable ArrayDeque<Runnable> tasks;

	/** Whether this is queued on the executor or running there. */
	private boolean scheduled;

	SerialDelivery(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Queue a listener call after those queued before.
	 */
	void submit(Runnable task) {
		synchronized (this) {
			if (this.tasks == null) {
				this.tasks = new ArrayDeque<>();
			}
			this.tasks.add(task);
			if (this.scheduled) {
				return;
			}
			this.scheduled = true;
		}
		schedule();
	}

	private void schedule() {
		try {
			this.executor.execute(this);
		}
		catch (RejectedExecutionException ex) {
			// the sessions are shut down: nobody listens any more
			synchronized (this) {
				this.tasks = null;
				this.scheduled = false;
			}
		}
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < TURN; i++) {
				Runnable task = next();
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
			if (stillScheduled()) {
				schedule();
			}
		}
	}

	private synchronized @Nullable Runnable next() {
		return (this.tasks != null) ? this.tasks.poll() : null;
	}

	/**
	 * At the end of a turn: whether calls are left for another, else the queue is
	 * dropped.
	 */
	private synchronized boolean stillScheduled() {
		if (this.tasks == null || this.tasks.isEmpty()) {
			this.tasks = null;
			this.scheduled = false;
		}
		return this.scheduled;
	}

}
