package io.github.connectparticipant.transcript;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Where a transcript read starts (inclusive): exactly one of an item id, a time, or a
 * count back from the most recent item.
 *
 * @param itemId the id of the item to start at
 * @param time the time to start at
 * @param mostRecent how many items back from the most recent one to start (0 to 100)
 */
public record StartPosition(@Nullable String itemId, @Nullable Instant time, @Nullable Integer mostRecent) {

	/**
	 * Check that exactly one position is given and that it is in range.
	 */
	public StartPosition {
		int given = ((itemId != null) ? 1 : 0) + ((time != null) ? 1 : 0) + ((mostRecent != null) ? 1 : 0);
		Assert.isTrue(given == 1, "A start position takes exactly one of itemId, time and mostRecent");
		Assert.isTrue(itemId == null || (!itemId.isEmpty() && itemId.length() <= 256),
				"itemId must be 1 to 256 characters");
		Assert.isTrue(mostRecent == null || (mostRecent >= 0 && mostRecent <= 100), "mostRecent must be 0 to 100");
	}

	/**
	 * Start at the item with this id.
	 * @param itemId the item's id
	 * @return the start position
	 */
	public static StartPosition ofItemId(String itemId) {
		return new StartPosition(itemId, null, null);
	}

	/**
	 * Start at this time (millisecond precision).
	 * @param time the time
	 * @return the start position
	 */
	public static StartPosition ofTime(Instant time) {
		Assert.notNull(time, "time is required");
		return new StartPosition(null, time, null);
	}

	/**
	 * Start this many items back from the most recent one.
	 * @param count 0 (the most recent item) to 100
	 * @return the start position
	 */
	public static StartPosition mostRecent(int count) {
		return new StartPosition(null, null, count);
	}

	/**
	 * Start at the beginning of the transcript (its oldest item).
	 * @return the start position
	 */
	public static StartPosition beginning() {
		return ofTime(Instant.EPOCH);
	}

}
