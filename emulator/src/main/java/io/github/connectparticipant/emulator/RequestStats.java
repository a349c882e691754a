package io.github.connectparticipant.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests received per operation, in total and per contact. */
final class RequestStats {

	private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();

	private final Map<String, Map<String, LongAdder>> byContact = new ConcurrentHashMap<>();

	void record(String operation, String contactId) {
		this.totals.computeIfAbsent(operation, (k) -> new LongAdder()).increment();
		if (contactId != null) {
			this.byContact.computeIfAbsent(contactId, (k) -> new ConcurrentHashMap<>())
				.computeIfAbsent(operation, (k) -> new LongAdder())
				.increment();
		}
	}

	long total(String operation) {
		LongAdder adder = this.totals.get(operation);
		return (adder != null) ? adder.sum() : 0;
	}

	long forContact(String contactId, String operation) {
		Map<String, LongAdder> counts = this.byContact.get(contactId);
		LongAdder adder = (counts != null) ? counts.get(operation) : null;
		return (adder != null) ? adder.sum() : 0;
	}

	Map<String, Long> totals() {
		return snapshot(this.totals);
	}

	Map<String, Long> forContact(String contactId) {
		return snapshot(this.byContact.getOrDefault(contactId, Map.of()));
	}

	void reset() {
		this.totals.clear();
		this.byContact.clear();
	}

	private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
		Map<String, Long> result = new TreeMap<>();
		counts.forEach((operation, adder) -> result.put(operation, adder.sum()));
		return result;
	}

}
