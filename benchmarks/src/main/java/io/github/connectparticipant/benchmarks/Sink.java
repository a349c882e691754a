package io.github.connectparticipant.benchmarks;

/**
 * Where a measured operation puts a figure of its result that nobody reads, so that the
 * JIT cannot drop the work that made it (as JMH's {@code Blackhole} does).
 */
final class Sink {

	private static volatile long sink;

	private Sink() {
	}

	static void consume(long value) {
		sink += value;
	}

}
