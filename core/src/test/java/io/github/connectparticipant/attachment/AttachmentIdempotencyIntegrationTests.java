package io.github.connectparticipant.attachment;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.transcript.TranscriptFilter;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An idempotency key holds across calls, also after the upload URL that
 * StartAttachmentUpload replays for it has expired: an upload that completed is returned
 * as it is, and only one that never completed starts again.
 */
class AttachmentIdempotencyIntegrationTests {

	private static final String START = ParticipantOperation.START_ATTACHMENT_UPLOAD.operationName();

	private static final String PUT = ParticipantOperation.UPLOAD_OBJECT.operationName();

	private static final String COMPLETE = ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD.operationName();

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@BeforeEach
	void connect() {
		// the clock passes Connect's subscribe rule, which would end these chats nobody
		// subscribes to
		fixture.emulator().updateSettings((builder) -> builder.subscribeTimeout(Duration.ZERO));
		fixture.connection().connectionToken();
	}

	@Test
	void aKeyReusedAfterTheUploadUrlExpiredReturnsTheCompletedAttachment() {
		Attachment first = fixture.attachments().upload(fixture.connection(), upload("order-42-invoice"));
		fixture.emulator().advanceClock(Duration.ofMinutes(6));
		Attachment again = fixture.attachments().upload(fixture.connection(), upload("order-42-invoice"));
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.name()).isEqualTo(first.name());
		assertThat(again.size()).isEqualTo(first.size());
		assertThat(again.status()).isEqualTo(AttachmentStatus.APPROVED);
		assertThat(attachmentItems()).singleElement()
			.satisfies((item) -> assertThat(item.attachments().get(0).id()).isEqualTo(first.id()));
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId())).containsOnlyKeys(first.id());
		assertThat(fixture.emulator().requestCount(START)).isEqualTo(2);
		// only the emulator's clock moved: the replayed URL's expiry is learnt from the
		// PUT's refusal
		assertThat(fixture.emulator().requestCount(PUT)).isEqualTo(2);
		assertThat(fixture.emulator().requestCount(COMPLETE)).isEqualTo(1);
	}

	@Test
	void aKeyReusedAfterTheUploadUrlExpiredStartsAgainAnUploadThatNeverCompleted() {
		fixture.emulator().setFaults(1, List.of(FaultRule.always(PUT, "SERVER_ERROR")));
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> fixture.attachments().upload(fixture.connection(), upload("order-43-invoice")));
		String abandoned = fixture.emulator().attachmentStatuses(fixture.chat().contactId()).keySet().iterator().next();
		fixture.emulator().clearFaults();
		fixture.emulator().advanceClock(Duration.ofMinutes(6));
		Attachment attachment = fixture.attachments().upload(fixture.connection(), upload("order-43-invoice"));
		assertThat(attachment.id()).isNotEqualTo(abandoned);
		assertThat(attachmentItems()).singleElement()
			.satisfies((item) -> assertThat(item.attachments().get(0).id()).isEqualTo(attachment.id()));
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId()))
			.containsEntry(abandoned, "UPLOADING")
			.containsEntry(attachment.id(), "APPROVED")
			.hasSize(2);
	}

	private static AttachmentUpload upload(String key) {
		return AttachmentUpload.of(new ByteArrayResource(AttachmentUploadIntegrationTests.bytes(5000)))
			.withName("invoice.pdf")
			.withIdempotencyKey(key);
	}

	private List<TranscriptItem> attachmentItems() {
		try (Stream<TranscriptItem> items = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst(), TranscriptFilter.attachments())) {
			return items.toList();
		}
	}

}
