package io.github.connectparticipant.attachment;

import java.io.FilterInputStream;
import java.io.IOException;

import software.amazon.awssdk.http.AbortableInputStream;

/**
 * A download's body: closed before its last byte, it aborts its connection rather than
 * reading the rest of the object to return the connection to the pool.
 */
final class DownloadBody extends FilterInputStream {

	private final AbortableInputStream body;

	private long remaining;

	DownloadBody(AbortableInputStream body, long remaining) {
		super(body);
		this.body = body;
		this.remaining = remaining;
	}

	@Override
	public int read() throws IOException {
		int read = super.read();
		if (read >= 0) {
			this.remaining--;
		}
		return read;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int read = super.read(buffer, offset, length);
		if (read > 0) {
			this.remaining -= read;
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		this.remaining -= skipped;
		return skipped;
	}

	@Override
	public void close() {
		PresignedHttp.release(this.body, this.remaining <= 0);
	}

}
