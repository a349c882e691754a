package io.github.connectparticipant.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.transcript.StartPosition;
import io.github.connectparticipant.transcript.TranscriptAttachment;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptItemType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ItemSequencer}: every item once and in order across fills and pushes,
 * with the structures an idle session no longer keeps made on first use.
 */
class ItemSequencerTests {

	private static final String CHAT_ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

	private final List<String> delivered = new ArrayList<>();

	private int ended;

	private final ItemSequencer.Sink sink = new ItemSequencer.Sink() {

		@Override
		public void deliver(TranscriptItem item) {
			ItemSequencerTests.this.delivered.add(item.id() + keySuffix(item));
		}

		@Override
		public void chatEnded() {
			ItemSequencerTests.this.ended++;
		}

	};

	@Test
	void pushesHeldDuringAFillFollowItsItemsAndNoItemPassesTwice() {
		ItemSequencer sequencer = new ItemSequencer(this.sink, null);
		sequencer.pushed(message("m1", "c1"));
		int fill = sequencer.beginFill();
		sequencer.pushed(message("m2", "c1"));
		sequencer.pushed(message("m3", "c1"));
		assertThat(sequencer.filled(fill, List.of(message("m1", "c1"), message("m2", "c1")), "c1")).isEqualTo(1);
		sequencer.endFill(fill);
		sequencer.pushed(message("m3", "c1"));
		sequencer.pushed(message("m4", "c1"));
		assertThat(this.delivered).containsExactly("m1", "m2", "m3", "m4");
		assertThat(sequencer.fillStart(false)).isEqualTo(StartPosition.ofItemId("m4"));
	}

	@Test
	void itemsDeliveredBeforeAReconnectAreNotRepeatedByItsFill() {
		ItemSequencer sequencer = new ItemSequencer(this.sink, null);
		int first = sequencer.beginFill();
		sequencer.filled(first, List.of(message("m1", "c1")), "c1");
		sequencer.endFill(first);
		sequencer.pushed(message("m2", "c1"));
		// a fill by time repeats what was delivered at and after the last item's time
		int second = sequencer.beginFill();
		sequencer.filled(second, List.of(message("m1", "c1"), message("m2", "c1"), message("m3", "c1")), "c1");
		sequencer.endFill(second);
		assertThat(this.delivered).containsExactly("m1", "m2", "m3");
	}

	@Test
	void anItemAfterWhichTheSessionResumesIsNotDeliveredAgain() {
		ItemSequencer sequencer = new ItemSequencer(this.sink, "m1");
		assertThat(sequencer.fillStart(false)).isEqualTo(StartPosition.ofItemId("m1"));
		int fill = sequencer.beginFill();
		sequencer.filled(fill, List.of(message("m1", "c1"), message("m2", "c1")), "c1");
		sequencer.endFill(fill);
		assertThat(this.delivered).containsExactly("m2");
	}

	@Test
	void anAttachmentPassesAgainWhenItsScanStatusChanges() {
		ItemSequencer sequencer = new ItemSequencer(this.sink, null);
		sequencer.pushed(attachment("a1", AttachmentStatus.IN_PROGRESS));
		sequencer.pushed(attachment("a1", AttachmentStatus.IN_PROGRESS));
		sequencer.pushed(attachment("a1", AttachmentStatus.APPROVED));
		sequencer.pushed(attachment("a1", AttachmentStatus.APPROVED));
		assertThat(this.delivered).containsExactly("a1/IN_PROGRESS", "a1/APPROVED");
	}

	@Test
	void anItemWithoutAContentTypeIsDeliveredAndFillsStartAtIt() {
		ItemSequencer sequencer = new ItemSequencer(this.sink, null);
		sequencer.pushed(item("m1", TranscriptItemType.MESSAGE, null, "c1"));
		assertThat(this.delivered).containsExactly("m1");
		assertThat(sequencer.fillStart(false)).isEqualTo(StartPosition.ofItemId("m1"));
	}

	@Test
	void pushesOfContactsTheTranscriptDoesNotNameAreDropped() {
		ItemSequencer sequencer = new ItemSequencer(this.sink, null);
		int fill = sequencer.beginFill();
		sequencer.filled(fill, List.of(message("m1", "c1"), message("m2", "c2")), "c1");
		sequencer.endFill(fill);
		sequencer.pushed(message("m3", "c2"));
		sequencer.pushed(message("m4", "other"));
		sequencer.pushed(message("m5", "c1"));
		assertThat(this.delivered).containsExactly("m1", "m2", "m3", "m5");
		assertThat(sequencer.sameContactId(new String("c1"))).isSameAs(sequencer.sameContactId("c1"));
	}

	@Test
	void theChatsEndHeldDuringAFillEndsTheSessionOnceAfterTheFill() {
		ItemSequencer sequencer = new ItemSequencer(this.sink, null);
		int fill = sequencer.beginFill();
		sequencer.pushed(message("m2", "c1"));
		sequencer.pushed(item("end", TranscriptItemType.CHAT_ENDED, CHAT_ENDED, "c1"));
		sequencer.pushed(message("m3", "c1"));
		sequencer.filled(fill, List.of(message("m1", "c1")), "c1");
		sequencer.endFill(fill);
		sequencer.pushed(message("m4", "c1"));
		assertThat(this.delivered).containsExactly("m1", "m2", "end");
		assertThat(this.ended).isEqualTo(1);
		assertThat(sequencer.isCurrent(fill)).isFalse();
	}

	private static String keySuffix(TranscriptItem item) {
		return item.attachments().isEmpty() ? "" : "/" + item.attachments().get(0).status();
	}

	private static TranscriptItem message(String id, String contactId) {
		return item(id, TranscriptItemType.MESSAGE, "text/plain", contactId);
	}

	private static TranscriptItem item(String id, TranscriptItemType type, @Nullable String contentType,
			String contactId) {
		return new TranscriptItem(id, type, null, null, null, contentType, id, Instant.parse("2026-12-08T00:00:00Z"),
				List.of(), null, contactId, null);
	}

	private static TranscriptItem attachment(String id, AttachmentStatus status) {
		return new TranscriptItem(id, TranscriptItemType.ATTACHMENT, null, null, null, null, null,
				Instant.parse("2026-12-08T00:00:00Z"),
				List.of(new TranscriptAttachment("att-" + id, "a.txt", "text/plain", status)), null, "c1", null);
	}

}
