package io.github.connectparticipant.attachment;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * A pre-signed URL with its expiry and the size of the object behind it. A secret: its
 * {@code toString()} never shows the URL.
 */
record SignedUrl(URI url, @Nullable Instant expiry, long size) {

	boolean isExpired(Instant now) {
		return this.expiry != null && !now.isBefore(this.expiry);
	}

	/**
	 * Read the expiry the service gave with a URL.
	 * @param time the service's ISO-8601 time
	 * @return the time, or {@code null} when the service gave none it could be read as
	 */
	static @Nullable Instant parseExpiry(@Nullable String time) {
		if (time == null || time.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(time);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "SignedUrl[url=<redacted>, expiry=" + this.expiry + ", size=" + this.size + "]";
	}

}
