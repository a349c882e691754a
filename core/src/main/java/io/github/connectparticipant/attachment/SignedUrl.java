package io.github.connectparticipant.attachment;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A pre-signed URL with its expiry and the size of the object behind it. A secret: its
 * {@code toString()} never shows the URL.
 */
record SignedUrl(URI url, @Nullable Instant expiry, long size) {

	boolean isExpired(Instant now) {
		return this.expiry != null && !now.isBefore(this.expiry);
	}

	@Override
	public String toString() {
		return "SignedUrl[url=<redacted>, expiry=" + this.expiry + ", size=" + this.size + "]";
	}

}
