package io.github.connectparticipant.autoconfigure.health;

import java.util.function.Supplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.connectparticipant.autoconfigure.health.ConnectParticipantCallRecorder.Snapshot;

/**
 * Health of one path (attachments or transcripts) of the Participant Service: DOWN when
 * the endpoint does not answer, or when {@value #FAILURES_FOR_DOWN} or more operations of
 * the path failed for the service's reasons (out of retries or time) within the recent
 * window with no success since; UP otherwise. The callers' mistakes (invalid files,
 * rejected scans, ended chats, conflicts) never count: the service answered them. Details
 * give the endpoint's host, the probe and recent call figures; never a token or a signed
 * URL.
 */
public class ConnectParticipantHealthIndicator extends AbstractHealthIndicator {

	static final int FAILURES_FOR_DOWN = 5;

	private final EndpointProbe probe;

	private final Supplier<Snapshot> calls;

	/**
	 * Create an indicator.
	 * @param probe the endpoint probe (shared, cached)
	 * @param calls recent calls of the path
	 */
	public ConnectParticipantHealthIndicator(EndpointProbe probe, Supplier<Snapshot> calls) {
		super("Amazon Connect Participant health check failed");
		this.probe = probe;
		this.calls = calls;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		EndpointProbe.Result result = this.probe.probe();
		Snapshot snapshot = this.calls.get();
		boolean failing = snapshot.serviceFailuresSinceSuccess() >= FAILURES_FOR_DOWN;
		if (result.reachable() && !failing) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("endpoint", this.probe.endpoint().toString())
			.withDetail("reachable", result.reachable())
			.withDetail("probeLatencyMillis", result.latency().toMillis())
			.withDetail("probedAt", result.checkedAt().toString());
		if (result.error() != null) {
			builder.withDetail("probeError", result.error());
		}
		builder.withDetail("recentCalls", snapshot.calls())
			.withDetail("recentFailures", snapshot.failures())
			.withDetail("recentServiceFailures", snapshot.serviceFailures())
			.withDetail("recentErrorRate", Math.round(snapshot.errorRate() * 1000) / 1000.0)
			.withDetail("recentThrottledAttempts", snapshot.throttledAttempts())
			.withDetail("serviceFailuresSinceLastSuccess", snapshot.serviceFailuresSinceSuccess());
		if (snapshot.lastSuccess() != null) {
			builder.withDetail("lastSuccess", snapshot.lastSuccess().toString());
		}
		if (snapshot.lastFailure() != null) {
			builder.withDetail("lastFailure", snapshot.lastFailure().toString());
			builder.withDetail("lastErrorCode", String.valueOf(snapshot.lastErrorCode()));
		}
	}

}
