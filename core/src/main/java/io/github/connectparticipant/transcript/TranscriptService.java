package io.github.connectparticipant.transcript;

import java.util.stream.Stream;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.connection.ParticipantConnection;
import org.jspecify.annotations.Nullable;

/**
 * Reads chat transcripts through the Amazon Connect Participant Service's GetTranscript,
 * one page at a time or as a lazily paged stream of items. Every page call is retried on
 * throttling, server and I/O errors, and repeated once with a new connection token when a
 * refreshable connection's token is refused. <pre class="code">
 * try (Stream&lt;TranscriptItem&gt; items = transcripts.stream(connection, TranscriptQuery.oldestFirst())) {
 *     items.filter(TranscriptItem::isMessage).forEach(this::show);
 * }
 * </pre>
 *
 * @see DefaultTranscriptService
 */
public interface TranscriptService {

	/**
	 * Read the first page of a transcript.
	 * @param connection the participant's connection
	 * @param query what to read
	 * @return the page, with the token for the next one if there is more
	 * @throws ConnectParticipantException if the service refuses the query or cannot be
	 * reached within the attempt budget
	 */
	TranscriptPage page(ParticipantConnection connection, TranscriptQuery query);

	/**
	 * Read one page of a transcript.
	 * @param connection the participant's connection
	 * @param query what to read; a next token only works with the query it came from
	 * @param nextToken the token of the previous page, or {@code null} (or empty) for the
	 * first page
	 * @return the page, with the token for the next one if there is more
	 * @throws ConnectParticipantException if the service refuses the query or token, or
	 * cannot be reached within the attempt budget
	 */
	TranscriptPage page(ParticipantConnection connection, TranscriptQuery query, @Nullable String nextToken);

	/**
	 * Stream every item of the chosen range, lazily: the first two pages are read only
	 * when the stream needs them; from the third on, when the caller spends time on the
	 * items of a page, the next page is read ahead on a background thread (never more
	 * than one page ahead, and cancelled when the stream is closed; a page that failed
	 * ahead is rethrown when the caller reaches it). The stream follows next tokens until
	 * there are none (an empty token counts as none). Without a sort order in the query,
	 * pages are sorted in the reading direction (ascending when reading forward,
	 * descending when reading backward), so the whole stream is in reading order; without
	 * a page size, pages of
	 * {@link io.github.connectparticipant.ConnectParticipantSettings#transcriptPageSize()}
	 * items (default 100) are read. Close the stream when done with it early.
	 * @param connection the participant's connection
	 * @param query what to read
	 * @return the items, lazily paged
	 * @throws ConnectParticipantException from the stream's terminal operation, if a page
	 * cannot be read
	 */
	Stream<TranscriptItem> stream(ParticipantConnection connection, TranscriptQuery query);

	/**
	 * Stream the items of the chosen range that a filter keeps; see
	 * {@link #stream(ParticipantConnection, TranscriptQuery)}.
	 * @param connection the participant's connection
	 * @param query what to read
	 * @param filter which items to keep, such as {@link TranscriptFilter#messages()}
	 * @return the kept items, lazily paged
	 */
	Stream<TranscriptItem> stream(ParticipantConnection connection, TranscriptQuery query, TranscriptFilter filter);

}
