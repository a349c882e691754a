package io.github.connectparticipant.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;

/**
 * Fault rules, matched in order against each request's operation. A seeded random source
 * makes a run repeatable for the same sequence of requests.
 */
final class FaultInjector {

	private volatile List<ActiveRule> rules = List.of();

	private Random random = new Random(0);

	synchronized void set(long seed, List<FaultRule> newRules) {
		List<ActiveRule> active = new ArrayList<>();
		for (FaultRule rule : newRules) {
			active.add(new ActiveRule(rule, Kind.parse(rule.fault()),
					(rule.times() != null) ? new AtomicInteger(rule.times()) : null));
		}
		this.random = new Random(seed);
		this.rules = List.copyOf(active);
	}

	synchronized void clear() {
		this.rules = List.of();
	}

	List<FaultRule> rules() {
		List<FaultRule> result = new ArrayList<>();
		for (ActiveRule rule : this.rules) {
			result.add(rule.rule());
		}
		return result;
	}

	/** The fault to apply to a request of this operation, or {@code null}. */
	Decision decide(String operation) {
		List<ActiveRule> current = this.rules;
		if (current.isEmpty()) {
			return null;
		}
		synchronized (this) {
			for (ActiveRule rule : current) {
				if (!rule.rule().operation().equals("*") && !rule.rule().operation().equals(operation)) {
					continue;
				}
				if (rule.remaining() != null && rule.remaining().getAndUpdate((n) -> Math.max(0, n - 1)) <= 0) {
					continue;
				}
				if (rule.rule().probability() >= 1.0 || this.random.nextDouble() < rule.rule().probability()) {
					return new Decision(rule.kind(), rule.rule().delayMillis(), rule.rule().afterBytes());
				}
			}
		}
		return null;
	}

	/** The kinds of fault. */
	enum Kind {

		THROTTLE, SERVER_ERROR, DROP_BEFORE, DROP_AFTER, DELAY, STALL, TRUNCATE;

		static Kind parse(String value) {
			try {
				return valueOf(value.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"Unknown fault '" + value + "'; expected one of " + java.util.Arrays.toString(values()));
			}
		}

	}

	/** A fault chosen for one request. */
	record Decision(Kind kind, long delayMillis, long afterBytes) {
	}

	private record ActiveRule(FaultRule rule, Kind kind, AtomicInteger remaining) {
	}

}
