package io.github.connectparticipant.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * GetTranscript paging over a contact's items (oldest first).
 *
 * <p>
 * Semantics (the model gives the defaults; the rest is inferred and documented in the
 * module README): the start position is inclusive; without one the scan goes BACKWARD
 * from the newest item, and FORWARD is refused; a FORWARD scan's range ends at the newest
 * item that existed when its first page was read, so items arriving while a caller pages
 * through do not shift or repeat items; a BACKWARD scan walks towards the oldest item,
 * which new items never change. Each page holds the next {@code MaxResults} items of the
 * walk, sorted by {@code SortOrder}. A NextToken carries the contact, a fingerprint of
 * the query, the next index and the range end, and an HMAC so it cannot be forged or
 * reused with another query.
 */
final class TranscriptPager {

	static final int DEFAULT_MAX_RESULTS = 10;

	private final Presigner signer;

	TranscriptPager(Presigner signer) {
		this.signer = signer;
	}

	/**
	 * A GetTranscript query.
	 *
	 * @param contactId the contact
	 * @param direction FORWARD or BACKWARD (already defaulted)
	 * @param sortOrder ASCENDING or DESCENDING (already defaulted)
	 * @param startKind "Id", "AbsoluteTime", "MostRecent" or null
	 * @param startValue the start position's value
	 */
	record Query(String contactId, String direction, String sortOrder, String startKind, String startValue) {

		String fingerprint() {
			return this.contactId + "|" + this.direction + "|" + this.sortOrder + "|" + this.startKind + "|"
					+ this.startValue;
		}

	}

	/**
	 * A page: items in the requested sort order and the token for the next page, or null.
	 */
	record Page<T>(List<T> items, String nextToken) {
	}

	/** What the pager needs of an item. */
	interface Positioned {

		String id();

		Instant time();

	}

	<T extends Positioned> Page<T> page(List<T> items, Query query, int maxResults, String nextToken) {
		int size = items.size();
		boolean forward = "FORWARD".equals(query.direction());
		int index;
		int end;
		if (nextToken != null) {
			Cursor cursor = decode(nextToken, query);
			index = cursor.index();
			end = cursor.end();
		}
		else {
			index = startIndex(items, query, forward);
			end = forward ? size - 1 : 0;
		}
		List<T> page = new ArrayList<>(Math.min(maxResults, size));
		if (forward) {
			while (index <= end && index < size && page.size() < maxResults) {
				page.add(items.get(index++));
			}
		}
		else {
			while (index >= end && index >= 0 && index < size && page.size() < maxResults) {
				page.add(items.get(index--));
			}
		}
		boolean more = forward ? (index <= end && index < size) : (index >= end && index >= 0);
		boolean walkIsAscending = forward;
		boolean wantAscending = "ASCENDING".equals(query.sortOrder());
		if (walkIsAscending != wantAscending) {
			Collections.reverse(page);
		}
		return new Page<>(page, more ? encode(query, index, end) : null);
	}

	private static <T extends Positioned> int startIndex(List<T> items, Query query, boolean forward) {
		int size = items.size();
		if (query.startKind() == null) {
			return size - 1;
		}
		switch (query.startKind()) {
			case "Id" -> {
				for (int i = 0; i < size; i++) {
					if (items.get(i).id().equals(query.startValue())) {
						return i;
					}
				}
				throw ApiException.validation("StartPosition.Id does not name an item of this contact's transcript");
			}
			case "MostRecent" -> {
				return Math.max(0, size - 1 - Integer.parseInt(query.startValue()));
			}
			case "AbsoluteTime" -> {
				Instant time;
				try {
					time = Instant.parse(query.startValue());
				}
				catch (DateTimeParseException ex) {
					throw ApiException.validation(
							"StartPosition.AbsoluteTime must be an ISO-8601 time such as 2019-11-08T02:41:28.172Z");
				}
				if (forward) {
					int i = 0;
					while (i < size && items.get(i).time().isBefore(time)) {
						i++;
					}
					return i;
				}
				int i = size - 1;
				while (i >= 0 && items.get(i).time().isAfter(time)) {
					i--;
				}
				return i;
			}
			default -> throw new IllegalStateException(query.startKind());
		}
	}

	private String encode(Query query, int index, int end) {
		String payload = "v1|" + index + "|" + end + "|" + query.fingerprint();
		String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(this.signer.hmac("transcript|" + payload));
		String prefix = index + "." + end + ".";
		return prefix + mac;
	}

	private Cursor decode(String token, Query query) {
		String[] parts = token.split("\\.", -1);
		if (parts.length == 3) {
			try {
				int index = Integer.parseInt(parts[0]);
				int end = Integer.parseInt(parts[1]);
				// compare whole tokens: base64 text differing only in unused bits must
				// not pass
				byte[] expected = encode(query, index, end).getBytes(StandardCharsets.US_ASCII);
				if (java.security.MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))) {
					return new Cursor(index, end);
				}
			}
			catch (NumberFormatException ex) {
				// falls through to the refusal
			}
		}
		throw ApiException.validation("The NextToken is invalid, or belongs to a query with other parameters "
				+ "(ContactId, ScanDirection, SortOrder and StartPosition must stay the same while paging)");
	}

	private record Cursor(int index, int end) {
	}

}
