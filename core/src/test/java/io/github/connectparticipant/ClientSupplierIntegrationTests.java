package io.github.connectparticipant;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.DefaultAttachmentService;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.DefaultTranscriptService;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The constructors that take their clients from suppliers, for clients created on first
 * use: nothing asks for them before the first call, the first call asks once, and a
 * client that cannot be created fails that call and not the service.
 */
@Timeout(60)
class ClientSupplierIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	@Test
	void eachServiceAsksForTheClientOnceAndOnlyWhenFirstCalled() {
		CountingSupplier<ConnectParticipantClient> forConnections = new CountingSupplier<>(fixture::client);
		CountingSupplier<ConnectParticipantClient> forAttachments = new CountingSupplier<>(fixture::client);
		CountingSupplier<SdkHttpClient> forTransfers = new CountingSupplier<>(fixture::http);
		CountingSupplier<ConnectParticipantClient> forTranscripts = new CountingSupplier<>(fixture::client);
		ParticipantConnectionFactory connections = new ParticipantConnectionFactory(forConnections, this.settings,
				ObservationRegistry.NOOP, Clock.systemUTC());
		AttachmentService attachments = new DefaultAttachmentService(forAttachments, forTransfers, this.settings,
				ObservationRegistry.NOOP);
		TranscriptService transcripts = new DefaultTranscriptService(forTranscripts, this.settings,
				ObservationRegistry.NOOP);
		StartedChat chat = fixture.startChat();
		ParticipantConnection connection = connections.fromParticipantToken(chat.participantToken());
		assertThat(forConnections.calls.get() + forAttachments.calls.get() + forTransfers.calls.get()
				+ forTranscripts.calls.get())
			.as("asked before any call")
			.isZero();

		for (int i = 0; i < 3; i++) {
			attachments.upload(connection,
					AttachmentUpload.of(new ByteArrayResource(new byte[] { (byte) i })).withName(i + ".txt"));
			assertThat(transcripts.page(connection, TranscriptQuery.oldestFirst()).items()).isNotEmpty();
		}

		assertThat(forConnections.calls).hasValue(1);
		assertThat(forAttachments.calls).hasValue(1);
		assertThat(forTransfers.calls).hasValue(1);
		assertThat(forTranscripts.calls).hasValue(1);
		assertThat(fixture.emulator().requestCount(chat.contactId(), "GetTranscript")).isEqualTo(3);
	}

	@Test
	void aClientThatCannotBeCreatedFailsTheCallAndTheNextCallAsksAgain() {
		AtomicInteger failures = new AtomicInteger(1);
		CountingSupplier<ConnectParticipantClient> client = new CountingSupplier<>(() -> {
			if (failures.getAndDecrement() > 0) {
				throw new IllegalStateException("region missing");
			}
			return fixture.client();
		});
		TranscriptService transcripts = new DefaultTranscriptService(client, this.settings, ObservationRegistry.NOOP);
		ParticipantConnection connection = fixture.connect(fixture.startChat(), this.settings);

		assertThatIllegalStateException().isThrownBy(() -> transcripts.page(connection, TranscriptQuery.newestFirst()))
			.withMessage("region missing");
		assertThat(transcripts.page(connection, TranscriptQuery.newestFirst()).items()).isNotEmpty();
		assertThat(transcripts.page(connection, TranscriptQuery.newestFirst()).items()).isNotEmpty();
		assertThat(client.calls).hasValue(2);
	}

	private static final class CountingSupplier<T> implements Supplier<T> {

		private final AtomicInteger calls = new AtomicInteger();

		private final Supplier<T> client;

		CountingSupplier(Supplier<T> client) {
			this.client = client;
		}

		@Override
		public T get() {
			this.calls.incrementAndGet();
			return this.client.get();
		}

	}

}
