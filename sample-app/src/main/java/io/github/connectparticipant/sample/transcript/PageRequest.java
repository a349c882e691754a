package io.github.connectparticipant.sample.transcript;

import io.github.connectparticipant.sample.problem.InvalidInputException;
import io.github.connectparticipant.transcript.ScanDirection;
import io.github.connectparticipant.transcript.SortOrder;
import io.github.connectparticipant.transcript.StartPosition;
import io.github.connectparticipant.transcript.TranscriptQuery;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a page of a transcript, as Spring MVC binds them, checked and
 * turned into the library's query.
 *
 * @param pageSize items per page, 1 to {@value #MAX_PAGE_SIZE}, or {@code null} for the
 * service's default
 * @param direction {@code BACKWARD} from the newest item (the default), or
 * {@code FORWARD} from the oldest
 * @param sortOrder how a page is sorted; by default in its reading direction
 * @param nextToken the token of the next page, from the page before it
 */
record PageRequest(@Nullable Integer pageSize, @Nullable ScanDirection direction, @Nullable SortOrder sortOrder,
		@Nullable String nextToken) {

	/**
	 * Largest page GetTranscript returns.
	 */
	static final int MAX_PAGE_SIZE = 100;

	private static final int MAX_NEXT_TOKEN_LENGTH = 1000;

	/**
	 * Return the library's query for these parameters.
	 * @return the query
	 * @throws InvalidInputException if the page size is out of range
	 */
	TranscriptQuery query() {
		TranscriptQuery.Builder query = TranscriptQuery.builder();
		if (this.pageSize != null) {
			if (this.pageSize < 1 || this.pageSize > MAX_PAGE_SIZE) {
				throw new InvalidInputException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", was " + this.pageSize);
			}
			query.maxResults(this.pageSize);
		}
		if (this.direction == ScanDirection.FORWARD) {
			query.forward(StartPosition.beginning());
		}
		else if (this.direction == ScanDirection.BACKWARD) {
			query.direction(ScanDirection.BACKWARD);
		}
		query.sortOrder((this.sortOrder != null) ? this.sortOrder
				: (this.direction == ScanDirection.FORWARD) ? SortOrder.ASCENDING : SortOrder.DESCENDING);
		return query.build();
	}

	/**
	 * Return the token of the page to read.
	 * @return the token, or {@code null} for the first page
	 * @throws InvalidInputException if the token is longer than any the service gives
	 */
	@Nullable String token() {
		if (this.nextToken != null && this.nextToken.length() > MAX_NEXT_TOKEN_LENGTH) {
			throw new InvalidInputException("nextToken must be at most " + MAX_NEXT_TOKEN_LENGTH + " characters");
		}
		return (this.nextToken == null || this.nextToken.isEmpty()) ? null : this.nextToken;
	}

}
