package io.github.connectparticipant.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.connectparticipant.observation.ParticipantObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link OperationObservationConvention}: the keys
 * {@link ParticipantObservationDocumentation#OPERATION} documents. Extend it to add key
 * values of your own.
 */
public class DefaultOperationObservationConvention implements OperationObservationConvention {

	private static final KeyValue NO_ERROR = KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, "none");

	@Override
	public String getContextualName(OperationObservationContext context) {
		return "connect-participant " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(OperationObservationContext context) {
		return lowCardinalityKeyValues(context);
	}

	/**
	 * The low-cardinality key values both observations share.
	 */
	static KeyValues lowCardinalityKeyValues(ParticipantObservationContext context) {
		String errorCode = context.getErrorCode();
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.OPERATION, context.getOperation()),
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, context.getOutcome().value()),
				(errorCode != null) ? KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, errorCode) : NO_ERROR);
	}

}
