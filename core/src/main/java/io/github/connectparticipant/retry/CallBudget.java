package io.github.connectparticipant.retry;

import java.time.Duration;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantOperation;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt may spend: the request permit of a paced operation
 * ({@link RequestPacer}) and the time left of the call timeout.
 */
final class CallBudget {

	private final RequestPacer pacer;

	CallBudget(RequestPacer pacer) {
		this.pacer = pacer;
	}

	/**
	 * Wait for the operation's next request permit when it is paced.
	 * @param deadline when the call times out ({@link System#nanoTime()}), or
	 * {@code null} for no bound
	 * @param attempts the attempts made so far
	 * @param last the last attempt's failure, if any
	 * @return whether the operation is paced
	 * @throws ConnectParticipantException when interrupted, or an
	 * {@link OperationTimeoutException} when the permit comes after the deadline
	 */
	boolean awaitPermit(ParticipantOperation operation, @Nullable Long deadline, int attempts,
			@Nullable Throwable last) {
		if (!this.pacer.isPaced(operation)) {
			return false;
		}
		boolean granted;
		try {
			granted = this.pacer.await(operation, deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ConnectParticipantException.interrupted(operation, "waiting for a request permit", attempts, ex);
		}
		if (!granted) {
			throw new OperationTimeoutException(
					"did not finish within the call timeout (callTimeout): the next " + "request permit of " + operation
							+ " comes later (paced at " + this.pacer.describe(operation) + ", requestQuotas)"
							+ ((last != null) ? "; the last attempt failed with " + Failures.describe(last) : ""),
					operation.operationName(), (last != null) ? Failures.errorCode(last) : null, null, attempts, last);
		}
		return true;
	}

	/**
	 * Return how long the next attempt may take: the attempt timeout, or what is left of
	 * the call timeout when that is less.
	 * @throws OperationTimeoutException when the deadline has passed
	 */
	Duration attemptTimeout(ParticipantOperation operation, Duration attemptTimeout, @Nullable Long deadline,
			int attempts, @Nullable Throwable last) {
		if (deadline == null) {
			return attemptTimeout;
		}
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw Failures.timeout(operation, attempts, last);
		}
		return (remaining < attemptTimeout.toNanos()) ? Duration.ofNanos(remaining) : attemptTimeout;
	}

	/**
	 * Return the time a paced request is sent, for {@link #answered}.
	 */
	long sent() {
		return this.pacer.now();
	}

	/**
	 * Tell the pacer how a paced request was answered.
	 * @param sentAt when the request was sent ({@link #sent()})
	 * @param failure the attempt's failure, or {@code null} on success
	 */
	void answered(ParticipantOperation operation, long sentAt, @Nullable Throwable failure) {
		if (failure == null) {
			this.pacer.succeeded(operation);
		}
		else if (Failures.isThrottling(failure)) {
			this.pacer.throttled(operation, sentAt);
		}
	}

}
