package io.github.connectparticipant.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Time and allocation of an operation, and the statistics of interleaved rounds.
 * <p>
 * Allocation is read from {@code com.sun.management.ThreadMXBean}: the calling thread's
 * own, and that of every client-side thread of the JVM (the calling thread, the HTTP
 * clients' selector and worker threads, the SDK's timer threads, read-ahead threads),
 * which leaves out the threads of the emulator and of the canned-response server that run
 * in the same JVM.
 */
final class Measure {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	/**
	 * Name prefixes of the server-side threads (emulator, canned server, the JDK HTTP
	 * server's own).
	 */
	private static final String[] SERVER_THREADS = { "connect-participant-emulator", "canned-server", "HTTP-Dispatcher",
			"idle-timeout-task", "server-timer", "WebSocketSelector", "WebSocketWorker",
			"WebSocketConnectionLostChecker" };

	private Measure() {
	}

	static {
		THREADS.setThreadAllocatedMemoryEnabled(true);
	}

	/**
	 * An operation measured.
	 */
	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

	/**
	 * One measurement: per operation, time and bytes allocated on the calling thread and
	 * on all client threads.
	 *
	 * @param nanos wall time per operation
	 * @param threadBytes bytes allocated per operation on the calling thread
	 * @param clientBytes bytes allocated per operation on all client-side threads
	 * @param cpuNanos CPU time per operation of the calling thread (less disturbed by
	 * other processes than wall time, but blind to other threads)
	 */
	record Sample(double nanos, double threadBytes, double clientBytes, double cpuNanos) {

		double millis() {
			return this.nanos / 1e6;
		}

	}

	/**
	 * Run a body that performs {@code operations} operations, and return the
	 * per-operation figures.
	 */
	static Sample measure(int operations, Body body) {
		Map<Long, Long> before = clientAllocations();
		long threadBefore = THREADS.getCurrentThreadAllocatedBytes();
		long cpuBefore = THREADS.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		try {
			body.run();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		long nanos = System.nanoTime() - start;
		long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
		long thread = THREADS.getCurrentThreadAllocatedBytes() - threadBefore;
		long client = thread + clientAllocatedSince(before);
		return new Sample((double) nanos / operations, (double) thread / operations, (double) client / operations,
				(double) cpu / operations);
	}

	/**
	 * Bytes allocated so far by each live client-side thread other than the calling one
	 * (whose own count is read directly, so that taking this snapshot is not counted).
	 */
	static Map<Long, Long> clientAllocations() {
		long self = Thread.currentThread().getId();
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids);
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> result = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (ids[i] != self && infos[i] != null && bytes[i] >= 0 && !isServerThread(infos[i].getThreadName())) {
				result.put(ids[i], bytes[i]);
			}
		}
		return result;
	}

	/**
	 * Bytes allocated by the other client-side threads since a snapshot; threads started
	 * since count from zero (threads that ended in between are lost, which the pools used
	 * here avoid).
	 */
	static long clientAllocatedSince(Map<Long, Long> before) {
		long total = 0;
		for (Map.Entry<Long, Long> now : clientAllocations().entrySet()) {
			total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
		}
		return total;
	}

	/**
	 * Daemon threads named by a prefix and a count: the prefix tells the client-side
	 * threads from the server-side ones ({@link #isServerThread(String)}).
	 */
	static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	static boolean isServerThread(String name) {
		for (String prefix : SERVER_THREADS) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * A 95 % confidence interval for the median of the population the values are drawn
	 * from, without assuming its distribution: the values whose ranks a binomial(n, 1/2)
	 * count falls outside of with at most 5 % probability (ranks 10 and 22 of 31).
	 * @param values the values, at least 6 (fewer cannot give 95 %)
	 * @return the interval's lower and upper bound, or two NaN for fewer than 6 values
	 */
	static double[] medianInterval(List<Double> values) {
		int n = values.size();
		if (n < 6) {
			return new double[] { Double.NaN, Double.NaN };
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		// the largest k with P(X < k) <= 2.5 % for X ~ binomial(n, 1/2)
		int k = 0;
		double below = 0;
		double term = Math.pow(0.5, n);
		while (below + term <= 0.025) {
			below += term;
			term = term * (n - k) / (k + 1);
			k++;
		}
		// ranks k and n - k + 1 (1-based)
		return new double[] { sorted[k - 1], sorted[n - k] };
	}

	static double percentile(List<Double> values, double percentile) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/**
	 * Variants of one comparison run side by side: each round runs every variant in
	 * interleaved passes, in an order that rotates, after warm-up rounds that are not
	 * kept. Ratios are taken within each round and their median reported, so that drift
	 * of a shared machine between rounds cancels out.
	 */
	static final class Rounds {

		private final Map<String, Variant> variants = new LinkedHashMap<>();

		private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

		private boolean collectFirst;

		private long warmupNanos;

		/**
		 * Run a full garbage collection (untimed) before each pass, so that the
		 * collections the measurements trigger are their own and not left over from an
		 * earlier benchmark.
		 */
		Rounds collectingGarbageFirst() {
			this.collectFirst = true;
			return this;
		}

		/**
		 * Keep running warm-up rounds until the given time has passed as well, as JMH
		 * warms up for a time: the JIT compiles a method with its optimizing compiler
		 * only after some thousands of calls, so that a few warm-up rounds would measure
		 * the code of one variant still compiled for profiling while that of another,
		 * shared by more variants, is optimized already.
		 * @param warmup the least time spent in warm-up rounds
		 * @return these rounds
		 */
		Rounds warmingUpFor(Duration warmup) {
			this.warmupNanos = warmup.toNanos();
			return this;
		}

		Rounds add(String name, Variant variant) {
			this.variants.put(name, variant);
			this.samples.put(name, new ArrayList<>());
			return this;
		}

		Rounds run(int warmups, int rounds) {
			return run(warmups, rounds, 1);
		}

		/**
		 * Run the rounds. Each round is made of passes that run every variant once, the
		 * order rotating from pass to pass; a round's figure for a variant is the mean of
		 * its passes. Interleaving at the level of single measurements means that a burst
		 * of load from another process on a shared machine slows every variant alike.
		 * @param warmups rounds run first and not kept
		 * @param rounds rounds kept
		 * @param passes passes per round
		 */
		Rounds run(int warmups, int rounds, int passes) {
			List<String> names = new ArrayList<>(this.variants.keySet());
			int turn = 0;
			long warmupEnd = System.nanoTime() + this.warmupNanos;
			int kept = 0;
			for (int round = 0; kept < rounds; round++) {
				// a round is kept when it starts after the warm-up rounds and the warm-up
				// time
				boolean keep = round >= warmups && System.nanoTime() - warmupEnd >= 0;
				Map<String, double[]> sums = new LinkedHashMap<>();
				for (int pass = 0; pass < passes; pass++, turn++) {
					if (this.collectFirst) {
						System.gc();
					}
					for (int i = 0; i < names.size(); i++) {
						String name = names.get((i + turn) % names.size());
						Sample sample = this.variants.get(name).run();
						double[] sum = sums.computeIfAbsent(name, (key) -> new double[4]);
						sum[0] += sample.nanos();
						sum[1] += sample.threadBytes();
						sum[2] += sample.clientBytes();
						sum[3] += sample.cpuNanos();
					}
				}
				if (keep) {
					sums.forEach((name, sum) -> this.samples.get(name)
						.add(new Sample(sum[0] / passes, sum[1] / passes, sum[2] / passes, sum[3] / passes)));
					kept++;
				}
			}
			return this;
		}

		List<Sample> samples(String name) {
			return this.samples.get(name);
		}

		/**
		 * The kept samples as lines of text, one per round and variant, for
		 * {@link #addLines} in another JVM.
		 */
		List<String> toLines() {
			List<String> lines = new ArrayList<>();
			this.samples.forEach((name,
					kept) -> kept.forEach((sample) -> lines.add(String.join(" ", name, Double.toString(sample.nanos()),
							Double.toString(sample.threadBytes()), Double.toString(sample.clientBytes()),
							Double.toString(sample.cpuNanos())))));
			return lines;
		}

		/**
		 * Keep the samples another JVM wrote with {@link #toLines}, after those already
		 * kept: its rounds become more rounds of this comparison.
		 */
		Rounds addLines(List<String> lines) {
			for (String line : lines) {
				String[] fields = line.trim().split(" ");
				if (fields.length != 5) {
					throw new IllegalArgumentException("not a sample: " + line);
				}
				this.samples.computeIfAbsent(fields[0], (name) -> new ArrayList<>())
					.add(new Sample(Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
							Double.parseDouble(fields[3]), Double.parseDouble(fields[4])));
			}
			return this;
		}

		double medianMillis(String name) {
			return median(this.samples.get(name).stream().map(Sample::millis).toList());
		}

		double medianThreadBytes(String name) {
			return median(this.samples.get(name).stream().map(Sample::threadBytes).toList());
		}

		double medianClientBytes(String name) {
			return median(this.samples.get(name).stream().map(Sample::clientBytes).toList());
		}

		/**
		 * Median over rounds of the time of {@code a} divided by that of {@code b} in the
		 * same round.
		 */
		double timeRatio(String a, String b) {
			return median(ratios(a, b, Sample::nanos));
		}

		/**
		 * Median over rounds of the calling thread's CPU time of {@code a} divided by
		 * that of {@code b}.
		 */
		double cpuRatio(String a, String b) {
			return median(ratios(a, b, Sample::cpuNanos));
		}

		double medianCpuMillis(String name) {
			return median(this.samples.get(name).stream().map((sample) -> sample.cpuNanos() / 1e6).toList());
		}

		/** The per-round time ratios, for the detail tables. */
		double[] timeRatios(String a, String b) {
			return ratios(a, b, Sample::nanos).stream().mapToDouble(Double::doubleValue).toArray();
		}

		/**
		 * Per round, a figure of {@code a} divided by the same figure of {@code b}.
		 */
		private List<Double> ratios(String a, String b, ToDoubleFunction<Sample> figure) {
			List<Sample> as = this.samples.get(a);
			List<Sample> bs = this.samples.get(b);
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < Math.min(as.size(), bs.size()); i++) {
				ratios.add(figure.applyAsDouble(as.get(i)) / figure.applyAsDouble(bs.get(i)));
			}
			return ratios;
		}

		/**
		 * The 95 % confidence interval of {@link #timeRatio}, as text.
		 */
		String timeRatioInterval(String a, String b) {
			double[] interval = medianInterval(ratios(a, b, Sample::nanos));
			return Double.isNaN(interval[0]) ? "too few rounds for a 95 % interval"
					: Report.f("95 %% interval of the median %.2f to %.2f", interval[0], interval[1]);
		}

		static String format(double[] ratios) {
			return String.join(" ", Arrays.stream(ratios).mapToObj(Report::ratio).toList());
		}

	}

	/**
	 * One variant of a comparison: a measurement.
	 */
	@FunctionalInterface
	interface Variant {

		Sample run();

	}

}
