package io.github.connectparticipant.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.connectparticipant.retry.OperationPacing;
import io.github.connectparticipant.retry.RequestPacer;

/**
 * The request pacing's part of the health details: per operation the rate it is paced at
 * now, its quota and its throttled answers; whether a shared bucket is used and how often
 * it could not be reached. Always UP: throttling slows requests down, it does not make
 * the service unavailable, and a replica taken out of rotation for it would only push its
 * load onto the others.
 */
public class ConnectParticipantPacingHealthIndicator extends AbstractHealthIndicator {

	private final RequestPacer pacer;

	/**
	 * Create an indicator.
	 * @param pacer the pacer the services share
	 */
	public ConnectParticipantPacingHealthIndicator(RequestPacer pacer) {
		super("Amazon Connect Participant pacing check failed");
		this.pacer = pacer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> operations = new LinkedHashMap<>();
		for (OperationPacing operation : this.pacer.operations()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("rate", Math.round(operation.rate() * 1000) / 1000.0);
			details.put("quotaRate", operation.quotaRate());
			details.put("burst", operation.burst());
			details.put("throttled", operation.throttled());
			operations.put(operation.operation(), details);
		}
		builder.up().withDetail("shared", this.pacer.isShared()).withDetail("operations", operations);
		if (this.pacer.isShared()) {
			builder.withDetail("sharedFailures", this.pacer.sharedFailures());
		}
	}

}
