package io.github.connectparticipant.emulator;

import java.util.List;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.FaultInjector.Decision;
import io.github.connectparticipant.emulator.FaultInjector.Kind;

/**
 * What happens to each request on arrival, the same for API operations and for the object
 * endpoint: it is counted, then injected faults and throttles act on it; each endpoint
 * only says a refusal in its own dialect.
 * <ul>
 * <li>{@code THROTTLE}, {@code SERVER_ERROR} and an empty token bucket refuse the request
 * ({@link Refusal});</li>
 * <li>{@code DROP_BEFORE} closes the connection unanswered, {@code DELAY} waits, before
 * anything happens;</li>
 * <li>{@code STALL} waits while the operation works, before it takes effect (an object
 * request has no work to stall in: it waits first, as a delay);</li>
 * <li>{@code DROP_AFTER} closes the connection unanswered after the operation took
 * effect, and {@code TRUNCATE} cuts the answer's body off.</li>
 * </ul>
 */
final class FaultPolicy {

	private final FaultInjector faults = new FaultInjector();

	private final Throttler throttler = new Throttler();

	private final RequestStats stats;

	FaultPolicy(RequestStats stats) {
		this.stats = stats;
	}

	void setFaults(long seed, List<FaultRule> rules) {
		this.faults.set(seed, rules);
	}

	void clearFaults() {
		this.faults.clear();
	}

	List<FaultRule> faultRules() {
		return this.faults.rules();
	}

	Throttler throttler() {
		return this.throttler;
	}

	void reset() {
		this.faults.clear();
		this.throttler.clear();
	}

	/**
	 * Admits a request of an operation: counts it, decides its fault and applies what
	 * acts before the operation.
	 * @param contactId the contact the request is counted for, or null
	 * @return the fault, for what acts later
	 * @throws Refusal if the request is refused
	 * @throws DropConnection if the connection is to be closed unanswered
	 */
	Fault admit(Operation operation, String contactId) {
		this.stats.record(operation.wireName(), contactId);
		Decision decision = this.faults.decide(operation.wireName());
		Kind kind = (decision != null) ? decision.kind() : null;
		if (kind == Kind.THROTTLE) {
			throw new Refusal(Refusal.Reason.THROTTLED);
		}
		if (kind == Kind.SERVER_ERROR) {
			throw new Refusal(Refusal.Reason.SERVER_ERROR);
		}
		if (kind == Kind.DROP_BEFORE) {
			throw new DropConnection();
		}
		if (kind == Kind.DELAY || (kind == Kind.STALL && operation.api() == Operation.Api.OBJECTS)) {
			sleep(decision.delayMillis());
		}
		if (!this.throttler.tryAcquire(operation.wireName())) {
			throw new Refusal(Refusal.Reason.THROTTLED);
		}
		return new Fault((operation.api() == Operation.Api.OBJECTS && kind == Kind.STALL) ? null : decision);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(Math.max(0, millis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The fault chosen for one admitted request; its decision is null for none. */
	record Fault(Decision decision) {

		private boolean is(Kind kind) {
			return this.decision != null && this.decision.kind() == kind;
		}

		/** Waits as long as a stall makes the operation work. */
		void whileWorking() {
			if (is(Kind.STALL)) {
				sleep(this.decision.delayMillis());
			}
		}

		/**
		 * Called once the operation has taken effect, before its answer.
		 * @throws DropConnection if the connection is to be closed unanswered
		 */
		void afterWork() {
			if (is(Kind.DROP_AFTER)) {
				throw new DropConnection();
			}
		}

		/** How many bytes of an answer's body of {@code length} bytes are sent. */
		long bytesSent(long length) {
			return is(Kind.TRUNCATE) ? Math.min(Math.max(0, this.decision.afterBytes()), length) : length;
		}

	}

	/** A request refused by a fault or a throttle. */
	static final class Refusal extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final Reason reason;

		Refusal(Reason reason) {
			super(null, null, false, false);
			this.reason = reason;
		}

		Reason reason() {
			return this.reason;
		}

		enum Reason {

			/** Too many requests: an injected throttle or an empty token bucket. */
			THROTTLED,

			/** An injected server error. */
			SERVER_ERROR

		}

	}

	/** Closes the connection without an answer. */
	static final class DropConnection extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DropConnection() {
			super(null, null, false, false);
		}

	}

	/** The answer was cut off on purpose; the connection must be closed abruptly. */
	static final class TruncatedResponse extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TruncatedResponse() {
			super(null, null, false, false);
		}

	}

}
