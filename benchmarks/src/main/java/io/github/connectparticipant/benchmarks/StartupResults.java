package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.connectparticipant.benchmarks.StartupLaunch.Started;

/**
 * What the starts of each variant of the start-up benchmark measured, round by round: the
 * time to ready, the wall time, the work each start reported, and what the last start
 * said it started.
 */
final class StartupResults {

	private final Map<String, List<Double>> uptimes = new LinkedHashMap<>();

	private final Map<String, List<Double>> walls = new LinkedHashMap<>();

	private final Map<String, List<StartupWork>> works = new LinkedHashMap<>();

	private final Map<String, String> checks = new LinkedHashMap<>();

	StartupResults(Collection<String> variants) {
		for (String variant : variants) {
			this.uptimes.put(variant, new ArrayList<>());
			this.walls.put(variant, new ArrayList<>());
			this.works.put(variant, new ArrayList<>());
		}
	}

	/**
	 * Add a start.
	 * @param variant the variant started
	 * @param started what the start measured
	 * @param kept whether its figures are kept (not in a warm-up round)
	 */
	void add(String variant, Started started, boolean kept) {
		if (kept) {
			this.uptimes.get(variant).add(started.uptimeMillis());
			this.walls.get(variant).add(started.wallMillis());
			// a start that reported no work keeps its place in the rounds, as NaN
			this.works.get(variant).add((started.work() != null) ? started.work() : StartupWork.NOT_REPORTED);
		}
		if (started.check() != null) {
			this.checks.put(variant, started.check());
		}
	}

	/** The times to ready of each variant, in milliseconds, a round each. */
	Map<String, List<Double>> uptimes() {
		return this.uptimes;
	}

	List<Double> uptimes(String variant) {
		return this.uptimes.get(variant);
	}

	List<Double> walls(String variant) {
		return this.walls.get(variant);
	}

	List<StartupWork> works(String variant) {
		return this.works.get(variant);
	}

	/** What each variant's last start said it started. */
	Map<String, String> checks() {
		return this.checks;
	}

}
