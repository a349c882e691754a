package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ServiceQuotaExceededException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code -standalone} jar, copied alone into an empty folder and started
 * with {@code java -jar} and its settings in environment variables, as a CI service or a
 * container runs it. Run by Failsafe after {@code package}, which builds the jar.
 */
class StandaloneJarIntegrationTests {

	private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private ChildJvm child;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.child != null && this.child.process().isAlive()) {
			this.child.process().destroyForcibly();
			this.child.process().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void runsCopiedAloneWithItsSettingsFromTheEnvironment(@TempDir Path folder) throws Exception {
		Path built = Path.of(System.getProperty("standalone.jar", "missing: run by Failsafe after package"));
		Path jar = Files.copy(built, folder.resolve("emulator.jar"));
		try (JarFile file = new JarFile(jar.toFile())) {
			assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
				.isEqualTo(EmulatorMain.class.getName());
			assertThat(file.getEntry("tools/jackson/databind/ObjectMapper.class")).as("Jackson inside").isNotNull();
			assertThat(file.stream().map(ZipEntry::getName)).as("no JUnit")
				.noneMatch((name) -> name.startsWith("org/junit/"));
		}
		Path tmp = Files.createDirectory(folder.resolve("tmp"));
		ProcessBuilder builder = new ProcessBuilder(
				Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
				"-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-jar", "emulator.jar")
			.directory(folder.toFile());
		Map<String, String> environment = builder.environment();
		environment.remove("CLASSPATH");
		environment.keySet().removeIf((name) -> name.startsWith(EmulatorOptions.ENVIRONMENT_PREFIX));
		environment.put("CONNECT_PARTICIPANT_EMULATOR_PORT", "0");
		environment.put("CONNECT_PARTICIPANT_EMULATOR_CONNECTION_TOKEN_EXPIRY", "10m");
		environment.put("CONNECT_PARTICIPANT_EMULATOR_UPLOAD_URL_EXPIRY", "45s");
		environment.put("CONNECT_PARTICIPANT_EMULATOR_MAX_ATTACHMENTS_PER_CONTACT", "1");
		this.child = ChildJvm.start(builder);

		Matcher ready = LISTENING.matcher(this.child.awaitLine(LISTENING, TIMEOUT));
		assertThat(ready.find()).isTrue();
		URI endpoint = URI.create(ready.group(1));

		HttpResponse<String> config = EmulatorHttp
			.send(HttpRequest.newBuilder(endpoint.resolve("/_emulator/config")).GET().build());
		JsonNode settings = JsonMapper.builder().build().readTree(config.body());
		assertThat(settings.get("connectionTokenExpirySeconds").asLong()).isEqualTo(600);
		assertThat(settings.get("uploadUrlExpirySeconds").asLong()).isEqualTo(45);

		try (ConnectClient connect = Clients.connect(endpoint);
				ConnectParticipantClient participant = Clients.participant(endpoint)) {
			Clients.Chat chat = Clients.chat(connect, participant, "Ada");
			byte[] content = "from a jar on its own".getBytes(StandardCharsets.UTF_8);
			Uploads.uploadAndComplete(participant, chat, "a.txt", "text/plain", content, "u1", "c1");
			Clients.thrownBy(ServiceQuotaExceededException.class,
					() -> Uploads.start(participant, chat, "b.txt", "text/plain", content, "u2"));
		}

		assertThat(this.child.process().toHandle().destroy()).isTrue();
		assertThat(this.child.process().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.child.process().exitValue()).isEqualTo(143);
		try (Stream<Path> left = Files.list(folder)) {
			assertThat(left.map((path) -> path.getFileName().toString()).toList())
				.as("nothing unpacked or written beside the jar")
				.containsExactlyInAnyOrder("emulator.jar", "tmp");
		}
		assertThat(this.child.stderr()).doesNotContain("Exception");
		assertThat(List.of(tmp.toFile().list())).as("stored objects removed on stop").isEmpty();
	}

}
