package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ExecutableHttpRequest;

/**
 * Aborts a request that moves no byte of its body and gets no answer for the timeout: the
 * time to the response after the body's last byte, and any pause in sending it. Its timer
 * checks once per timeout rather than being moved on every byte.
 */
final class TransferWatchdog {

	private static final int RUNNING = 0;

	private static final int ANSWERED = 1;

	private static final int TIMED_OUT = 2;

	private final Duration timeout;

	private final AtomicInteger state = new AtomicInteger(RUNNING);

	private volatile long lastMoved = System.nanoTime();

	private @Nullable ExecutableHttpRequest call;

	private @Nullable ScheduledFuture<?> timer;

	private boolean stopped;

	TransferWatchdog(Duration timeout) {
		this.timeout = timeout;
	}

	void moved() {
		this.lastMoved = System.nanoTime();
	}

	synchronized void start(ExecutableHttpRequest call) {
		this.call = call;
		this.lastMoved = System.nanoTime();
		this.timer = Timer.EXECUTOR.schedule(this::check, this.timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	private synchronized void check() {
		if (this.stopped || this.state.get() != RUNNING) {
			return;
		}
		long left = this.timeout.toNanos() - (System.nanoTime() - this.lastMoved);
		if (left > 0) {
			this.timer = Timer.EXECUTOR.schedule(this::check, left, TimeUnit.NANOSECONDS);
		}
		else if (this.state.compareAndSet(RUNNING, TIMED_OUT) && this.call != null) {
			this.call.abort();
		}
	}

	synchronized void stop() {
		this.stopped = true;
		if (this.timer != null) {
			this.timer.cancel(false);
		}
	}

	boolean timedOut() {
		return this.state.get() == TIMED_OUT;
	}

	/**
	 * Return whether the request answered before its time ran out; after this, the
	 * watchdog no longer aborts it.
	 */
	boolean answered() {
		return this.state.compareAndSet(RUNNING, ANSWERED);
	}

	HttpTimeoutException timeoutException(@Nullable IOException cause) {
		HttpTimeoutException timedOut = new HttpTimeoutException(
				"the pre-signed URL moved no bytes and did not " + "answer for " + this.timeout.toMillis() + " ms");
		if (cause != null) {
			timedOut.initCause(cause);
		}
		return timedOut;
	}

	/**
	 * The timer that aborts requests that outlive their timeout: one daemon thread for
	 * the whole JVM, created on first use.
	 */
	private static final class Timer {

		static final ScheduledThreadPoolExecutor EXECUTOR = create();

		private static ScheduledThreadPoolExecutor create() {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "connect-participant-presigned-timeout");
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			return executor;
		}

	}

}
