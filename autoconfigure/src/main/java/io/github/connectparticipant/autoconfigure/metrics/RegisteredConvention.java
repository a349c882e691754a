package io.github.connectparticipant.autoconfigure.metrics;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import org.jspecify.annotations.Nullable;

/**
 * An application's convention as the {@code ObservationRegistry} takes it: the registry
 * holds only global conventions, and the library's services start their observations with
 * the registry's convention for their context when it has one.
 *
 * @param <T> the context type
 */
final class RegisteredConvention<T extends Observation.Context> implements GlobalObservationConvention<T> {

	private final ObservationConvention<T> convention;

	RegisteredConvention(ObservationConvention<T> convention) {
		this.convention = convention;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.convention.supportsContext(context);
	}

	@Override
	public @Nullable String getName() {
		return this.convention.getName();
	}

	@Override
	public @Nullable String getContextualName(T context) {
		return this.convention.getContextualName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(T context) {
		return this.convention.getLowCardinalityKeyValues(context);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(T context) {
		return this.convention.getHighCardinalityKeyValues(context);
	}

	@Override
	public String toString() {
		return "RegisteredConvention[" + this.convention + "]";
	}

}
