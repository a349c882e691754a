package io.github.connectparticipant.observation;

import io.micrometer.common.KeyValues;

/**
 * The default {@link OperationObservationConvention}: the keys
 * {@link ParticipantObservationDocumentation#OPERATION} documents. Extend it to add key
 * values of your own.
 */
public class DefaultOperationObservationConvention implements OperationObservationConvention {

	@Override
	public String getContextualName(OperationObservationContext context) {
		return ConventionValues.operationName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(OperationObservationContext context) {
		return ConventionValues.lowCardinality(context);
	}

}
