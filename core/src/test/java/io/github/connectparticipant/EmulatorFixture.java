package io.github.connectparticipant;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.EmulatorSettings;
import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;
import io.github.connectparticipant.transcript.TranscriptService;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.io.ByteArrayResource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

/**
 * What an integration test class runs against: an emulator, with a Participant Service
 * client ({@link TestClients#participant(URI)}) and an HTTP client for the pre-signed
 * URLs ({@link TestClients#http()}) pointed at it.
 * <p>
 * Registered in a {@code static} field, it starts the emulator and opens both clients
 * before the class's first test, resets the emulator before each test, and closes both
 * clients and stops the emulator after the class's last test. Within a test it gives the
 * test's own chat, the customer's connection to it and the services on the class's
 * clients, all with {@link TestClients#fastSettings() the fast settings}, each made when
 * the test first asks for it (so after what the test's {@code @BeforeEach} set up) and
 * forgotten when the test ends, as JUnit's {@code @TempDir} is:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EmulatorFixture fixture = new EmulatorFixture();
 *
 * &#64;Test
 * void uploads() {
 *     Attachment sent = fixture.attachments().upload(fixture.connection(), upload);
 *     String contactId = fixture.chat().contactId();
 *     assertThat(fixture.emulator().attachmentStatuses(contactId)).containsKey(sent.id());
 * }
 * </pre>
 *
 * A test that needs other settings asks for a service or a connection with them; one that
 * needs a client or a service built differently (a tampering interceptor, a rewriting
 * HTTP client, a connection factory with its own clock) builds it from
 * {@link #baseUri()}, {@link #client()} and {@link #http()}, and closes what it opens.
 */
public final class EmulatorFixture
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final ConnectParticipantEmulatorExtension emulator;

	private ConnectParticipantClient client;

	private SdkHttpClient http;

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	private @Nullable StartedChat chat;

	private @Nullable ParticipantConnection connection;

	private @Nullable AttachmentService attachments;

	private @Nullable TranscriptService transcripts;

	/**
	 * A fixture whose emulator has the default settings.
	 */
	public EmulatorFixture() {
		this(EmulatorSettings.defaults());
	}

	/**
	 * A fixture whose emulator has the given settings.
	 */
	public EmulatorFixture(EmulatorSettings settings) {
		this.emulator = new ConnectParticipantEmulatorExtension(settings);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.emulator.beforeAll(context);
		this.client = TestClients.participant(this.emulator.baseUri());
		this.http = TestClients.http();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.emulator.beforeEach(context);
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		this.chat = null;
		this.connection = null;
		this.attachments = null;
		this.transcripts = null;
		this.emulator.afterEach(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// try-with-resources closes both (skipping one never opened) and stops the
		// emulator whatever the closing throws
		try (ConnectParticipantClient client = this.client; SdkHttpClient http = this.http) {
			this.client = null;
			this.http = null;
		}
		finally {
			this.emulator.afterAll(context);
		}
	}

	/**
	 * The running emulator.
	 */
	public ConnectParticipantEmulator emulator() {
		return this.emulator.emulator();
	}

	/**
	 * The running emulator's base URI (the SDK's endpoint override).
	 */
	public URI baseUri() {
		return this.emulator.baseUri();
	}

	/**
	 * The class's Participant Service client.
	 */
	public ConnectParticipantClient client() {
		return open(this.client);
	}

	/**
	 * The class's HTTP client for pre-signed URLs.
	 */
	public SdkHttpClient http() {
		return open(this.http);
	}

	/**
	 * The fast settings the fixture's services and connections use.
	 */
	public ConnectParticipantSettings settings() {
		return this.settings;
	}

	/**
	 * The test's chat, for a customer named {@code Customer}: started when the test first
	 * asks for it or for {@link #connection()}.
	 */
	public synchronized StartedChat chat() {
		if (this.chat == null) {
			this.chat = startChat();
		}
		return this.chat;
	}

	/**
	 * The customer's connection to {@link #chat() the test's chat}, with the fast
	 * settings.
	 */
	public synchronized ParticipantConnection connection() {
		if (this.connection == null) {
			this.connection = connect(chat(), this.settings);
		}
		return this.connection;
	}

	/**
	 * The test's attachment service on the class's clients, with the fast settings.
	 */
	public synchronized AttachmentService attachments() {
		if (this.attachments == null) {
			this.attachments = attachments(this.settings);
		}
		return this.attachments;
	}

	/**
	 * The test's transcript service on the class's client, with the fast settings.
	 */
	public synchronized TranscriptService transcripts() {
		if (this.transcripts == null) {
			this.transcripts = transcripts(this.settings);
		}
		return this.transcripts;
	}

	/**
	 * Starts another chat on the emulator for a customer named {@code Customer}.
	 */
	public StartedChat startChat() {
		return emulator().startChat("Customer");
	}

	/**
	 * A connection for the chat's customer, made from its participant token; like every
	 * connection of a {@link ParticipantConnectionFactory}, it asks for its connection
	 * token only when first used.
	 */
	public ParticipantConnection connect(StartedChat chat, ConnectParticipantSettings settings) {
		return TestClients.connections(client(), settings).fromParticipantToken(chat.participantToken());
	}

	/**
	 * An attachment service on the class's clients.
	 */
	public AttachmentService attachments(ConnectParticipantSettings settings) {
		return TestClients.attachments(client(), http(), settings);
	}

	/**
	 * An attachment service on the class's clients that reports its observations to the
	 * registry.
	 */
	public AttachmentService attachments(ConnectParticipantSettings settings, ObservationRegistry registry) {
		return TestClients.attachments(client(), http(), settings, registry);
	}

	/**
	 * A transcript service on the class's client.
	 */
	public TranscriptService transcripts(ConnectParticipantSettings settings) {
		return TestClients.transcripts(client(), settings, ObservationRegistry.NOOP);
	}

	/**
	 * A transcript service on the class's client that reports its observations to the
	 * registry.
	 */
	public TranscriptService transcripts(ConnectParticipantSettings settings, ObservationRegistry registry) {
		return TestClients.transcripts(client(), settings, registry);
	}

	/**
	 * A resource of the content whose first read comes {@code delay} later on the
	 * emulator's clock, as a slow source's would: an upload URL handed out before it may
	 * have expired by then.
	 */
	public ByteArrayResource lateResource(byte[] content, String filename, Duration delay) {
		AtomicBoolean late = new AtomicBoolean();
		return new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return filename;
			}

			@Override
			public InputStream getInputStream() throws IOException {
				if (late.compareAndSet(false, true)) {
					emulator().advanceClock(delay);
				}
				return super.getInputStream();
			}

		};
	}

	/**
	 * A stream into the target whose first write comes {@code delay} later on the
	 * emulator's clock, as a slow reader's would: a download URL handed out before it may
	 * have expired by then.
	 */
	public OutputStream lateOutput(OutputStream target, Duration delay) {
		AtomicBoolean late = new AtomicBoolean();
		return new FilterOutputStream(target) {

			@Override
			public void write(byte[] buffer, int offset, int length) throws IOException {
				if (late.compareAndSet(false, true)) {
					emulator().advanceClock(delay);
				}
				this.out.write(buffer, offset, length);
			}

		};
	}

	private static <T> T open(T client) {
		if (client == null) {
			throw new IllegalStateException("The clients are open only while a test of the class runs");
		}
		return client;
	}

}
