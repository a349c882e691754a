package io.github.connectparticipant.emulator;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator tunes the JDK's {@code HttpServer} it runs on: {@code TCP_NODELAY} on
 * (without it, the server's separate header and body writes meet the client's delayed
 * ACK, a stall of tens of milliseconds per request on loopback) and room for 1024 idle
 * kept-alive connections (past the JDK's 200, the server drops those of busy pooled
 * clients without notice), unless the application set either itself. The JDK's server
 * reads both from system properties once, when its first server is created, so each case
 * runs in a JVM of its own and reads back what the JDK's server took, once the emulator
 * answers. Neither loading the emulator's classes nor starting it leaves a system
 * property changed.
 */
class JdkServerSettingsIntegrationTests {

	@Test
	void noDelayAndRoomForIdleConnectionsByDefault() throws Exception {
		assertThat(serverSettingsOfAFreshJvm()).containsExactly("noDelay=true", "maxIdleConnections=1024");
	}

	@Test
	void neitherLoadingNorStartingTheEmulatorChangesSystemProperties() throws Exception {
		assertThat(freshJvm("properties ")).containsExactly("properties after loading: null null",
				"properties after starting: null null");
	}

	@Test
	void theApplicationsOwnSettingsAreKept() throws Exception {
		assertThat(serverSettingsOfAFreshJvm("-Dsun.net.httpserver.nodelay=false",
				"-Dsun.net.httpserver.maxIdleConnections=7"))
			.containsExactly("noDelay=false", "maxIdleConnections=7");
	}

	/**
	 * Start an emulator in a new JVM and return the settings its JDK server runs with.
	 */
	private static List<String> serverSettingsOfAFreshJvm(String... options) throws Exception {
		return freshJvm("", options).stream()
			.filter((line) -> line.startsWith("noDelay=") || line.startsWith("maxIdle"))
			.toList();
	}

	/**
	 * The lines printed by {@link ServerSettings} in a new JVM that start with a prefix.
	 */
	private static List<String> freshJvm(String prefix, String... options) throws Exception {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "--add-opens=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED"));
		command.addAll(List.of(options));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerSettings.class.getName()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			process.getInputStream().transferTo(output);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			String printed = output.toString(StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(printed).isZero();
			return printed.lines().filter((line) -> line.startsWith(prefix)).toList();
		}
		finally {
			process.destroyForcibly();
		}
	}

	/**
	 * Run in the new JVM: starts an emulator, makes one request to it, and prints what
	 * the JDK's server configuration holds.
	 */
	static final class ServerSettings {

		private ServerSettings() {
		}

		public static void main(String[] args) throws Exception {
			for (Class<?> type : List.of(EmulatorServer.class, JdkHttpServerTuning.class,
					ConnectParticipantEmulator.class)) {
				Class.forName(type.getName(), true, type.getClassLoader());
			}
			System.out.println("properties after loading: " + tuningProperties());
			try (ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start()) {
				System.out.println("properties after starting: " + tuningProperties());
				// the emulator's server answers: these are the settings it serves with
				HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(emulator.baseUri().resolve(URI.create("/"))).build(),
							HttpResponse.BodyHandlers.discarding());
				Class<?> config = Class.forName("sun.net.httpserver.ServerConfig");
				System.out.println("noDelay=" + invoke(config, "noDelay"));
				System.out.println("maxIdleConnections=" + invoke(config, "getMaxIdleConnections"));
			}
		}

		private static String tuningProperties() {
			return System.getProperty("sun.net.httpserver.nodelay") + " "
					+ System.getProperty("sun.net.httpserver.maxIdleConnections");
		}

		private static Object invoke(Class<?> type, String name) throws ReflectiveOperationException {
			Method method = type.getDeclaredMethod(name);
			method.setAccessible(true);
			return method.invoke(null);
		}

	}

}
