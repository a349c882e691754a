package io.github.connectparticipant.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.JsonNode;

/**
 * What the soak tests share: the fault mix, a reading of the emulator's contact state,
 * and a count of failed attempts by operation and kind as the library saw them.
 */
final class SoakSupport {

	private SoakSupport() {
	}

	/**
	 * The library's settings under the fault mix: the tests' fast settings with backoffs
	 * long enough for a throttled operation to recover within the given attempts.
	 */
	static ConnectParticipantSettings settings(int maxAttempts) {
		return TestClients.fastSettings()
			.maxAttempts(maxAttempts)
			.initialBackoff(Duration.ofMillis(20))
			.maxBackoff(Duration.ofMillis(400))
			.build();
	}

	/**
	 * The soak's fault mix on every operation, the pre-signed PUT and GET included:
	 * THROTTLE 20%, SERVER_ERROR 10%, DROP_AFTER 10%, DROP_BEFORE 5%, DELAY 5%. Rules
	 * match in order, each drawing only when the ones before it did not fire, so each
	 * rule's probability is its share of what is left (0.10 / 0.80, ...).
	 */
	static List<FaultRule> faultMix(long delayMillis) {
		double[] shares = { 0.20, 0.10, 0.10, 0.05, 0.05 };
		String[] kinds = { "THROTTLE", "SERVER_ERROR", "DROP_AFTER", "DROP_BEFORE", "DELAY" };
		FaultRule[] rules = new FaultRule[shares.length];
		double left = 1.0;
		for (int i = 0; i < shares.length; i++) {
			rules[i] = FaultRule.probability("*", kinds[i], shares[i] / left).withDelayMillis(delayMillis);
			left -= shares[i];
		}
		return List.of(rules);
	}

	/**
	 * Whether an attachment of the emulator's contact state was completed (it is in the
	 * transcript), as opposed to started or uploaded only.
	 */
	static boolean isCompleted(JsonNode attachment) {
		return List.of("IN_PROGRESS", "APPROVED", "REJECTED").contains(attachment.get("status").asString());
	}

	/**
	 * The kind of fault a failed attempt's error code shows.
	 */
	static String kind(String errorCode) {
		return switch (errorCode) {
			case "ThrottlingException", "SlowDown", "HTTP429", "HTTP503" -> "throttled";
			case "InternalServerException", "InternalError", "HTTP500" -> "server error";
			default -> "connection dropped";
		};
	}

	/**
	 * Counts the library's attempt observations: successes and failures by operation and
	 * fault kind.
	 */
	static final class AttemptCounter implements ObservationHandler<Observation.Context> {

		private final ObservationRegistry registry = ObservationRegistry.create();

		private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();

		private final Map<String, LongAdder> succeeded = new ConcurrentHashMap<>();

		private final Map<String, Integer> mostAttempts = new ConcurrentHashMap<>();

		AttemptCounter() {
			this.registry.observationConfig().observationHandler(this);
		}

		ObservationRegistry registry() {
			return this.registry;
		}

		@Override
		public void onStop(Observation.Context context) {
			if (!ParticipantObservationDocumentation.ATTEMPT.getName().equals(context.getName())) {
				return;
			}
			String operation = value(context, "operation");
			if ("success".equals(value(context, "outcome"))) {
				this.succeeded.computeIfAbsent(operation, (key) -> new LongAdder()).increment();
				KeyValue attempt = context.getHighCardinalityKeyValue("attempt");
				if (attempt != null) {
					this.mostAttempts.merge(operation, Integer.parseInt(attempt.getValue()), Math::max);
				}
			}
			else {
				this.failed.computeIfAbsent(kind(value(context, "error.code")), (key) -> new LongAdder()).increment();
			}
		}

		private static String value(Observation.Context context, String key) {
			KeyValue keyValue = context.getLowCardinalityKeyValue(key);
			return (keyValue != null) ? keyValue.getValue() : "none";
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		/** Failed attempts by fault kind. */
		Map<String, Long> failedByKind() {
			Map<String, Long> result = new TreeMap<>();
			this.failed.forEach((kind, count) -> result.put(kind, count.sum()));
			return result;
		}

		/** Successful attempts by operation. */
		Map<String, Long> succeededByOperation() {
			Map<String, Long> result = new TreeMap<>();
			this.succeeded.forEach((operation, count) -> result.put(operation, count.sum()));
			return result;
		}

		/** The highest attempt number that succeeded, by operation. */
		Map<String, Integer> mostAttemptsNeeded() {
			return new TreeMap<>(this.mostAttempts);
		}

		long failedAttempts() {
			return this.failed.values().stream().mapToLong(LongAdder::sum).sum();
		}

	}

}
