package io.github.connectparticipant.retry;

import io.github.connectparticipant.RequestQuota;

/**
 * Request permits shared by every process that calls the service under the same quota,
 * such as a token bucket kept in Redis: what {@link RequestPacer} asks, after its own
 * bucket, so that replicas together stay within a quota that is per account rather than
 * per process.
 */
@FunctionalInterface
public interface SharedPermits {

	/**
	 * Take one permit of an operation, waiting for it up to the given time.
	 * @param operation the operation name, such as {@code StartAttachmentUpload}
	 * @param quota the operation's quota, which the shared bucket holds
	 * @param maxWaitNanos how long the permit may be waited for; {@link Long#MAX_VALUE}
	 * for no bound
	 * @return {@code true} once the permit is taken; {@code false}, without taking one,
	 * when none comes within the wait
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	boolean tryAcquire(String operation, RequestQuota quota, long maxWaitNanos) throws InterruptedException;

}
