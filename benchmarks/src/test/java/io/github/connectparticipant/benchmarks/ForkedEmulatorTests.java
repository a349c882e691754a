package io.github.connectparticipant.benchmarks;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.Item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The emulator forked into a JVM of its own: it serves the participant API to the raw
 * SDK, starts chats and takes messages over HTTP, and its JVM is gone once it is closed
 * or once the JVM that forked it exits.
 */
class ForkedEmulatorTests {

	@Test
	@Timeout(120)
	void servesChatsStartedOverHttpAndItsJvmEndsOnClose() throws Exception {
		ProcessHandle process;
		try (ForkedEmulator emulator = ForkedEmulator.start(HttpClient.newHttpClient(), "--subscribe-timeout", "0s");
				ConnectParticipantClient raw = Harness.rawClient(emulator.baseUri(), new RequestCounter())) {
			process = emulator.process();
			assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());
			assertThat(process.isAlive()).isTrue();
			assertThat(emulator.baseUri().getHost()).isEqualTo("127.0.0.1");
			StartedChat chat = emulator.startChat("Ada");
			emulator.addMessage(chat.contactId(), "AGENT", "Sam", "Hello Ada");
			String token = raw
				.createParticipantConnection((request) -> request.participantToken(chat.participantToken())
					.type(ConnectionType.CONNECTION_CREDENTIALS))
				.connectionCredentials()
				.connectionToken();
			assertThat(raw.getTranscript((request) -> request.connectionToken(token)).transcript())
				.extracting(Item::content)
				.contains("Hello Ada");
			emulator.reset();
			assertThatExceptionOfType(AccessDeniedException.class)
				.isThrownBy(() -> raw.getTranscript((request) -> request.connectionToken(token)));
		}
		assertThat(process.isAlive()).isFalse();
	}

	@Test
	@Timeout(120)
	void aBenchmarkThatFailsStopsItsEmulatorAsItsJvmExits() throws Exception {
		Process benchmark = new ProcessBuilder(ForkedJvm.java(), "-cp", System.getProperty("java.class.path"),
				FailingBenchmark.class.getName())
			.redirectErrorStream(true)
			.start();
		String printed = new String(benchmark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(benchmark.waitFor()).as(printed).isEqualTo(1);
		Matcher forked = Pattern.compile("emulator process (\\d+)").matcher(printed);
		assertThat(forked.find()).as(printed).isTrue();
		Optional<ProcessHandle> emulator = ProcessHandle.of(Long.parseLong(forked.group(1)));
		assertThat(emulator.map(ProcessHandle::isAlive)).as("the emulator's JVM once the benchmark's exited")
			.isNotEqualTo(Optional.of(true));
	}

	@Test
	@Timeout(120)
	void anEmulatorThatCannotStartIsReportedWithWhatItPrinted() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ForkedEmulator.start(HttpClient.newHttpClient(), "--subscribe-timeout", "soon"))
			.withMessageContaining("exited with 2 before it listened")
			.withMessageContaining("connect-participant-emulator: --subscribe-timeout 'soon'");
	}

	/**
	 * A benchmark that fails with its emulator running, and leaves it to this JVM's exit
	 * to stop it.
	 */
	static final class FailingBenchmark {

		public static void main(String[] args) throws Exception {
			ForkedEmulator emulator = ForkedEmulator.start(HttpClient.newHttpClient());
			System.out.println("emulator process " + emulator.process().pid());
			throw new IllegalStateException("the benchmark fails");
		}

	}

}
