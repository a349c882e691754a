package io.github.connectparticipant.attachment;

import java.net.URI;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * A pre-signed URL from which an attachment can be downloaded until it expires. The URL
 * is a bearer secret: hand it to whoever should download the attachment, and do not log
 * it ({@link #toString()} leaves it out).
 *
 * @param url the pre-signed URL
 * @param expiry when the URL stops working
 * @param size the attachment's size in bytes
 */
public record AttachmentLink(URI url, Instant expiry, long size) {

	/**
	 * Check the values.
	 */
	public AttachmentLink {
		Assert.notNull(url, "url is required");
		Assert.notNull(expiry, "expiry is required");
	}

	@Override
	public String toString() {
		return "AttachmentLink[url=<redacted>, expiry=" + this.expiry + ", size=" + this.size + "]";
	}

}
