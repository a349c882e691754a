package io.github.connectparticipant.benchmarks;

import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.connectparticipant.benchmarks.Harness.Chat;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ScanDirection;
import software.amazon.awssdk.services.connectparticipant.model.SortKey;

/**
 * A whole transcript read oldest first, in the two ways the paging and the export
 * benchmark compare: the starter's stream and the SDK's paginator, each item handed to a
 * consumer.
 *
 * @param chat the chat whose transcript is read
 * @param transcripts the starter's {@code TranscriptService}
 * @param raw the raw SDK client
 * @param items how many items the transcript has
 */
record TranscriptStreams(Chat chat, TranscriptService transcripts, ConnectParticipantClient raw, int items) {

	/**
	 * A new chat of {@code items} items (the chat's own two events included).
	 */
	static TranscriptStreams open(Harness harness, int items) {
		return new TranscriptStreams(harness.newChat(items - 2), harness.starter().bean(TranscriptService.class),
				harness.raw(), items);
	}

	/**
	 * Read every item with {@code TranscriptService.stream}.
	 */
	void starter(Consumer<Object> consumer) {
		int[] count = { 0 };
		try (Stream<TranscriptItem> stream = this.transcripts.stream(this.chat.connection(),
				TranscriptQuery.oldestFirst())) {
			stream.forEach((item) -> {
				Sink.consume(item.id().length());
				count[0]++;
				consumer.accept(item);
			});
		}
		if (count[0] != this.items) {
			throw new IllegalStateException("streamed " + count[0] + " items of " + this.items);
		}
	}

	/**
	 * Read every item with the SDK's {@code getTranscriptPaginator}, each page's items in
	 * turn, the same query as the starter's.
	 */
	void sdk(Consumer<Object> consumer) {
		int[] count = { 0 };
		this.raw
			.getTranscriptPaginator((request) -> request.connectionToken(this.chat.token())
				.maxResults(TranscriptPage.SIZE)
				.scanDirection(ScanDirection.FORWARD)
				.sortOrder(SortKey.ASCENDING)
				.startPosition((position) -> position.absoluteTime("1970-01-01T00:00:00.000Z")))
			.forEach((page) -> {
				for (Item item : page.transcript()) {
					Sink.consume(item.id().length());
					count[0]++;
					consumer.accept(item);
				}
			});
		if (count[0] != this.items) {
			throw new IllegalStateException("paged " + count[0] + " items of " + this.items);
		}
	}

	/**
	 * The number of pages of the transcript.
	 */
	int pages() {
		return (this.items + TranscriptPage.SIZE - 1) / TranscriptPage.SIZE;
	}

}
