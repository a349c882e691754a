package io.github.connectparticipant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * An observation registry that records every observation started and stopped.
 */
public final class RecordedObservations {

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final List<Observation.Context> started = new ArrayList<>();

	private final List<Observation.Context> stopped = new ArrayList<>();

	public RecordedObservations() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				synchronized (RecordedObservations.this) {
					RecordedObservations.this.started.add(context);
				}
			}

			@Override
			public void onStop(Observation.Context context) {
				synchronized (RecordedObservations.this) {
					RecordedObservations.this.stopped.add(context);
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	public ObservationRegistry registry() {
		return this.registry;
	}

	/** Observations in the order they started. */
	public synchronized List<Observation.Context> started() {
		return new ArrayList<>(this.started);
	}

	/** Observations in the order they stopped. */
	public synchronized List<Observation.Context> stopped() {
		return new ArrayList<>(this.stopped);
	}

	/**
	 * Stopped observations of one name whose low-cardinality {@code operation} is the
	 * given one.
	 */
	public synchronized List<Map<String, String>> tags(String name, String operation) {
		return this.stopped.stream()
			.filter((context) -> context.getName().equals(name))
			.map(RecordedObservations::lowCardinality)
			.filter((tags) -> operation.equals(tags.get("operation")))
			.toList();
	}

	public static Map<String, String> lowCardinality(Observation.Context context) {
		Map<String, String> values = new LinkedHashMap<>();
		context.getLowCardinalityKeyValues().forEach((keyValue) -> values.put(keyValue.getKey(), keyValue.getValue()));
		return values;
	}

}
