package io.github.connectparticipant.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.connectparticipant.retry.OperationPacing;
import io.github.connectparticipant.retry.RequestPacer;

/**
 * Meters of the request pacer, tagged with the operation: the rate each operation is
 * paced at now ({@value #RATE}, lower than its quota after throttling), its quota's rate
 * ({@value #QUOTA}) and its throttled answers ({@value #THROTTLED}); with a shared
 * bucket, how often it could not be reached ({@value #SHARED_FAILURES}).
 */
final class PacingMeterBinder implements MeterBinder {

	static final String RATE = "connect.participant.pacing.rate";

	static final String QUOTA = "connect.participant.pacing.quota";

	static final String THROTTLED = "connect.participant.pacing.throttled";

	static final String SHARED_FAILURES = "connect.participant.pacing.shared.failures";

	private final RequestPacer pacer;

	PacingMeterBinder(RequestPacer pacer) {
		this.pacer = pacer;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (OperationPacing operation : this.pacer.operations()) {
			String name = operation.operation();
			Gauge.builder(RATE, this.pacer, (pacer) -> state(pacer, name).rate())
				.tag("operation", name)
				.description("Requests per second the operation is paced at now")
				.baseUnit("requests/s")
				.register(registry);
			Gauge.builder(QUOTA, this.pacer, (pacer) -> state(pacer, name).quotaRate())
				.tag("operation", name)
				.description("Requests per second of the operation's quota")
				.baseUnit("requests/s")
				.register(registry);
			FunctionCounter.builder(THROTTLED, this.pacer, (pacer) -> state(pacer, name).throttled())
				.tag("operation", name)
				.description("Requests of the operation the service answered as throttled")
				.register(registry);
		}
		if (this.pacer.isShared()) {
			FunctionCounter.builder(SHARED_FAILURES, this.pacer, RequestPacer::sharedFailures)
				.description("Requests paced by this process alone because the shared bucket could not be reached")
				.register(registry);
		}
	}

	private static OperationPacing state(RequestPacer pacer, String operation) {
		for (OperationPacing state : pacer.operations()) {
			if (state.operation().equals(operation)) {
				return state;
			}
		}
		throw new IllegalStateException("No pacing of " + operation);
	}

}
