package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The standalone emulator ({@link EmulatorMain}) in a child JVM, as {@code java -jar}
 * runs it: the ready line, the service on the printed URL, a clean stop on SIGTERM and
 * the exit code and usage for bad arguments.
 */
class StandaloneEmulatorTests {

	private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final List<ChildJvm> children = new ArrayList<>();

	@AfterEach
	void killLeftovers() throws InterruptedException {
		for (ChildJvm child : this.children) {
			if (child.process().isAlive()) {
				child.process().destroyForcibly();
				child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void startsOnAFreePortServesTheSdkAndStopsCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
		ChildJvm child = start(tmp, "--port", "0");
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

			// an uploaded object lives in a temporary directory (under the child's
			// java.io.tmpdir) ...
			byte[] content = "standalone".getBytes(StandardCharsets.UTF_8);
			Uploads.Upload upload = Uploads.start(participant, chat, "a.txt", "text/plain", content, "u1");
			assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
			assertThat(storageDirectories(tmp)).singleElement()
				.satisfies((dir) -> assertThat(filesIn(dir)).isNotEmpty());
		}

		// SIGTERM. Process.destroy() would send the same signal but also close our ends
		// of the child's
		// stdout and stderr at once, losing what the child prints while it stops; the
		// handle does not.
		assertThat(child.process().toHandle().destroy()).isTrue();
		assertThat(child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.as("exits within " + STOP_TIMEOUT + " of SIGTERM")
			.isTrue();
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
			ChildJvm child = start(tmp, args);
			assertThat(child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(child.process().exitValue()).as(String.join(" ", args)).isEqualTo(2);
			child.drain();
			assertThat(child.stderr()).as(String.join(" ", args)).contains("Usage:").contains("--port");
			assertThat(child.stdoutLines()).noneMatch((line) -> line.contains("listening on"));
		}
		ChildJvm abc = this.children.get(0);
		assertThat(abc.stderr()).contains("abc");

		ChildJvm help = start(tmp, "--help");
		assertThat(help.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(help.process().exitValue()).isZero();
		help.drain();
		assertThat(String.join("\n", help.stdoutLines())).contains("Usage:");
	}

	@Test
	void aPortInUseFailsFastWithAClearMessage(@TempDir Path tmp) throws Exception {
		try (ConnectParticipantEmulator occupying = ConnectParticipantEmulator.start()) {
			ChildJvm child = start(tmp, "--port", Integer.toString(occupying.port()));
			assertThat(child.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(child.process().exitValue()).isNotZero();
			child.drain();
			assertThat(child.stderr()).contains("127.0.0.1:" + occupying.port());
			assertThat(child.stdoutLines()).noneMatch((line) -> line.contains("listening on"));
		}
	}

	// ---------------------------------------------------------------- helpers

	private ChildJvm start(Path tmp, String... args) throws IOException {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
				"-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
		command.addAll(List.of(args));
		ChildJvm child = ChildJvm.start(new ProcessBuilder(command));
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

}
