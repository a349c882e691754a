package io.github.connectparticipant.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The key values of {@link ParticipantObservationDocumentation#ATTEMPT}. Replace
 * {@link DefaultAttemptObservationConvention} with a bean of this type (the starter picks
 * it up), or register a {@code GlobalObservationConvention} of
 * {@link AttemptObservationContext} with the {@code ObservationRegistry}.
 */
public interface AttemptObservationConvention extends ObservationConvention<AttemptObservationContext> {

	/**
	 * Return the observation's name,
	 * {@link ParticipantObservationDocumentation#ATTEMPT}'s unless a convention renames
	 * it.
	 * @return the name
	 */
	@Override
	default String getName() {
		return ParticipantObservationDocumentation.ATTEMPT.getName();
	}

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AttemptObservationContext;
	}

}
