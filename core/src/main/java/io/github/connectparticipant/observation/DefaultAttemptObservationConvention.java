package io.github.connectparticipant.observation;

import io.micrometer.common.KeyValues;

/**
 * The default {@link AttemptObservationConvention}: the keys
 * {@link ParticipantObservationDocumentation#ATTEMPT} documents. Extend it to add key
 * values of your own.
 */
public class DefaultAttemptObservationConvention implements AttemptObservationConvention {

	@Override
	public String getContextualName(AttemptObservationContext context) {
		return ConventionValues.attemptName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AttemptObservationContext context) {
		return ConventionValues.lowCardinality(context);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(AttemptObservationContext context) {
		return ConventionValues.highCardinality(context);
	}

}
