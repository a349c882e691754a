package io.github.connectparticipant.emulator;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.ConflictException;
import software.amazon.awssdk.services.connectparticipant.model.Item;

import io.github.connectparticipant.emulator.Uploads.Upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests that race each other on one attachment or on the settings: a PUT still
 * arriving when its attachment completes, a CompleteAttachmentUpload while another is in
 * progress, and settings changed from several threads at once.
 */
@Timeout(60)
class ConcurrentRequestsIntegrationTests {

	private static final String COMPLETE = "CompleteAttachmentUpload";

	@TempDir
	Path storage;

	@Test
	void aPutStillArrivingWhenItsAttachmentCompletesNeverReplacesWhatWasScanned() throws Exception {
		try (ConnectParticipantEmulator emulator = ConnectParticipantEmulator
			.start(EmulatorSettings.builder().storageDirectory(this.storage).build());
				ConnectParticipantClient participant = Clients.participant(emulator.baseUri());
				ConnectClient connect = Clients.connect(emulator.baseUri())) {
			Clients.Chat chat = Clients.chat(connect, participant, "Ada");
			byte[] clean = Uploads.content(300_000);
			byte[] infected = clean.clone();
			System.arraycopy(ObjectStore.EICAR, 0, infected, 1000, ObjectStore.EICAR.length);
			Upload upload = Uploads.start(participant, chat, "a.txt", "text/plain", clean, "u");
			assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);

			CountDownLatch release = new CountDownLatch(1);
			InputStream halfThenWait = new SequenceInputStream(new ByteArrayInputStream(infected, 0, 100_000),
					new HeldStream(release, new ByteArrayInputStream(infected, 100_000, infected.length - 100_000)));
			CompletableFuture<HttpResponse<String>> late = EmulatorHttp.client()
				.sendAsync(Uploads.put(upload.url(),
						BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> halfThenWait), infected.length),
						upload.headers()), BodyHandlers.ofString());
			// the emulator is receiving the second PUT's body when the upload completes
			await().atMost(Duration.ofSeconds(20)).until(() -> hasPartialObject(this.storage));
			Uploads.complete(participant, chat, upload.attachmentId(), "c");
			release.countDown();

			EmulatorHttp.assertS3Error(late.get(20, TimeUnit.SECONDS), 403, "AccessDenied");
			assertThat(emulator.attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(), "APPROVED");
			HttpResponse<byte[]> download = EmulatorHttp
				.sendBytes(EmulatorHttp.get(Uploads.downloadUrl(participant, chat, upload.attachmentId(), null)));
			assertThat(download.body()).isEqualTo(clean);
		}
	}

	@Test
	void aCompletionInProgressMakesAnotherCompletionOfTheAttachmentAConflict() throws Exception {
		try (ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start();
				ConnectParticipantClient participant = Clients.participant(emulator.baseUri());
				ConnectClient connect = Clients.connect(emulator.baseUri())) {
			Clients.Chat chat = Clients.chat(connect, participant, "Ada");
			Upload upload = Uploads.start(participant, chat, "a.txt", "text/plain", Uploads.content(1000), "u");
			assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
			assertThat(EmulatorHttp
				.control(emulator.baseUri(), "PUT", "/_emulator/faults",
						"{\"rules\":[{\"operation\":\"" + COMPLETE
								+ "\",\"fault\":\"STALL\",\"times\":1,\"delayMillis\":3000}]}")
				.statusCode()).isEqualTo(200);
			CompletableFuture<Void> first = CompletableFuture
				.runAsync(() -> Uploads.complete(participant, chat, upload.attachmentId(), "c1"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> "COMPLETING"
					.equals(emulator.attachmentStatuses(chat.contactId()).get(upload.attachmentId())));

			// the same request repeated, and another one, while the first is still in
			// progress
			for (String clientToken : List.of("c1", "c2")) {
				ConflictException conflict = Clients.thrownBy(ConflictException.class,
						() -> Uploads.complete(participant, chat, upload.attachmentId(), clientToken));
				assertThat(conflict.statusCode()).isEqualTo(409);
			}
			first.get(20, TimeUnit.SECONDS);
			assertThat(emulator.attachmentStatuses(chat.contactId())).containsEntry(upload.attachmentId(), "APPROVED");
			// once it is done, both complete without a second transcript item
			Uploads.complete(participant, chat, upload.attachmentId(), "c1");
			Uploads.complete(participant, chat, upload.attachmentId(), "c2");
			List<Item> items = participant.getTranscript((r) -> r.connectionToken(chat.connectionToken())).transcript();
			assertThat(items).filteredOn((item) -> item.hasAttachments()).hasSize(1);
			assertThat(emulator.requestCount(COMPLETE)).isEqualTo(5);
		}
	}

	@Test
	void settingsChangedFromManyThreadsAtOnceLoseNoChange() throws Exception {
		try (ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start()) {
			int threads = 4;
			int changes = 2000;
			int initial = emulator.settings().maxAttachmentsPerContact();
			Concurrently.run(threads, Duration.ofSeconds(30), (thread) -> {
				for (int i = 0; i < changes; i++) {
					emulator.updateSettings((builder) -> builder
						.maxAttachmentsPerContact(builder.build().maxAttachmentsPerContact() + 1));
				}
			});
			assertThat(emulator.settings().maxAttachmentsPerContact()).isEqualTo(initial + threads * changes);
		}
	}

	private static boolean hasPartialObject(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.anyMatch((file) -> file.getFileName().toString().endsWith(".part"));
		}
	}

	/** A stream that serves its content only once released. */
	private static final class HeldStream extends FilterInputStream {

		private final CountDownLatch release;

		HeldStream(CountDownLatch release, InputStream content) {
			super(content);
			this.release = release;
		}

		@Override
		public int read() throws IOException {
			awaitRelease();
			return super.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			awaitRelease();
			return super.read(buffer, offset, length);
		}

		private void awaitRelease() throws IOException {
			try {
				if (!this.release.await(30, TimeUnit.SECONDS)) {
					throw new IOException("never released");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException();
			}
		}

	}

}
