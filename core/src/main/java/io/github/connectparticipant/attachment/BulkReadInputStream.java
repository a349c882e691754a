package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream whose single-byte {@link #read()} goes through
 * {@link #read(byte[], int, int)}, so that the bulk read is the one place that counts,
 * checks and resumes what the stream gives.
 */
abstract class BulkReadInputStream extends InputStream {

	@Override
	public final int read() throws IOException {
		byte[] one = new byte[1];
		int read = read(one, 0, 1);
		return (read < 0) ? -1 : (one[0] & 0xFF);
	}

	@Override
	public abstract int read(byte[] buffer, int offset, int length) throws IOException;

}
