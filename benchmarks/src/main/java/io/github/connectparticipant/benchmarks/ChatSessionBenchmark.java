package io.github.connectparticipant.benchmarks;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.benchmarks.ChatPopulation.Delivery;

import static io.github.connectparticipant.benchmarks.Report.bytes;
import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;

/**
 * Chat sessions at one and at many open at once: how long an agent's message takes from
 * the emulator's add to a session's listener, against a raw JDK WebSocket subscribed to
 * the same chat, which times the same adds (the emulator's own push, the floor); and what
 * idle sessions cost in heap and threads.
 */
final class ChatSessionBenchmark {

	private static final double LATENCY_LIMIT_MILLIS = 50;

	private static final double HEAP_LIMIT_BYTES = 64 * 1024;

	private final Harness harness;

	private final BenchmarkConfig config;

	private final Report report;

	ChatSessionBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		this.harness = harness;
		this.config = config;
		this.report = report;
	}

	void run(boolean delivery, boolean footprint) throws Exception {
		// the raw WebSockets' client on a pool of fixed size, started in full: its
		// threads
		// are the same at one and at many sessions
		ThreadPoolExecutor rawPool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "raw-websocket-client");
					thread.setDaemon(true);
					return thread;
				});
		rawPool.prestartAllCoreThreads();
		try {
			run(HttpClient.newBuilder().executor(rawPool).build(), delivery, footprint);
		}
		finally {
			rawPool.shutdownNow();
		}
	}

	private void run(HttpClient http, boolean delivery, boolean footprint) throws Exception {
		int many = this.config.chatSessions();
		Latencies atOne;
		int threadsAtOne;
		Map<String, Integer> namesAtOne;
		try (ChatPopulation one = ChatPopulation.open(this.harness, http, 1)) {
			threadsAtOne = one.threads();
			namesAtOne = one.threadsByName();
			atOne = delivery
					? latencies(one, Math.max(1, this.config.chatSingleAdds() / 10), this.config.chatSingleAdds())
					: null;
		}
		finally {
			this.harness.emulator().reset();
		}
		Latencies atMany;
		int threadsAtMany;
		Map<String, Integer> namesAtMany;
		Map<String, Integer> namesBeforeSessions;
		Map<String, Long> sessionClasses;
		long sessionHeap;
		long rawHeap;
		try (ChatPopulation population = ChatPopulation.open(this.harness, http, many)) {
			threadsAtMany = population.threads();
			namesAtMany = population.threadsByName();
			namesBeforeSessions = population.threadsBeforeSessions();
			sessionClasses = population.sessionClasses();
			sessionHeap = population.sessionHeap();
			rawHeap = population.rawSocketHeap();
			atMany = delivery ? latencies(population, many, many * this.config.chatRounds()) : null;
		}
		finally {
			this.harness.emulator().reset();
		}
		if (delivery) {
			reportDelivery(atOne, atMany, many);
		}
		if (footprint) {
			long emulatorHeap = owners(sessionClasses).getOrDefault(EMULATOR, 0L);
			reportFootprint(many, sessionHeap, rawHeap, emulatorHeap, threadsAtOne, threadsAtMany);
			this.report.section(Benchmark.CHAT_IDLE_FOOTPRINT, "Heap by class", heapByClass(many, sessionClasses));
			this.report.section(Benchmark.CHAT_IDLE_FOOTPRINT, "Threads by name",
					threadNames(many, namesAtOne, namesBeforeSessions, namesAtMany));
		}
	}

	/**
	 * Adds one after the other, each awaited, going round the chats of the population;
	 * the warm-up adds are not kept.
	 */
	private Latencies latencies(ChatPopulation population, int warmups, int kept) throws Exception {
		Latencies latencies = new Latencies();
		for (int i = 0; i < warmups + kept; i++) {
			Delivery delivery = population.add(i % population.size(), "probe " + i);
			if (i >= warmups) {
				latencies.session.add(delivery.sessionMillis());
				latencies.raw.add(delivery.rawMillis());
			}
		}
		return latencies;
	}

	private void reportDelivery(Latencies atOne, Latencies atMany, int many) {
		double[] interval = percentileInterval(atMany.session, 99);
		double p99 = Measure.percentile(atMany.session, 99);
		this.report.row(Benchmark.CHAT_DELIVERY, "1 session: add to listener p50 / p99 (raw WebSocket floor)",
				atOne.summary(), "(reported)", Report.Verdict.INFO);
		this.report.row(Benchmark.CHAT_DELIVERY,
				f("%,d sessions: add to listener p50 / p99 (raw WebSocket floor)", many), atMany.summary(),
				"(reported)", Report.Verdict.INFO);
		this.report.row(Benchmark.CHAT_DELIVERY, f("%,d sessions: add to listener p99", many),
				millis(p99) + " " + range(interval), "<= " + millis(LATENCY_LIMIT_MILLIS),
				Report.below(p99, interval, LATENCY_LIMIT_MILLIS));
		StringBuilder table = new StringBuilder(f("An agent's message is added to a chat through the emulator's Java "
				+ "API (in this JVM); it is timed from the add until the chat session's listener has it, and until "
				+ "a raw JDK WebSocket subscribed to the same chat has its frame: that socket times the same adds "
				+ "with nothing but the emulator's push, the floor. Adds go one after the other, each awaited, round "
				+ "the chats; with %,d sessions every session (heartbeating every 10 s) hears one in turn. 95 %% "
				+ "intervals of the percentiles are distribution-free (binomial order statistics).%n%n", many));
		table.append("| sessions | adds kept | session p50 | session p99 | raw WebSocket p50 | raw WebSocket p99 |\n"
				+ "| --- | --- | --- | --- | --- | --- |\n");
		table.append(atOne.tableRow(1)).append(atMany.tableRow(many));
		this.report.section(Benchmark.CHAT_DELIVERY, "Chat session delivery latency", table.toString());
	}

	private void reportFootprint(int many, long sessionHeap, long rawHeap, long emulatorHeap, int threadsAtOne,
			int threadsAtMany) {
		double perSession = (double) sessionHeap / many;
		double perRawSocket = (double) rawHeap / many;
		// a fixed pool reaches its size and stops: fewer new threads than 1 per 100
		// sessions
		int slack = (many - 1) / 100;
		// the emulator's side of a socket is in this JVM's heap too: a session holds at
		// most its figure less the emulator's own objects, and at least what it holds
		// beyond a bare subscribed socket with both its ends
		double[] bounds = { perSession - perRawSocket, perSession - (double) emulatorHeap / many };
		this.report.row(Benchmark.CHAT_IDLE_FOOTPRINT, f("heap per idle session, %,d open", many),
				f("%s to %s (all: %s, a raw subscribed WebSocket: %s)", bytes(bounds[0]), bytes(bounds[1]),
						bytes(perSession), bytes(perRawSocket)),
				"<= " + bytes(HEAP_LIMIT_BYTES), Report.below(perSession, bounds, HEAP_LIMIT_BYTES));
		this.report.row(Benchmark.CHAT_IDLE_FOOTPRINT, f("client threads at 1 / %,d sessions", many),
				f("%d / %d", threadsAtOne, threadsAtMany), f("independent (<= %d more)", slack),
				Report.atMost(threadsAtMany - threadsAtOne, slack));
		this.report.section(Benchmark.CHAT_IDLE_FOOTPRINT, "Idle chat sessions: heap and threads", f("%,d chats "
				+ "are started and each gets a raw JDK WebSocket subscribed to it; after full collections the heap "
				+ "in use is read, a session is opened on each chat, and once every session has delivered the "
				+ "chat's items so far (idle), the heap in use is read again after full collections: the "
				+ "difference divided by %,d is the heap per idle session (\"all\"). It includes the emulator's "
				+ "side of each session's WebSocket and connection, which runs in this JVM; less the objects of the "
				+ "emulator's classes (below) it is the upper bound of what an application holds. The raw "
				+ "WebSocket's figure, read the same way around the raw sockets, is both ends of a bare subscribed "
				+ "socket, and the session's figure less it is what a session holds beyond such a socket, the "
				+ "lower bound. The target is settled only when both bounds are on the same side of it. Threads are the JVM's live threads but the emulator's "
				+ "(the Boot context's and the raw sockets' client included) once the sessions are open and idle, "
				+ "with 1 and with %,d sessions; the target allows fewer new threads than one per 100 sessions, "
				+ "for pools of fixed size that fill up.%n%n| | 1 session | %,d sessions |%n| --- | --- | --- |%n"
				+ "| client threads | %d | %d |%n| heap per session | | %s |%n| heap per raw subscribed WebSocket | | %s |",
				many, many, many, many, threadsAtOne, threadsAtMany, bytes(perSession), bytes(perRawSocket)));
	}

	/**
	 * The thread names (digits dropped) whose counts differ between one and many
	 * sessions.
	 */
	private static String threadNames(int many, Map<String, Integer> atOne, Map<String, Integer> beforeSessions,
			Map<String, Integer> atMany) {
		StringBuilder table = new StringBuilder(f("Live threads by name (digits dropped), where the counts differ: "
				+ "with 1 session open, with the %,d chats and their raw WebSockets before the sessions opened, and "
				+ "with the %,d sessions open.%n%n| thread name | 1 session | %,d raw WebSockets | %,d sessions |%n"
				+ "| --- | --- | --- | --- |%n", many, many, many, many));
		Set<String> names = new TreeSet<>(atOne.keySet());
		names.addAll(beforeSessions.keySet());
		names.addAll(atMany.keySet());
		for (String name : names) {
			int one = atOne.getOrDefault(name, 0);
			int before = beforeSessions.getOrDefault(name, 0);
			int after = atMany.getOrDefault(name, 0);
			if (one != before || one != after) {
				table.append(f("| `%s` | %d | %d | %d |%n", name, one, before, after));
			}
		}
		return table.toString();
	}

	private static final String EMULATOR = "the emulator (its classes and Java-WebSocket's)";

	/**
	 * Bytes by who owns the classes: the emulator, the library, the JDK's clients,
	 * others.
	 */
	private static Map<String, Long> owners(Map<String, Long> classes) {
		Map<String, Long> owners = new java.util.LinkedHashMap<>();
		classes.forEach((name, bytes) -> owners.merge(owner(name), bytes, Long::sum));
		return owners;
	}

	private static String owner(String className) {
		if (className.startsWith("io.github.connectparticipant.emulator.")
				|| className.startsWith("org.java_websocket.")) {
			return EMULATOR;
		}
		if (className.startsWith("io.github.connectparticipant.benchmarks.")) {
			return "the benchmark";
		}
		if (className.startsWith("io.github.connectparticipant.")) {
			return "the library";
		}
		if (className.startsWith("jdk.internal.net.http.") || className.startsWith("java.net.http.")) {
			return "the JDK's HTTP and WebSocket client";
		}
		return "shared types (arrays, strings, collections, buffers)";
	}

	private static String heapByClass(int many, Map<String, Long> classes) {
		StringBuilder table = new StringBuilder(f("What the %,d sessions retain, from the JVM's class histogram "
				+ "before and after they opened (bytes of live objects by class, per session). Objects of the "
				+ "emulator's classes are the emulator's side of the sessions' sockets and connections; the row "
				+ "above takes them out of its upper bound. Arrays, strings, collections and buffers cannot be "
				+ "told apart by owner.%n%n| owner | per session |%n| --- | --- |%n", many));
		owners(classes).entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((owner) -> table
				.append(f("| %s | %s |%n", owner.getKey(), bytes((double) owner.getValue() / many))));
		table.append(f("%n| class | per session |%n| --- | --- |%n"));
		classes.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(15)
			.forEach((entry) -> table
				.append(f("| `%s` | %s |%n", entry.getKey(), bytes((double) entry.getValue() / many))));
		return table.toString();
	}

	/**
	 * A 95 % confidence interval for a percentile of the population the values are drawn
	 * from, without assuming its distribution: the values at the ranks a binomial(n, p)
	 * count reaches with 2.5 % probability on either side (its normal approximation, fair
	 * for the hundreds of values it is used with).
	 * @param values the values
	 * @param percentile the percentile, 0 to 100
	 * @return the interval's lower and upper bound, or two NaN for too few values to
	 * bound the percentile on both sides
	 */
	private static double[] percentileInterval(List<Double> values, double percentile) {
		int n = values.size();
		double p = percentile / 100.0;
		double spread = 1.96 * Math.sqrt(n * p * (1 - p));
		// 1-based ranks
		int lower = (int) Math.floor(n * p - spread);
		int upper = (int) Math.ceil(n * p + spread) + 1;
		if (lower < 1 || upper > n) {
			return new double[] { Double.NaN, Double.NaN };
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return new double[] { sorted[lower - 1], sorted[upper - 1] };
	}

	private static String range(double[] interval) {
		return Double.isNaN(interval[0]) ? "(too few adds for an interval)"
				: "(" + millis(interval[0]) + " to " + millis(interval[1]) + ")";
	}

	/** Latencies of the adds kept, in milliseconds. */
	private static final class Latencies {

		private final List<Double> session = new ArrayList<>();

		private final List<Double> raw = new ArrayList<>();

		String summary() {
			return millis(Measure.percentile(this.session, 50)) + " / " + millis(Measure.percentile(this.session, 99))
					+ " (" + millis(Measure.percentile(this.raw, 50)) + " / " + millis(Measure.percentile(this.raw, 99))
					+ ")";
		}

		String tableRow(int sessions) {
			return f("| %,d | %,d | %s | %s | %s | %s |%n", sessions, this.session.size(), cell(this.session, 50),
					cell(this.session, 99), cell(this.raw, 50), cell(this.raw, 99));
		}

		private static String cell(List<Double> values, double percentile) {
			return millis(Measure.percentile(values, percentile)) + " " + range(percentileInterval(values, percentile));
		}

	}

}
