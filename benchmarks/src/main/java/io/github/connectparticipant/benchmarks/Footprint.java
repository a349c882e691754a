package io.github.connectparticipant.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * What a JVM holds: the heap retained after full collections, by class, and its live
 * threads.
 */
final class Footprint {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private Footprint() {
	}

	/**
	 * The heap in use after full garbage collections: what is retained.
	 * @return bytes of heap in use
	 */
	static long usedHeapAfterGc() {
		for (int i = 0; i < 2; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * The bytes of heap each class's live objects take, from the JVM's class histogram
	 * (which runs a full collection first).
	 * @return bytes by class name
	 */
	static Map<String, Long> liveBytesByClass() {
		try {
			String histogram = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
						"gcClassHistogram", new Object[] { null }, new String[] { String[].class.getName() });
			Map<String, Long> bytes = new HashMap<>();
			for (String line : histogram.lines().toList()) {
				// " 1: instances bytes class name (module)"
				String[] fields = line.trim().split("\\s+");
				if (fields.length >= 4 && fields[0].endsWith(":")) {
					bytes.merge(fields[3], Long.parseLong(fields[2]), Long::sum);
				}
			}
			return bytes;
		}
		catch (Exception ex) {
			throw new IllegalStateException("no class histogram from this JVM", ex);
		}
	}

	/**
	 * The JVM's live threads by name, digits dropped, so that a pool's threads count
	 * under one name.
	 * @return how many live threads have each name
	 */
	static Map<String, Integer> liveThreadsByName() {
		Map<String, Integer> names = new java.util.TreeMap<>();
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (info != null) {
				names.merge(info.getThreadName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
			}
		}
		return names;
	}

}
