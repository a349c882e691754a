package io.github.connectparticipant.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.Item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The standalone emulator ({@link EmulatorMain}) in a child JVM, as {@code java -jar} runs
 * it: the ready line, the service on the printed URL, a clean stop on SIGTERM and the exit
 * code and usage for bad arguments.
 */
class StandaloneEmulatorTests {

	private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final List<Child> children = new ArrayList<>();

	@AfterEach
	void killLeftovers() throws InterruptedException {
		for (Child child : this.children) {
			if (child.process().isAlive()) {
				child.process().destroyForcibly();
				child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void startsOnAFreePortServesTheSdkAndStopsCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
		Child child = start(tmp, "--port", "0");
		String ready = child.awaitLine(LISTENING, START_TIMEOUT);
		Matcher matcher = LISTENING.matcher(ready);
		assertThat(matcher.find()).isTrue();
		URI endpoint = URI.create(matcher.group(1));
		assertThat(Integer.parseInt(matcher.group(2))).isPositive();

		try (ConnectClient connect = Clients.connect(endpoint);
				ConnectParticipantClient participant = Clients.participant(endpoint)) {
			Clients.Chat chat = Clients.chat(connect, participant, "Ada");
			participant.sendMessage((r) -> r.connectionToken(chat.connectionToken())
				.contentType("text/plain")
				.content("hello from the SDK"));
			List<Item> transcript = participant.getTranscript((r) -> r.connectionToken(chat.connectionToken()))
				.transcript();
			assertThat(transcript).extracting(Item::content).contains("hello from the SDK");

			// an uploaded object lives in a temporary directory (under the child's java.io.tmpdir) ...
			byte[] content = "standalone".getBytes(StandardCharsets.UTF_8);
			Uploads.Upload upload = Uploads.start(participant, chat, "a.txt", "text/plain", content, "u1");
			assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
			assertThat(storageDirectories(tmp)).singleElement()
				.satisfies((dir) -> assertThat(filesIn(dir)).isNotEmpty());
		}

		// SIGTERM. Process.destroy() would send the same signal but also close our ends of the child's
		// stdout and stderr at once, losing what the child prints while it stops; the handle does not.
		assertThat(child.process().toHandle().destroy()).isTrue();
		assertThat(child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.as("exits within " + STOP_TIMEOUT + " of SIGTERM").isTrue();
		child.awaitLine(Pattern.compile("stopped"), STOP_TIMEOUT);
		assertThat(child.process().exitValue()).as("the exit status of a SIGTERM'd JVM").isEqualTo(143);
		// ... removed on stop
		assertThat(storageDirectories(tmp)).isEmpty();
		assertThat(child.stderr()).doesNotContain("Exception");
	}

	@Test
	void badArgumentsExitWithCode2AndTheUsage(@TempDir Path tmp) throws Exception {
		for (String[] args : List.of(new String[] { "--port", "abc" }, new String[] { "--port" },
				new String[] { "--port", "70000" }, new String[] { "--bogus" })) {
			Child child = start(tmp, args);
			assertThat(child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(child.process().exitValue()).as(String.join(" ", args)).isEqualTo(2);
			child.drain();
			assertThat(child.stderr()).as(String.join(" ", args)).contains("Usage:").contains("--port");
			assertThat(child.stdoutLines()).noneMatch((line) -> line.contains("listening on"));
		}
		Child abc = this.children.get(0);
		assertThat(abc.stderr()).contains("abc");

		Child help = start(tmp, "--help");
		assertThat(help.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(help.process().exitValue()).isZero();
		help.drain();
		assertThat(String.join("\n", help.stdoutLines())).contains("Usage:");
	}

	@Test
	void aPortInUseFailsFastWithAClearMessage(@TempDir Path tmp) throws Exception {
		try (ConnectParticipantEmulator occupying = ConnectParticipantEmulator.start()) {
			Child child = start(tmp, "--port", Integer.toString(occupying.port()));
			assertThat(child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(child.process().exitValue()).isNotZero();
			child.drain();
			assertThat(child.stderr()).contains("127.0.0.1:" + occupying.port());
			assertThat(child.stdoutLines()).noneMatch((line) -> line.contains("listening on"));
		}
	}

	// ---------------------------------------------------------------- helpers

	private Child start(Path tmp, String... args) throws IOException {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
				"-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).start();
		Child child = new Child(process, new LinkedBlockingQueue<>(), new StringBuffer(), new ArrayList<>());
		child.pump();
		this.children.add(child);
		return child;
	}

	private static List<Path> storageDirectories(Path tmp) throws IOException {
		try (Stream<Path> files = Files.list(tmp)) {
			return files.filter((p) -> p.getFileName().toString().startsWith("connect-participant-emulator-")).toList();
		}
	}

	private static List<Path> filesIn(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.toList();
		}
	}

	/** A child JVM whose output is read by two daemon threads. */
	private record Child(Process process, BlockingQueue<String> stdout, StringBuffer stderrText, List<Thread> readers) {

		private static final String EOF = "\u0000EOF";

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

}
