package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.EmulatorMain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator in a JVM of its own: its standalone main class on this JVM's class path,
 * bound to a free loopback port, so that this JVM's heap and threads hold the clients'
 * side of every connection only. Chats are started with Connect's StartChatContact on its
 * HTTP API and messages added through its control API. Closing it stops that JVM
 * (SIGTERM, which its shutdown hook answers by stopping the emulator; killed when it has
 * not ended within 10 s); a shutdown hook of this JVM does the same when this JVM exits
 * first.
 */
final class ForkedEmulator implements ChatControl, AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** Connect's operations need a SigV4 header; the emulator does not check it. */
	private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=benchmark/20260101/us-east-1/connect/"
			+ "aws4_request, SignedHeaders=host, Signature=0";

	/** Warnings and errors only, as the in-process benchmarks' Boot context logs. */
	private static final String LOGGING = "io/github/connectparticipant/benchmarks/forked-emulator-logback.xml";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Thread stopOnExit;

	private final Path output;

	private final HttpClient http;

	private final URI baseUri;

	private ForkedEmulator(Process process, Thread stopOnExit, Path output, HttpClient http, URI baseUri) {
		this.process = process;
		this.stopOnExit = stopOnExit;
		this.output = output;
		this.http = http;
		this.baseUri = baseUri;
	}

	/**
	 * Start an emulator in a new JVM and wait until it listens.
	 * @param http the client of the HTTP calls to it
	 * @param options the emulator's options beside host and port, e.g.
	 * {@code --subscribe-timeout 0s}
	 * @return the running emulator
	 * @throws IllegalStateException with the emulator's output when it exits or does not
	 * listen within 60 s
	 */
	static ForkedEmulator start(HttpClient http, String... options) throws IOException, InterruptedException {
		Path output = Files.createTempFile("connect-participant-emulator-", ".log");
		List<String> command = new ArrayList<>(List.of(ForkedJvm.java(), "-Xmx512m",
				"-Dlogback.configurationFile=" + LOGGING, "-cp", System.getProperty("java.class.path"),
				EmulatorMain.class.getName(), "--host", "127.0.0.1", "--port", "0"));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		Thread stopOnExit = new Thread(() -> stop(process, output), "forked-emulator-stop");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		try {
			return new ForkedEmulator(process, stopOnExit, output, http, awaitListening(process, output));
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			stop(process, stopOnExit, output);
			throw ex;
		}
	}

	private static URI awaitListening(Process process, Path output) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (true) {
			String printed = read(output);
			Matcher listening = LISTENING.matcher(printed);
			if (listening.find()) {
				return URI.create(listening.group(1));
			}
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"The forked emulator exited with " + process.exitValue() + " before it listened: " + printed);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"The forked emulator did not listen within " + START_TIMEOUT.toSeconds() + " s: " + printed);
			}
			// the condition polled is the ready line in its output; the wait ends early
			// when the JVM exits
			process.waitFor(20, TimeUnit.MILLISECONDS);
		}
	}

	private static String read(Path output) throws IOException {
		// a line may be half written: its bytes are decoded leniently
		return new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
	}

	/** The endpoint of the participant API, Connect's API and the control API. */
	URI baseUri() {
		return this.baseUri;
	}

	/** The emulator JVM's process. */
	ProcessHandle process() {
		return this.process.toHandle();
	}

	@Override
	public StartedChat startChat(String displayName) throws IOException, InterruptedException {
		JsonNode started = send("PUT", "/contact/chat", Map.of("InstanceId", "emulator-instance", "ContactFlowId",
				"emulator-flow", "ParticipantDetails", Map.of("DisplayName", displayName)));
		return new StartedChat(started.get("ContactId").asString(), started.get("ParticipantId").asString(),
				started.get("ParticipantToken").asString());
	}

	@Override
	public void addMessage(String contactId, String role, String displayName, String content)
			throws IOException, InterruptedException {
		send("POST", "/_emulator/contacts/" + contactId + "/messages",
				Map.of("role", role, "displayName", displayName, "content", content));
	}

	/**
	 * Clear every chat, fault and counter; the settings go back to those it started with.
	 */
	void reset() throws IOException, InterruptedException {
		send("POST", "/_emulator/reset", Map.of());
	}

	private JsonNode send(String method, String path, Map<String, Object> body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.baseUri.resolve(path))
			.version(HttpClient.Version.HTTP_1_1)
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Authorization", AUTHORIZATION)
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			// an error's body holds a message, never a token
			throw new IllegalStateException(
					method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	@Override
	public void close() {
		stop(this.process, this.stopOnExit, this.output);
	}

	private static void stop(Process process, Thread stopOnExit, Path output) {
		try {
			Runtime.getRuntime().removeShutdownHook(stopOnExit);
		}
		catch (IllegalStateException ex) {
			// this JVM is exiting: the hook stops the emulator too, and stopping twice is
			// harmless
		}
		stop(process, output);
	}

	private static void stop(Process process, Path output) {
		process.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try {
			Files.deleteIfExists(output);
		}
		catch (IOException ex) {
			// a temporary file, which the system cleans up in the end
		}
	}

}
