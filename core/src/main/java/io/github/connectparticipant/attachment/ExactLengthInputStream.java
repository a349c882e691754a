package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import io.github.connectparticipant.ParticipantOperation;
import org.jspecify.annotations.Nullable;

/**
 * The body of a PUT: exactly the size the content had when it was checked. A content that
 * turns out shorter or longer (a file changed after the check, a resource whose
 * {@code contentLength()} was wrong) breaks the request off before its last byte, so the
 * object is never stored truncated or cut; the mismatch is then reported as
 * {@link InvalidAttachmentException.Rule#SIZE_MISMATCH}, not retried.
 */
final class ExactLengthInputStream extends BulkReadInputStream {

	private final InputStream in;

	private final long size;

	private final Runnable moved;

	private long remaining;

	private volatile @Nullable InvalidAttachmentException mismatch;

	/**
	 * Create the body, telling {@code moved} whenever bytes were read from it to be sent.
	 */
	ExactLengthInputStream(InputStream in, long size, Runnable moved) {
		this.in = in;
		this.size = size;
		this.remaining = size;
		this.moved = moved;
	}

	Optional<InvalidAttachmentException> mismatch() {
		return Optional.ofNullable(this.mismatch);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.remaining == 0) {
			return -1;
		}
		int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
		if (read < 0) {
			throw fail("the content ended after " + (this.size - this.remaining) + " bytes while being sent, but "
					+ "had " + this.size + " when it was checked: it changed during the upload");
		}
		this.remaining -= read;
		this.moved.run();
		if (this.remaining == 0 && this.in.read() >= 0) {
			// Withhold the last bytes: the request must not reach its declared
			// length.
			throw fail("the content holds more than the " + this.size + " bytes it had when it was checked: it "
					+ "changed during the upload");
		}
		return read;
	}

	private IOException fail(String reason) {
		this.mismatch = new InvalidAttachmentException(InvalidAttachmentException.Rule.SIZE_MISMATCH,
				reason + ". The PUT was broken off before its last byte, so nothing was stored",
				ParticipantOperation.UPLOAD_OBJECT.operationName());
		return new IOException("content length changed during the upload");
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
