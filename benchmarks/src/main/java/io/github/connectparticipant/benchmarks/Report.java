package io.github.connectparticipant.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The results: one summary row per figure with its target and whether it was met, and a
 * detail section per benchmark.
 */
final class Report {

	/**
	 * Whether a figure meets its target.
	 */
	enum Verdict {

		MET("met"), MISSED("**missed**"), UNSETTLED("**not settled**: its interval contains the limit"),
		INFO("(no target)");

		private final String text;

		Verdict(String text) {
			this.text = text;
		}

		String text() {
			return this.text;
		}

	}

	private record Row(Benchmark benchmark, String figure, String value, String target, Verdict verdict) {
	}

	private final List<Row> rows = new ArrayList<>();

	private final List<String> sections = new ArrayList<>();

	private final String mode;

	private final Set<Benchmark> planned;

	private boolean finished;

	private final long started = System.nanoTime();

	private final @Nullable String cpuAtStart = cpuLine();

	private final @Nullable String loadAtStart = loadAverage();

	Report(String mode) {
		this(mode, Set.of());
	}

	/**
	 * Create the report of a run.
	 * @param mode "full" or "smoke"
	 * @param planned the benchmarks the run is to take, named as still to run in a table
	 * written before {@link #finished()} when they have no row yet
	 */
	Report(String mode, Set<Benchmark> planned) {
		this.mode = mode;
		this.planned = EnumSet.noneOf(Benchmark.class);
		this.planned.addAll(planned);
	}

	/**
	 * Mark the run as over: its table no longer says that it is being written.
	 */
	void finished() {
		this.finished = true;
	}

	void row(Benchmark benchmark, String figure, String value, String target, Verdict verdict) {
		this.rows.add(new Row(benchmark, figure, value, target, verdict));
		System.out.printf(Locale.ROOT, "  %-20s %-62s %-28s %-22s %s%n", benchmark, figure, value, target,
				verdict.text);
	}

	void section(Benchmark benchmark, String title, String markdown) {
		this.sections.add("### " + benchmark + ": " + title + "\n\n" + markdown.strip() + "\n");
	}

	static Verdict atMost(double value, double limit) {
		return (value <= limit) ? Verdict.MET : Verdict.MISSED;
	}

	/**
	 * The verdict of a target written {@code < limit}: a figure equal to the limit misses
	 * it.
	 */
	static Verdict below(double value, double limit) {
		return (value < limit) ? Verdict.MET : Verdict.MISSED;
	}

	/**
	 * The verdict of a target written {@code < limit} for a median known within a
	 * confidence interval: met only when the whole interval is below the limit, missed
	 * only when none of it is, and not settled when the interval contains the limit,
	 * since another run of the same length could then give either verdict. Without an
	 * interval (too few rounds), the median alone decides, as
	 * {@link #below(double, double)}.
	 */
	static Verdict below(double value, double[] interval, double limit) {
		if (Double.isNaN(interval[0]) || Double.isNaN(interval[1])) {
			return below(value, limit);
		}
		if (interval[1] < limit) {
			return Verdict.MET;
		}
		return (interval[0] >= limit) ? Verdict.MISSED : Verdict.UNSETTLED;
	}

	static Verdict atLeast(double value, double limit) {
		return (value >= limit) ? Verdict.MET : Verdict.MISSED;
	}

	static String f(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	static String ratio(double value) {
		return f("%.2f", value);
	}

	static String bytes(double value) {
		if (Math.abs(value) >= 1024 * 1024) {
			return f("%.1f MB", value / (1024 * 1024));
		}
		if (Math.abs(value) >= 1024) {
			return f("%.1f KB", value / 1024);
		}
		return f("%.0f B", value);
	}

	static String millis(double value) {
		return (value >= 100) ? f("%.0f ms", value) : (value >= 10) ? f("%.1f ms", value) : f("%.2f ms", value);
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		out.append("# Benchmark results\n\n");
		out.append("Written by `BenchmarkMain` (")
			.append(this.mode)
			.append(" run); rerun with\n")
			.append("`./mvnw -B -pl benchmarks -am verify -DskipTests -Pbench` (see README.md).\n\n");
		out.append("| | |\n| --- | --- |\n");
		out.append("| date | ")
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
			.append(" UTC |\n");
		out.append("| machine | ").append(machine()).append(" |\n");
		String flags = ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((argument) -> argument.startsWith("-X"))
			.reduce((a, b) -> a + " " + b)
			.orElse("default flags");
		out.append(f("| JDK | %s %s (%s), heap %d MB, %s |\n", System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
				Runtime.getRuntime().maxMemory() / (1024 * 1024), flags));
		out.append(f("| OS | %s %s %s |\n", System.getProperty("os.name"), System.getProperty("os.version"),
				System.getProperty("os.arch")));
		out.append("| run time | ").append(f("%.1f min", (System.nanoTime() - this.started) / 60e9)).append(" |\n");
		if (!this.finished) {
			Set<Benchmark> toRun = EnumSet.noneOf(Benchmark.class);
			toRun.addAll(this.planned);
			this.rows.forEach((row) -> toRun.remove(row.benchmark()));
			out.append("| complete | **no**: written while the run went on")
				.append(toRun.isEmpty() ? ""
						: "; not yet run: " + toRun.stream().map(Benchmark::toString).collect(Collectors.joining(", ")))
				.append(" |\n");
		}
		String cpuAtEnd = cpuLine();
		if (this.cpuAtStart != null && cpuAtEnd != null) {
			out.append("| CPU steal | ")
				.append(f("%.1f %%", stealShare(this.cpuAtStart, cpuAtEnd) * 100))
				.append(" of the machine's CPU time while this ran (time its host gave to other machines) |\n");
		}
		String loadAtEnd = loadAverage();
		if (this.loadAtStart != null && loadAtEnd != null) {
			out.append("| load average | ")
				.append(this.loadAtStart)
				.append(" at the start, ")
				.append(loadAtEnd)
				.append(" at the end (1, 5 and 15 minutes, `/proc/loadavg`) |\n");
		}
		out.append('\n');
		out.append("The machine is a virtual machine on shared hardware, whose speed changes over time, so absolute "
				+ "times are noisy; every comparison is a ratio of variants run side by side in the same JVM (the per-call and the paging "
				+ "benchmark in JVMs forked for each alone, see their sections), interleaved "
				+ "round by round (the order rotating), and the figure given is the median of the per-round "
				+ "ratios. The emulator runs in the same JVM on loopback (but for chat-idle-footprint, see its "
				+ "section), so every time here is dominated by CPU, "
				+ "not network; allocation is counted on the client's threads only (see README.md). The emulator's "
				+ "JDK HTTP server runs with `sun.net.httpserver.maxIdleConnections=" + Harness.MAX_IDLE_CONNECTIONS
				+ "`: with the JDK's default of 200, the connections the 64-thread benchmark leaves open make it "
				+ "drop later connections silently, and the clients' next requests fail on them.\n\n");
		out.append("## Summary\n\n");
		out.append("| benchmark | figure | result | target | |\n| --- | --- | --- | --- | --- |\n");
		for (Row row : this.rows) {
			out.append(f("| %s | %s | %s | %s | %s |\n", row.benchmark(), row.figure(), row.value(), row.target(),
					row.verdict().text));
		}
		out.append("\n## Details\n\n");
		for (String section : this.sections) {
			out.append(section).append('\n');
		}
		return out.toString();
	}

	/**
	 * The share of the CPU time between two readings of the {@code cpu} line of
	 * {@code /proc/stat} that the hypervisor took for other machines (steal), 0 when no
	 * time passed.
	 */
	static double stealShare(String before, String after) {
		long[] from = cpuTicks(before);
		long[] to = cpuTicks(after);
		long total = 0;
		for (int i = 0; i < 8; i++) {
			total += to[i] - from[i];
		}
		return (total <= 0) ? 0 : (double) (to[7] - from[7]) / total;
	}

	/**
	 * User, nice, system, idle, iowait, irq, softirq and steal ticks of a {@code cpu}
	 * line of {@code /proc/stat} (guest time is part of user time).
	 */
	private static long[] cpuTicks(String line) {
		String[] fields = line.trim().split("\\s+");
		if (fields.length < 9 || !fields[0].equals("cpu")) {
			throw new IllegalArgumentException("not the cpu line of /proc/stat: " + line);
		}
		long[] ticks = new long[8];
		for (int i = 0; i < 8; i++) {
			ticks[i] = Long.parseLong(fields[i + 1]);
		}
		return ticks;
	}

	/**
	 * The machine's {@code cpu} line of {@code /proc/stat}, or null where there is none.
	 */
	private static @Nullable String cpuLine() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
			return lines.stream().filter((line) -> line.startsWith("cpu ")).findFirst().orElse(null);
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * The machine's load averages over 1, 5 and 15 minutes, or null where there are none.
	 */
	private static @Nullable String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static String machine() {
		StringBuilder machine = new StringBuilder();
		machine.append(Runtime.getRuntime().availableProcessors()).append(" cores");
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					machine.append(" (").append(line.substring(line.indexOf(':') + 1).trim()).append(')');
					break;
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal")) {
					long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
					machine.append(", ").append(f("%.1f GB", kb / (1024.0 * 1024))).append(" memory");
					break;
				}
			}
		}
		catch (Exception ex) {
			// not Linux: cores only
		}
		return machine.toString();
	}

}
