package io.github.connectparticipant.attachment;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.TranscriptFilter;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An idempotency key holds across calls, also after the upload URL that
 * StartAttachmentUpload replays for it has expired: an upload that completed is returned
 * as it is, and only one that never completed starts again.
 */
@Timeout(60)
class AttachmentIdempotencyIntegrationTests {

	private static final String START = "StartAttachmentUpload";

	private static final String PUT = "UploadObject";

	private static final String COMPLETE = "CompleteAttachmentUpload";

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	private AttachmentService attachments;

	private StartedChat chat;

	private ParticipantConnection connection;

	@BeforeEach
	void startChat() {
		// the clock passes Connect's subscribe rule, which would end these chats nobody
		// subscribes to
		emulator().updateSettings((builder) -> builder.subscribeTimeout(Duration.ZERO));
		this.attachments = fixture.attachments(this.settings);
		this.chat = fixture.startChat();
		this.connection = fixture.connect(this.chat, this.settings);
		this.connection.connectionToken();
	}

	private ConnectParticipantEmulator emulator() {
		return fixture.emulator();
	}

	@Test
	void aKeyReusedAfterTheUploadUrlExpiredReturnsTheCompletedAttachment() {
		Attachment first = this.attachments.upload(this.connection, upload("order-42-invoice"));
		emulator().advanceClock(Duration.ofMinutes(6));
		Attachment again = this.attachments.upload(this.connection, upload("order-42-invoice"));
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.name()).isEqualTo(first.name());
		assertThat(again.size()).isEqualTo(first.size());
		assertThat(again.status()).isEqualTo(AttachmentStatus.APPROVED);
		assertThat(attachmentItems()).singleElement()
			.satisfies((item) -> assertThat(item.attachments().get(0).id()).isEqualTo(first.id()));
		assertThat(emulator().attachmentStatuses(this.chat.contactId())).containsOnlyKeys(first.id());
		assertThat(emulator().requestCount(START)).isEqualTo(2);
		// only the emulator's clock moved: the replayed URL's expiry is learnt from the
		// PUT's refusal
		assertThat(emulator().requestCount(PUT)).isEqualTo(2);
		assertThat(emulator().requestCount(COMPLETE)).isEqualTo(1);
	}

	@Test
	void aKeyReusedAfterTheUploadUrlExpiredStartsAgainAnUploadThatNeverCompleted() {
		emulator().setFaults(1, List.of(FaultRule.always(PUT, "SERVER_ERROR")));
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> this.attachments.upload(this.connection, upload("order-43-invoice")));
		String abandoned = emulator().attachmentStatuses(this.chat.contactId()).keySet().iterator().next();
		emulator().clearFaults();
		emulator().advanceClock(Duration.ofMinutes(6));
		Attachment attachment = this.attachments.upload(this.connection, upload("order-43-invoice"));
		assertThat(attachment.id()).isNotEqualTo(abandoned);
		assertThat(attachmentItems()).singleElement()
			.satisfies((item) -> assertThat(item.attachments().get(0).id()).isEqualTo(attachment.id()));
		assertThat(emulator().attachmentStatuses(this.chat.contactId())).containsEntry(abandoned, "UPLOADING")
			.containsEntry(attachment.id(), "APPROVED")
			.hasSize(2);
	}

	private static AttachmentUpload upload(String key) {
		return AttachmentUpload.of(new ByteArrayResource(AttachmentUploadIntegrationTests.bytes(5000)))
			.withName("invoice.pdf")
			.withIdempotencyKey(key);
	}

	private List<TranscriptItem> attachmentItems() {
		try (Stream<TranscriptItem> items = fixture.transcripts(this.settings)
			.stream(this.connection, TranscriptQuery.oldestFirst(), TranscriptFilter.attachments())) {
			return items.toList();
		}
	}

}
