package io.github.connectparticipant.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.connectparticipant.benchmarks.app.MinimalApp;

/**
 * The work one start took up to Boot's {@code Started} line, as {@link MinimalApp}
 * reports it: CPU time of all the JVM's threads (the JIT compilers' and the garbage
 * collector's included) and of the main thread, classes loaded, bytes the main thread
 * allocated. Unlike the time to ready, these hardly change when the machine gives the JVM
 * less of its cores; a figure the JVM does not report is NaN.
 *
 * @param cpuMillis CPU time of all threads
 * @param mainCpuMillis CPU time of the main thread
 * @param classes classes loaded
 * @param mainAllocatedBytes bytes the main thread allocated
 */
record StartupWork(double cpuMillis, double mainCpuMillis, double classes, double mainAllocatedBytes) {

	/** A start that printed no work line (the sample app's). */
	static final StartupWork NOT_REPORTED = new StartupWork(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

	static StartupWork parse(String line) {
		if (!line.startsWith(MinimalApp.WORK)) {
			throw new IllegalArgumentException("not a work line: " + line);
		}
		Map<String, Double> values = new LinkedHashMap<>();
		for (String field : line.substring(MinimalApp.WORK.length()).trim().split("\\s+")) {
			int equals = field.indexOf('=');
			if (equals > 0) {
				double value = Double.parseDouble(field.substring(equals + 1));
				values.put(field.substring(0, equals), (value < 0) ? Double.NaN : value);
			}
		}
		for (String key : List.of("cpuNanos", "mainCpuNanos", "classes", "mainAllocated")) {
			if (!values.containsKey(key)) {
				throw new IllegalArgumentException("no " + key + " in the work line: " + line);
			}
		}
		return new StartupWork(values.get("cpuNanos") / 1e6, values.get("mainCpuNanos") / 1e6, values.get("classes"),
				values.get("mainAllocated"));
	}

	/**
	 * Whether every start reported all of its work, so that the works line up with the
	 * rounds.
	 */
	static boolean complete(List<StartupWork> works) {
		return !works.isEmpty() && works.stream()
			.allMatch((work) -> Double.isFinite(work.cpuMillis()) && Double.isFinite(work.mainCpuMillis())
					&& Double.isFinite(work.classes()) && Double.isFinite(work.mainAllocatedBytes()));
	}

	/**
	 * CPU time of all threads over the time to ready: how many of the machine's cores the
	 * start kept busy on average.
	 */
	double coresUsed(double uptimeMillis) {
		return this.cpuMillis / uptimeMillis;
	}

}
