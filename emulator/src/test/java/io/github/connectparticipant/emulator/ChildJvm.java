package io.github.connectparticipant.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/** A child JVM whose output is read by two daemon threads. */
record ChildJvm(Process process, BlockingQueue<String> stdout, StringBuffer stderrText, List<Thread> readers) {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final String EOF = "\u0000EOF";

	static ChildJvm start(ProcessBuilder builder) throws IOException {
		ChildJvm child = new ChildJvm(builder.start(), new LinkedBlockingQueue<>(), new StringBuffer(),
				new ArrayList<>());
		child.pump();
		return child;
	}

	void pump() {
		Thread out = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					this.stdout.add(line);
				}
			}
			catch (IOException ex) {
				// the process went away
			}
			this.stdout.add(EOF);
		}, "child-stdout");
		Thread err = new Thread(() -> copy(this.process.getErrorStream(), this.stderrText), "child-stderr");
		for (Thread thread : List.of(out, err)) {
			thread.setDaemon(true);
			thread.start();
			this.readers.add(thread);
		}
	}

	private static void copy(InputStream in, StringBuffer into) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				into.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			// the process went away
		}
	}

	/** Waits for a stdout line matching the pattern; lines before it are consumed. */
	String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> seen = new ArrayList<>();
		while (true) {
			String line = this.stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (line == null || EOF.equals(line)) {
				return fail("no line matching " + pattern + " within " + timeout + "; stdout: " + seen + "; stderr: "
						+ this.stderrText);
			}
			seen.add(line);
			if (pattern.matcher(line).find()) {
				return line;
			}
		}
	}

	/** Waits for both output streams to end (the process has exited). */
	void drain() throws InterruptedException {
		for (Thread reader : this.readers) {
			reader.join(STOP_TIMEOUT.toMillis());
		}
	}

	List<String> stdoutLines() {
		return this.stdout.stream().filter((line) -> !EOF.equals(line)).toList();
	}

	String stderr() {
		return this.stderrText.toString();
	}

}
