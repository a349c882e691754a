package io.github.connectparticipant.transcript;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a transcript.
 *
 * @param items the page's items, sorted as the query asked
 * @param nextToken the token for the next page, {@code null} on the last page (an empty
 * token from the service counts as none)
 * @param initialContactId the first contact of the contact chain, if given
 */
public record TranscriptPage(List<TranscriptItem> items, @Nullable String nextToken,
		@Nullable String initialContactId) {

	/**
	 * Copy the items and turn an empty next token into none.
	 */
	public TranscriptPage {
		items = List.copyOf(items);
		nextToken = (nextToken == null || nextToken.isEmpty()) ? null : nextToken;
	}

	/**
	 * Return whether there is a page after this one.
	 * @return whether {@link #nextToken()} is set
	 */
	public boolean hasNextPage() {
		return this.nextToken != null;
	}

}
