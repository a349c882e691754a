package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Which variants the start-up benchmark starts in which round: the three its main rows
 * compare in every round; those that explain the starter's figure (its jars alone, the
 * starter declared first, and the two on one core where there are) in the first
 * {@code explanatoryRounds}; the sample app's in the first {@code sampleRounds}; the
 * order rotating by one from round to round.
 *
 * @param rounds rounds kept, after one warm-up round
 * @param explanatoryRounds rounds that start the explanatory variants
 * @param sampleRounds rounds that start the sample app's variants
 * @param explanatory the explanatory variants
 * @param sample the sample app's variants, none when its jar was not built
 */
record StartupSchedule(int rounds, int explanatoryRounds, int sampleRounds, List<String> explanatory,
		List<String> sample) {

	/** Rounds in which the sample app is started too. */
	private static final int SAMPLE_APP_ROUNDS = 7;

	/**
	 * Rounds in which the explanatory variants (the starter's jars alone, the starter
	 * declared first) are started too: enough for their intervals, and the rounds after
	 * them start only the three variants the main rows compare, so that more of those fit
	 * in a run of the same length.
	 */
	private static final int EXPLANATORY_ROUNDS = 41;

	/** The variants the main rows compare, started in every round. */
	private static final List<String> COMPARED = List.of("without", "starter", "starter+emulator");

	/** The variants that explain the starter's figure. */
	private static final List<String> EXPLANATORY = List.of("jars", "first");

	/**
	 * The variants started pinned to one core, in the explanatory rounds, where
	 * {@code taskset} can pin a process: the start without the starter and with it.
	 */
	private static final List<String> ONE_CORE = List.of("without/1", "starter/1");

	/** The sample app's variants. */
	private static final List<String> SAMPLE = List.of("sample+emulator", "sample");

	/**
	 * The schedule of a run.
	 * @param rounds rounds kept
	 * @param oneCore whether the variants on one core are there
	 * @param sampleApp whether the sample app's variants are there
	 * @return the schedule
	 */
	static StartupSchedule of(int rounds, boolean oneCore, boolean sampleApp) {
		List<String> explanatory = new ArrayList<>(EXPLANATORY);
		if (oneCore) {
			explanatory.addAll(ONE_CORE);
		}
		return new StartupSchedule(rounds, Math.min(EXPLANATORY_ROUNDS, rounds), Math.min(SAMPLE_APP_ROUNDS, rounds),
				explanatory, sampleApp ? SAMPLE : List.of());
	}

	/**
	 * The variants a round starts, in its order (the warm-up round, -1, in round 0's
	 * order).
	 */
	List<String> startsInRound(int round) {
		List<String> names = new ArrayList<>(COMPARED);
		if (round < this.explanatoryRounds) {
			names.addAll(this.explanatory);
		}
		if (round < this.sampleRounds) {
			names.addAll(this.sample);
		}
		int shift = Math.max(0, round) % names.size();
		List<String> rotated = new ArrayList<>(names.subList(shift, names.size()));
		rotated.addAll(names.subList(0, shift));
		return rotated;
	}

}
