package io.github.connectparticipant.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.connectparticipant.sample.SampleApi.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The sample app started on the JVM from what Spring AOT generated at build time
 * ({@code spring-boot:process-aot}, bound before the tests), as a native image would run
 * it: {@code -Dspring.aot.enabled=true}, which fails the start when the generated
 * initializer is missing. The attachment round trip then runs over HTTP against the
 * embedded emulator.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AotStartIntegrationTests {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private Process process;

	private final List<String> log = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	@Test
	void startsFromTheAotGeneratedContextAndRunsTheAttachmentRoundTrip(@TempDir Path tmp) throws Exception {
		assertThat(SampleApplication.class.getResource("SampleApplication__ApplicationContextInitializer.class"))
			.as("process-aot ran before the tests")
			.isNotNull();
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-Djava.io.tmpdir=" + tmp, "-XX:TieredStopAtLevel=1", "-cp", classPath,
				SampleApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1");
		this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
		BlockingQueue<String> output = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> readLines(this.process, output, this.log), "sample-app-output");
		reader.setDaemon(true);
		reader.start();

		SampleApi api = new SampleApi(awaitPort(output));
		JsonNode chat = api.startChat("Ada");
		String attachments = chat.get("links").get("attachments").asString();
		byte[] content = "built ahead of time".getBytes(StandardCharsets.UTF_8);
		Response uploaded = api.upload(attachments + "?awaitScan=true", "aot.txt", "text/plain", content);
		assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
		assertThat(uploaded.json().get("status").asString()).isEqualTo("APPROVED");
		Response downloaded = api.get(uploaded.json().get("href").asString());
		assertThat(downloaded.status()).as(downloaded.text()).isEqualTo(200);
		assertThat(downloaded.body()).isEqualTo(content);
		assertThat(api.get("/actuator/health").status()).isEqualTo(200);
		assertThat(this.log).noneMatch((line) -> line.contains(" ERROR "));
	}

	private int awaitPort(BlockingQueue<String> output) throws InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		List<String> seen = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			String line = output.poll(1, TimeUnit.SECONDS);
			if (line != null) {
				seen.add(line);
				Matcher started = STARTED.matcher(line);
				if (started.find()) {
					return Integer.parseInt(started.group(1));
				}
			}
			else if (!this.process.isAlive()) {
				break;
			}
		}
		return fail("the application did not start; its output:\n" + String.join("\n", seen));
	}

	private static void readLines(Process process, BlockingQueue<String> into, List<String> log) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				log.add(line);
				into.add(line);
			}
		}
		catch (IOException ex) {
			// the process went away
		}
	}

}
