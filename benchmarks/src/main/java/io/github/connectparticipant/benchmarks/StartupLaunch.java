package io.github.connectparticipant.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.benchmarks.app.MinimalApp;
import org.jspecify.annotations.Nullable;

/**
 * How one variant of the start-up benchmark is started: a command that starts a new JVM
 * with the application, and the application's arguments.
 *
 * @param command the command, up to the application's arguments
 * @param arguments the application's arguments
 */
record StartupLaunch(List<String> command, List<String> arguments) {

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");

	private static final String READY = "BENCHMARK-READY";

	/**
	 * Start the application on a free port, read its output until it is ready, and stop
	 * it.
	 * @return what the start measured
	 */
	Started start() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(this.command);
		command.add("--server.port=0");
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		long start = System.nanoTime();
		Process process = builder.start();
		Double uptime = null;
		double wall = 0;
		String check = null;
		StartupWork work = null;
		List<String> output = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			String line;
			while ((line = lines.readLine()) != null && System.nanoTime() < deadline) {
				output.add(line);
				Matcher matcher = STARTED.matcher(line);
				if (matcher.find() && uptime == null) {
					wall = (System.nanoTime() - start) / 1e6;
					uptime = Double.parseDouble(matcher.group(1)) * 1000;
					if (command.contains("-jar")) {
						break;
					}
				}
				if (line.startsWith(MinimalApp.WORK)) {
					work = StartupWork.parse(line);
				}
				if (line.startsWith(READY)) {
					check = line.substring(READY.length()).trim();
					break;
				}
			}
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		if (uptime == null) {
			throw new IllegalStateException("the application did not start: " + String.join("\n", output));
		}
		return new Started(uptime, wall, check, work);
	}

	/**
	 * What one start measured.
	 *
	 * @param uptimeMillis the JVM's uptime in Boot's {@code Started} line: the time to
	 * ready
	 * @param wallMillis the time from launching the process to that line
	 * @param check what the application said it started ({@link MinimalApp}), or null
	 * @param work the work it reported, or null
	 */
	record Started(double uptimeMillis, double wallMillis, @Nullable String check, @Nullable StartupWork work) {
	}

}
