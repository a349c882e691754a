package io.github.connectparticipant.transcript;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.EmulatorState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging through a whole transcript of a few thousand items in each direction: every item
 * once, in order, also while new messages arrive.
 */
@Timeout(120)
class TranscriptPagingIntegrationTests {

	private static final int MESSAGES = 3000;

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	/** Every item's id, oldest first, as the emulator's control API lists them. */
	private List<String> expected;

	@BeforeEach
	void fillChat() {
		for (int i = 0; i < MESSAGES; i++) {
			fixture.emulator()
				.addMessage(fixture.chat().contactId(), (i % 2 == 0) ? "AGENT" : "CUSTOM_BOT",
						(i % 2 == 0) ? "Agent" : "Bot", "message " + i);
		}
		this.expected = EmulatorState.itemIds(fixture.baseUri(), fixture.chat().contactId());
		assertThat(this.expected).hasSize(MESSAGES + 3);
	}

	@ParameterizedTest(name = "pages of {0}")
	@ValueSource(ints = { 100, 37 })
	void forwardStreamHasEveryItemOnceOldestFirst(int pageSize) {
		List<TranscriptItem> items = read(
				TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(pageSize).build());
		assertThat(items).extracting(TranscriptItem::id).containsExactlyElementsOf(this.expected);
		assertThat(items).extracting(TranscriptItem::time).isSorted();
		assertThat(fixture.emulator().requestCount("GetTranscript"))
			.isEqualTo((this.expected.size() + pageSize - 1) / pageSize);
	}

	@ParameterizedTest(name = "pages of {0}")
	@ValueSource(ints = { 100, 37 })
	void backwardStreamHasEveryItemOnceNewestFirst(int pageSize) {
		List<TranscriptItem> items = read(TranscriptQuery.builder().maxResults(pageSize).build());
		List<String> newestFirst = new ArrayList<>(this.expected);
		Collections.reverse(newestFirst);
		assertThat(items).extracting(TranscriptItem::id).containsExactlyElementsOf(newestFirst);
	}

	@Test
	void pagesSortedAgainstTheDirectionStillCoverEveryItemOnce() {
		TranscriptQuery query = TranscriptQuery.builder().maxResults(100).sortOrder(SortOrder.ASCENDING).build();
		List<TranscriptItem> items = read(query);
		assertThat(items).extracting(TranscriptItem::id)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(this.expected);
		// Each page is ascending; the pages walk backward.
		assertThat(items.subList(0, 100)).extracting(TranscriptItem::id)
			.containsExactlyElementsOf(this.expected.subList(this.expected.size() - 100, this.expected.size()));
	}

	@Test
	void itemsArrivingWhilePagingAreNeitherRepeatedNorAllowedToShiftPages() {
		TranscriptQuery forward = TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(100).build();
		TranscriptQuery backward = TranscriptQuery.builder().maxResults(100).build();
		List<String> forwardIds = new ArrayList<>();
		List<String> backwardIds = new ArrayList<>();
		try (Stream<TranscriptItem> forwardItems = fixture.transcripts().stream(fixture.connection(), forward);
				Stream<TranscriptItem> backwardItems = fixture.transcripts().stream(fixture.connection(), backward)) {
			Iterator<TranscriptItem> forwardIterator = forwardItems.iterator();
			Iterator<TranscriptItem> backwardIterator = backwardItems.iterator();
			int added = 0;
			while (forwardIterator.hasNext() || backwardIterator.hasNext()) {
				if (forwardIterator.hasNext()) {
					forwardIds.add(forwardIterator.next().id());
				}
				if (backwardIterator.hasNext()) {
					backwardIds.add(backwardIterator.next().id());
				}
				if (forwardIds.size() % 250 == 0 && added < 10) {
					fixture.emulator().addMessage(fixture.chat().contactId(), "AGENT", "Agent", "late " + added++);
				}
			}
		}
		assertThat(forwardIds).doesNotHaveDuplicates().startsWith(this.expected.toArray(String[]::new));
		List<String> newestFirst = new ArrayList<>(this.expected);
		Collections.reverse(newestFirst);
		assertThat(backwardIds).containsExactlyElementsOf(newestFirst);
	}

	private List<TranscriptItem> read(TranscriptQuery query) {
		try (Stream<TranscriptItem> items = fixture.transcripts().stream(fixture.connection(), query)) {
			return items.toList();
		}
	}

}
