package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.github.connectparticipant.benchmarks.starter.StarterHarness;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.EmulatorSettings;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;

/**
 * What every benchmark runs on: the emulator (in this JVM), the starter's beans from a
 * Boot context pointed at it, and the hand-written baseline, the raw SDK client as its
 * builder makes it (anonymous credentials, its default retries) with
 * {@code java.net.http.HttpClient} for the pre-signed URLs.
 */
final class Harness implements AutoCloseable {

	static final String PDF = "application/pdf";

	private final ConnectParticipantEmulator emulator;

	private final Path files;

	private final RequestCounter rawCounter = new RequestCounter();

	private final ConnectParticipantClient raw;

	private final HttpClient http;

	private final Starter starter;

	/**
	 * Idle keep-alive connections the emulator's HTTP server keeps. The JDK's default
	 * (200) is below what the 64-thread benchmark opens (four clients with a pool each):
	 * beyond it the JDK server closes connections silently after answering, and clients
	 * then send their next request on a dead connection
	 * ({@code NoHttpResponseException}), on every attempt when the whole pool is dead.
	 * Read once, when the first JDK HTTP server starts.
	 */
	static final String MAX_IDLE_CONNECTIONS = "1024";

	/**
	 * Quotas far above what any benchmark sends, for the starter of every benchmark but
	 * the quota benchmark: the emulator applies no quota there, nor does the raw SDK
	 * baseline, so the starter is paced at quotas it never waits for, and only what
	 * pacing costs per call is in its figures.
	 */
	static final Map<String, String> NEVER_WAITING_QUOTAS = neverWaitingQuotas();

	private static Map<String, String> neverWaitingQuotas() {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String operation : io.github.connectparticipant.RequestQuota.connectQuotasByName().keySet()) {
			properties.put("connect.participant.pacing.quotas." + operation + ".rate", "1000000");
			properties.put("connect.participant.pacing.quotas." + operation + ".burst", "1000000");
		}
		return Map.copyOf(properties);
	}

	Harness() {
		if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
			System.setProperty("sun.net.httpserver.maxIdleConnections", MAX_IDLE_CONNECTIONS);
		}
		// The benchmarks' chats outlive Connect's five-minute subscribe rule with nobody
		// subscribed; the rule would end them in the middle of a measurement.
		this.emulator = ConnectParticipantEmulator.start(
				EmulatorSettings.builder().maxAttachmentsPerContact(1_000_000).subscribeTimeout(Duration.ZERO).build());
		try {
			this.files = Files.createTempDirectory("connect-participant-bench-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.raw = rawClient(this.emulator.baseUri(), this.rawCounter);
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		this.starter = starter(NEVER_WAITING_QUOTAS);
	}

	/**
	 * The raw SDK client as a user builds it by hand.
	 */
	static ConnectParticipantClient rawClient(URI endpoint, RequestCounter counter) {
		return ConnectParticipantClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClientBuilder(Apache5HttpClient.builder())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(counter))
			.build();
	}

	/**
	 * A Boot context with the starter pointed at the emulator, with extra properties.
	 */
	Starter starter(Map<String, String> extraProperties) {
		return starter(this.emulator.baseUri(), extraProperties);
	}

	/**
	 * A Boot context with the starter pointed at an endpoint, with extra properties.
	 */
	static Starter starter(URI endpoint, Map<String, String> extraProperties) {
		RequestCounter counter = new RequestCounter();
		return new Starter(StarterHarness.start(endpoint, extraProperties, counter), counter);
	}

	ConnectParticipantEmulator emulator() {
		return this.emulator;
	}

	ConnectParticipantClient raw() {
		return this.raw;
	}

	RequestCounter rawCounter() {
		return this.rawCounter;
	}

	HttpClient http() {
		return this.http;
	}

	Starter starter() {
		return this.starter;
	}

	/**
	 * Start a chat and connect its customer.
	 */
	Chat newChat() {
		StartedChat chat = this.emulator.startChat("Bench");
		String token = this.raw
			.createParticipantConnection((request) -> request.participantToken(chat.participantToken())
				.type(ConnectionType.CONNECTION_CREDENTIALS))
			.connectionCredentials()
			.connectionToken();
		return new Chat(chat.contactId(), token, ParticipantConnection.ofConnectionToken(token));
	}

	/**
	 * Start a chat, connect its customer and add agent messages to it.
	 */
	Chat newChat(int agentMessages) {
		Chat chat = newChat();
		for (int i = 0; i < agentMessages; i++) {
			this.emulator.addMessage(chat.contactId(), "AGENT", "Agent", "message " + i + " of the chat");
		}
		return chat;
	}

	/**
	 * A file of random bytes (made once per size).
	 */
	Path file(long size, String extension) {
		Path file = this.files.resolve("bench-" + size + "." + extension);
		if (!Files.exists(file)) {
			byte[] bytes = new byte[(int) Math.min(size, 1 << 20)];
			new Random(size).nextBytes(bytes);
			try (OutputStream out = Files.newOutputStream(file)) {
				for (long written = 0; written < size; written += bytes.length) {
					out.write(bytes, 0, (int) Math.min(bytes.length, size - written));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return file;
	}

	// The hand-written baseline

	/**
	 * StartAttachmentUpload with the raw SDK (its own ClientToken).
	 */
	StartAttachmentUploadResponse rawStart(String token, Path file, String contentType) throws IOException {
		return rawStart(this.raw, token, file, contentType);
	}

	private static StartAttachmentUploadResponse rawStart(ConnectParticipantClient raw, String token, Path file,
			String contentType) throws IOException {
		long size = Files.size(file);
		return raw.startAttachmentUpload((request) -> request.connectionToken(token)
			.attachmentName(file.getFileName().toString())
			.contentType(contentType)
			.attachmentSizeInBytes(size));
	}

	/**
	 * The PUT to the pre-signed URL with the headers it was signed with, the file
	 * streamed.
	 */
	void put(StartAttachmentUploadResponse started, Path file) throws IOException, InterruptedException {
		put(this.http, started, file);
	}

	private static void put(HttpClient http, StartAttachmentUploadResponse started, Path file)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(started.uploadMetadata().url()))
			.PUT(HttpRequest.BodyPublishers.ofFile(file));
		started.uploadMetadata().headersToInclude().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
				request.header(name, value);
			}
		});
		HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("PUT answered " + response.statusCode());
		}
	}

	/**
	 * Start, PUT and complete with the raw SDK and HttpClient: the baseline of an upload.
	 * @return the attachment id
	 */
	String baselineUpload(String token, Path file, String contentType) throws IOException, InterruptedException {
		return baselineUpload(this.raw, this.http, token, file, contentType);
	}

	/**
	 * The baseline of an upload on the given clients.
	 * @return the attachment id
	 */
	static String baselineUpload(ConnectParticipantClient raw, HttpClient http, String token, Path file,
			String contentType) throws IOException, InterruptedException {
		StartAttachmentUploadResponse started = rawStart(raw, token, file, contentType);
		put(http, started, file);
		raw.completeAttachmentUpload((request) -> request.connectionToken(token).attachmentIds(started.attachmentId()));
		return started.attachmentId();
	}

	GetAttachmentResponse rawGetAttachment(String token, String attachmentId) {
		return this.raw.getAttachment((request) -> request.connectionToken(token).attachmentId(attachmentId));
	}

	/**
	 * The GET of a pre-signed download URL, the body streamed and dropped.
	 * @return the bytes read
	 */
	long get(GetAttachmentResponse attachment) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = this.http.send(
				HttpRequest.newBuilder(URI.create(attachment.url())).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET answered " + response.statusCode());
			}
			long read = body.transferTo(OutputStream.nullOutputStream());
			if (read != attachment.attachmentSizeInBytes()) {
				throw new IllegalStateException("GET delivered " + read + " of " + attachment.attachmentSizeInBytes());
			}
			return read;
		}
	}

	/**
	 * GetAttachment and the GET with the raw SDK and HttpClient: the baseline of a
	 * download.
	 */
	long baselineDownload(String token, String attachmentId) throws IOException, InterruptedException {
		return get(rawGetAttachment(token, attachmentId));
	}

	@Override
	public void close() {
		this.starter.close();
		this.raw.close();
		this.emulator.close();
		try (var paths = Files.list(this.files)) {
			for (Path path : paths.toList()) {
				Files.deleteIfExists(path);
			}
			Files.deleteIfExists(this.files);
		}
		catch (IOException ex) {
			// temporary files only
		}
	}

	/**
	 * A chat with its customer connected.
	 */
	record Chat(String contactId, String token, ParticipantConnection connection) {
	}

	/**
	 * The starter's beans, from one Boot context.
	 */
	record Starter(ConfigurableApplicationContext context, RequestCounter counter) implements AutoCloseable {

		/**
		 * The starter's bean of a type.
		 * @param <T> the bean's type
		 * @param type the type: {@code AttachmentService}, {@code ChatSessions}, ...
		 * @return the bean
		 */
		<T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
