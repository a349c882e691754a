package io.github.connectparticipant.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.connectparticipant.benchmarks.ChatPopulation.Idle;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import static io.github.connectparticipant.benchmarks.Report.bytes;
import static io.github.connectparticipant.benchmarks.Report.f;

/**
 * What idle chat sessions cost an application: heap per session and threads, at one and
 * at many sessions, against raw JDK WebSockets subscribed to the same chats (a bare
 * socket, the floor). The emulator runs in a JVM of its own ({@link ForkedEmulator}), so
 * that this JVM holds the clients' side of every connection only; no emulator runs in
 * this JVM meanwhile.
 */
final class ChatFootprintBenchmark {

	private static final double HEAP_LIMIT_BYTES = 64 * 1024;

	private ChatFootprintBenchmark() {
	}

	static void run(BenchmarkConfig config, Report report) throws Exception {
		int many = config.chatSessions();
		Idle atOne;
		Idle atMany;
		try (RawSocketClient client = RawSocketClient.start();
				ForkedEmulator emulator = ForkedEmulator.start(client.http(), "--subscribe-timeout", "0s");
				ConnectParticipantClient raw = Harness.rawClient(emulator.baseUri(), new RequestCounter());
				Harness.Starter starter = Harness.starter(emulator.baseUri(), Harness.NEVER_WAITING_QUOTAS)) {
			System.out.println("  emulator forked: process " + emulator.process().pid());
			atOne = idle(emulator, raw, starter, client, 1);
			atMany = idle(emulator, raw, starter, client, many);
		}
		report(report, many, atOne, atMany);
	}

	private static Idle idle(ForkedEmulator emulator, ConnectParticipantClient raw, Harness.Starter starter,
			RawSocketClient client, int size) throws Exception {
		try (ChatPopulation population = ChatPopulation.open(emulator, raw, starter, client.http(), size)) {
			return population.idle();
		}
		finally {
			emulator.reset();
		}
	}

	private static void report(Report report, int many, Idle atOne, Idle atMany) {
		double perSession = (double) atMany.sessionHeap() / many;
		double perRawSocket = (double) atMany.rawSocketHeap() / many;
		int threadsAtOne = total(atOne.threadsByName());
		int threadsAtMany = total(atMany.threadsByName());
		// a fixed pool reaches its size and stops: fewer new threads than 1 per 100
		// sessions
		int slack = (many - 1) / 100;
		report.row(Benchmark.CHAT_IDLE_FOOTPRINT, f("heap per idle session, %,d open", many),
				f("%s (a raw subscribed JDK WebSocket: %s)", bytes(perSession), bytes(perRawSocket)),
				"<= " + bytes(HEAP_LIMIT_BYTES), Report.atMost(perSession, HEAP_LIMIT_BYTES));
		report.row(Benchmark.CHAT_IDLE_FOOTPRINT, f("client threads at 1 / %,d sessions", many),
				f("%d / %d", threadsAtOne, threadsAtMany), f("independent (<= %d more)", slack),
				Report.atMost(threadsAtMany - threadsAtOne, slack));
		report.section(Benchmark.CHAT_IDLE_FOOTPRINT, "Idle chat sessions: heap and threads", f("The emulator runs "
				+ "in a JVM of its own, which the benchmark starts (the emulator's standalone main class on the "
				+ "benchmark's class path, on a free loopback port) and stops when it ends: the heap and threads "
				+ "read here are the clients' side only, no server end of any socket or connection among them. "
				+ "%,d chats are started with Connect's StartChatContact on the emulator's HTTP API and an agent's "
				+ "message is added to each through its control API; each chat gets a raw JDK WebSocket (its own "
				+ "CreateParticipantConnection with the raw SDK) subscribed to `aws/chat`. The heap in use is read "
				+ "after full collections before and after the raw sockets connect and subscribe: the difference "
				+ "divided by %,d is the heap per raw subscribed WebSocket, the floor (a session holds such a socket "
				+ "too). A participant connection and a session of the starter's `ChatSessions` are then opened on "
				+ "each chat, and once every session has delivered the chat's items so far (idle), the heap in use is read again after full "
				+ "collections: the difference divided by %,d is the heap per idle session, the figure the target "
				+ "is about; less the floor it is what a session holds beyond its socket. Threads are every live "
				+ "thread of this JVM (the Boot context's, the raw sockets' client on a fixed pool of 2, the JVM's "
				+ "own), counted once the sessions are idle, with 1 and with %,d sessions; the target allows fewer "
				+ "new threads than one per 100 sessions, for pools of fixed size that fill up.%n%n"
				+ "| | 1 session | %,d sessions |%n| --- | --- | --- |%n| threads of this JVM | %d | %d |%n"
				+ "| heap per idle session | | %s |%n| heap per raw subscribed JDK WebSocket | | %s |%n"
				+ "| heap per session beyond its raw socket | | %s |", many, many, many, many, many, threadsAtOne,
				threadsAtMany, bytes(perSession), bytes(perRawSocket), bytes(perSession - perRawSocket)));
		report.section(Benchmark.CHAT_IDLE_FOOTPRINT, "Heap by class", heapByClass(many, atMany.sessionClasses()));
		report.section(Benchmark.CHAT_IDLE_FOOTPRINT, "Threads by name",
				threadNames(many, atOne.threadsByName(), atMany.threadsBeforeSessions(), atMany.threadsByName()));
	}

	private static int total(Map<String, Integer> threadsByName) {
		return threadsByName.values().stream().mapToInt(Integer::intValue).sum();
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

	/**
	 * Bytes by who owns the classes: the library, the JDK's clients, others; the
	 * emulator, whose objects are in another JVM, has none here.
	 */
	private static Map<String, Long> owners(Map<String, Long> classes) {
		Map<String, Long> owners = new LinkedHashMap<>();
		classes.forEach((name, bytes) -> owners.merge(owner(name), bytes, Long::sum));
		return owners;
	}

	private static String owner(String className) {
		if (className.startsWith("io.github.connectparticipant.emulator.")
				|| className.startsWith("org.java_websocket.")) {
			return "the emulator (its classes and Java-WebSocket's)";
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
		StringBuilder table = new StringBuilder(f("What the %,d sessions retain, from this JVM's class histogram "
				+ "before and after they opened (bytes of live objects by class, per session). The emulator runs "
				+ "in its own JVM, so objects of its classes here would be a fault of the set-up. Arrays, strings, "
				+ "collections and buffers cannot be told apart by owner.%n%n| owner | per session |%n| --- | --- |%n",
				many));
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

}
