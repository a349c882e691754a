package io.github.connectparticipant.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The key values of {@link ParticipantObservationDocumentation#OPERATION}. Replace
 * {@link DefaultOperationObservationConvention} with a bean of this type (the starter
 * picks it up), or register a {@code GlobalObservationConvention} of
 * {@link OperationObservationContext} with the {@code ObservationRegistry}.
 */
public interface OperationObservationConvention extends ObservationConvention<OperationObservationContext> {

	/**
	 * Return the observation's name,
	 * {@link ParticipantObservationDocumentation#OPERATION}'s unless a convention renames
	 * it.
	 * @return the name
	 */
	@Override
	default String getName() {
		return ParticipantObservationDocumentation.OPERATION.getName();
	}

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof OperationObservationContext;
	}

}
