package io.github.connectparticipant.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentRejectedException;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.DefaultAttachmentService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Scan verdicts taken from an open chat session instead of polling the transcript.
 */
class ChatSessionScanVerdictIntegrationTests {

	private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private ChatSessions sessions;

	private DefaultAttachmentService attachments;

	@BeforeEach
	void open() {
		this.sessions = TestClients.chatSessions(fixture.client(), fixture.settings(), ChatSessionSettings.defaults());
		this.attachments = TestClients.attachments(fixture.client(), fixture.http(), fixture.settings());
		this.attachments.setScanVerdicts(this.sessions);
		fixture.emulator().updateSettings((builder) -> builder.scanDelay(Duration.ofSeconds(10)));
	}

	@AfterEach
	void close() {
		this.sessions.close();
	}

	private Attachment upload(String content) {
		Attachment sent = this.attachments.upload(fixture.connection(),
				AttachmentUpload.of(new ByteArrayResource(content.getBytes(StandardCharsets.US_ASCII)))
					.withName("file.txt"));
		assertThat(sent.status()).isEqualTo(AttachmentStatus.IN_PROGRESS);
		return sent;
	}

	private void openSession() {
		RecordingListener listener = new RecordingListener();
		this.sessions.open(fixture.connection(), listener);
		await().until(() -> !listener.items.isEmpty());
	}

	private long transcriptReads() {
		return fixture.emulator().requestCount(fixture.chat().contactId(), "GetTranscript");
	}

	@Test
	void anOpenSessionGivesTheVerdictWithoutReadingTheTranscript() {
		openSession();
		Attachment sent = upload("hello");
		long reads = transcriptReads();
		CompletableFuture<Attachment> scanned = CompletableFuture
			.supplyAsync(() -> this.attachments.awaitScan(fixture.connection(), sent));
		fixture.emulator().advanceClock(Duration.ofSeconds(11));
		assertThat(scanned.join().status()).isEqualTo(AttachmentStatus.APPROVED);
		assertThat(transcriptReads()).isEqualTo(reads);
	}

	@Test
	void aRejectionHeardOnTheSessionIsThrown() {
		openSession();
		Attachment sent = upload(EICAR);
		long reads = transcriptReads();
		fixture.emulator().advanceClock(Duration.ofSeconds(11));
		assertThatExceptionOfType(AttachmentRejectedException.class)
			.isThrownBy(() -> this.attachments.awaitScan(fixture.connection(), sent));
		assertThat(transcriptReads()).isEqualTo(reads);
	}

	@Test
	void withoutASessionTheTranscriptIsPolled() {
		Attachment sent = upload("hello");
		long reads = transcriptReads();
		fixture.emulator().advanceClock(Duration.ofSeconds(11));
		assertThat(this.attachments.awaitScan(fixture.connection(), sent).status())
			.isEqualTo(AttachmentStatus.APPROVED);
		assertThat(transcriptReads()).isGreaterThan(reads);
	}

}
