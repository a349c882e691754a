package io.github.connectparticipant.observation;

import io.micrometer.common.KeyValues;

import io.github.connectparticipant.observation.ParticipantObservationDocumentation.HighCardinalityKeyNames;

/**
 * The default {@link AttemptObservationConvention}: the keys
 * {@link ParticipantObservationDocumentation#ATTEMPT} documents. Extend it to add key
 * values of your own.
 */
public class DefaultAttemptObservationConvention implements AttemptObservationConvention {

	@Override
	public String getContextualName(AttemptObservationContext context) {
		return "connect-participant " + context.getOperation() + " attempt";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AttemptObservationContext context) {
		return DefaultOperationObservationConvention.lowCardinalityKeyValues(context);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(AttemptObservationContext context) {
		return KeyValues.of(HighCardinalityKeyNames.ATTEMPT.withValue(Integer.toString(context.getAttempt())));
	}

}
