package io.github.connectparticipant.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import io.github.connectparticipant.observation.ParticipantObservationContext.Outcome;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation.HighCardinalityKeyNames;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default conventions' key values and contextual names, made once per operation and
 * outcome: Micrometer asks a convention for them when an observation starts and again
 * when it stops, and every call of the library makes two observations, so building them
 * anew each time would cost every call a few sorted arrays and strings. Only values
 * without an error code are kept; a failure's code is built when it happens.
 */
final class ConventionValues {

	/**
	 * The most operations kept: the library observes a fixed set of service methods and
	 * calls, but a context may be made with any name, and the cache must not grow with
	 * them.
	 */
	private static final int MAX_OPERATIONS = 128;

	private static final KeyValue NO_ERROR = KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, "none");

	private static final KeyValues[] ATTEMPTS = new KeyValues[16];

	private static final Map<String, ConventionValues> byOperation = new ConcurrentHashMap<>();

	static {
		for (int i = 0; i < ATTEMPTS.length; i++) {
			ATTEMPTS[i] = attempt(i + 1);
		}
	}

	private final KeyValues[] byOutcome;

	private final String operationName;

	private final String attemptName;

	private ConventionValues(String operation) {
		Outcome[] outcomes = Outcome.values();
		this.byOutcome = new KeyValues[outcomes.length];
		for (Outcome outcome : outcomes) {
			this.byOutcome[outcome.ordinal()] = lowCardinality(operation, outcome, null);
		}
		this.operationName = "connect-participant " + operation;
		this.attemptName = this.operationName + " attempt";
	}

	/**
	 * Return the low-cardinality key values both observations share: operation, outcome
	 * and error code.
	 */
	static KeyValues lowCardinality(ParticipantObservationContext context) {
		String errorCode = context.getErrorCode();
		if (errorCode != null) {
			return lowCardinality(context.getOperation(), context.getOutcome(), errorCode);
		}
		return of(context.getOperation()).byOutcome[context.getOutcome().ordinal()];
	}

	/**
	 * Return the high-cardinality key values of an attempt: its number.
	 */
	static KeyValues highCardinality(AttemptObservationContext context) {
		int number = context.getAttempt();
		return (number >= 1 && number <= ATTEMPTS.length) ? ATTEMPTS[number - 1] : attempt(number);
	}

	/**
	 * Return the contextual name of an operation's observation.
	 */
	static String operationName(OperationObservationContext context) {
		return of(context.getOperation()).operationName;
	}

	/**
	 * Return the contextual name of an attempt's observation.
	 */
	static String attemptName(AttemptObservationContext context) {
		return of(context.getOperation()).attemptName;
	}

	private static ConventionValues of(String operation) {
		ConventionValues values = byOperation.get(operation);
		if (values != null) {
			return values;
		}
		values = new ConventionValues(operation);
		if (byOperation.size() < MAX_OPERATIONS) {
			byOperation.putIfAbsent(operation, values);
		}
		return values;
	}

	private static KeyValues lowCardinality(String operation, Outcome outcome, @Nullable String errorCode) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.OPERATION, operation),
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome.value()),
				(errorCode != null) ? KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, errorCode) : NO_ERROR);
	}

	private static KeyValues attempt(int number) {
		return KeyValues.of(HighCardinalityKeyNames.ATTEMPT.withValue(Integer.toString(number)));
	}

}
