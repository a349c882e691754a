package io.github.connectparticipant.emulator.junit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.EmulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link ConnectParticipantEmulatorExtension}: in a static field one emulator per class,
 * reset before each test; in an instance field a fresh emulator per test, stopped after
 * it; and {@link ConnectParticipantEmulator} parameters for constructors and test
 * methods. Each case runs a fixture class on the JUnit Platform launcher, so that what
 * happens after the fixture's tests (the emulators being stopped) can be checked too.
 * (The fixtures are nested classes, which Surefire does not run on their own.)
 */
class ConnectParticipantEmulatorExtensionTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The emulators the fixture tests saw, in order. */
	static final List<URI> SEEN = new CopyOnWriteArrayList<>();

	@BeforeEach
	void clear() {
		SEEN.clear();
	}

	@Test
	void staticFieldServesOneEmulatorPerClassResetBeforeEachTest() {
		run(PerClassFixture.class, 2);
		assertThat(SEEN).hasSize(2).containsOnly(SEEN.get(0));
		assertStopped(SEEN.get(0));
		assertThatIllegalStateException().as("no emulator once the class is done")
			.isThrownBy(PerClassFixture.extension::emulator);
	}

	@Test
	void instanceFieldServesAFreshEmulatorPerTestStoppedAfterIt() {
		run(PerTestFixture.class, 2);
		assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
		SEEN.forEach(ConnectParticipantEmulatorExtensionTests::assertStopped);
	}

	private static void run(Class<?> fixture, int tests) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(fixture))
			.build();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		LauncherFactory.create().execute(request, listener);
		TestExecutionSummary summary = listener.getSummary();
		StringWriter failures = new StringWriter();
		summary.printFailuresTo(new PrintWriter(failures), 20);
		assertThat(summary.getTotalFailureCount()).as(failures.toString()).isZero();
		assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
	}

	private static void assertStopped(URI uri) {
		assertThatExceptionOfType(ConnectException.class).as(uri + " no longer listens").isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
			}
		});
	}

	static HttpResponse<String> get(ConnectParticipantEmulator emulator, String path) throws Exception {
		return HTTP.send(
				HttpRequest.newBuilder(URI.create(emulator.baseUri() + path)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class PerClassFixture {

		@RegisterExtension
		static ConnectParticipantEmulatorExtension extension = new ConnectParticipantEmulatorExtension(
				EmulatorSettings.builder().maxAttachmentsPerContact(7).build());

		static String contactId;

		private final ConnectParticipantEmulator fromConstructor;

		PerClassFixture(ConnectParticipantEmulator emulator) {
			this.fromConstructor = emulator;
		}

		@Test
		@Order(1)
		void aTestChangesState(ConnectParticipantEmulator emulator) throws Exception {
			assertThat(emulator).isSameAs(extension.emulator()).isSameAs(this.fromConstructor);
			assertThat(extension.baseUri()).isEqualTo(emulator.baseUri());
			assertThat(emulator.baseUri().getHost()).isEqualTo("127.0.0.1");
			SEEN.add(emulator.baseUri());

			contactId = emulator.startChat("Ada").contactId();
			emulator.addMessage(contactId, "AGENT", "Agent", "hello");
			assertThat(get(emulator, "/_emulator/contacts/" + contactId).statusCode()).isEqualTo(200);
			emulator
				.updateSettings((settings) -> settings.maxAttachmentsPerContact(1).scanDelay(Duration.ofMinutes(1)));
			emulator.setFaults(1, List.of(FaultRule.always("SendMessage", "THROTTLE")));
			emulator.setThrottle("GetTranscript", 1, 1);
			emulator.advanceClock(Duration.ofHours(1));
			assertThat(get(emulator, "/_emulator/faults").body()).contains("THROTTLE");
		}

		@Test
		@Order(2)
		void theNextTestFindsTheSameEmulatorReset(ConnectParticipantEmulator emulator) throws Exception {
			SEEN.add(emulator.baseUri());
			assertThat(emulator).isSameAs(this.fromConstructor);
			assertThat(get(emulator, "/_emulator/contacts/" + contactId).statusCode()).as("the contact is gone")
				.isEqualTo(404);
			assertThat(get(emulator, "/_emulator/contacts").body()).isEqualTo("[]");
			assertThat(emulator.settings().maxAttachmentsPerContact()).as("back to the extension's settings")
				.isEqualTo(7);
			assertThat(emulator.settings().scanDelay()).isZero();
			assertThat(get(emulator, "/_emulator/faults").body()).isEqualTo("{\"rules\":[]}");
			assertThat(get(emulator, "/_emulator/throttling").body()).isEqualTo("{\"rules\":[]}");
			assertThat(get(emulator, "/_emulator/clock").body()).contains("\"offsetMillis\":0");
			assertThat(emulator.requestCount("GetTranscript")).isZero();
		}

	}

	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class PerTestFixture {

		@RegisterExtension
		final ConnectParticipantEmulatorExtension extension = new ConnectParticipantEmulatorExtension();

		@Test
		@Order(1)
		void aTestGetsItsOwnEmulator(ConnectParticipantEmulator emulator) throws Exception {
			assertThat(emulator).isSameAs(this.extension.emulator());
			SEEN.add(emulator.baseUri());
			emulator.startChat("Ada");
			assertThat(get(emulator, "/_emulator/contacts").body()).isNotEqualTo("[]");
		}

		@Test
		@Order(2)
		void theNextTestGetsAFreshOneAndThePreviousIsStopped(ConnectParticipantEmulator emulator) throws Exception {
			URI previous = SEEN.get(SEEN.size() - 1);
			assertThat(emulator.baseUri()).isNotEqualTo(previous);
			SEEN.add(emulator.baseUri());
			assertThat(get(emulator, "/_emulator/contacts").body()).as("nothing of the previous test").isEqualTo("[]");
			assertStopped(previous);
		}

	}

}
