package io.github.connectparticipant.attachment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.function.Supplier;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.retry.HttpStatusException;
import io.github.connectparticipant.retry.RetryExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * An attachment's bytes, streamed from its pre-signed URL. When the body breaks off, the
 * download resumes where it stopped with a {@code Range} request; when the URL has
 * expired, a new one is fetched with GetAttachment first. Ends exactly at the size
 * GetAttachment reported. Failures of the service arrive as the library's unchecked
 * exceptions.
 */
final class ResumingDownloadStream extends BulkReadInputStream {

	private static final Log logger = LogFactory.getLog(ResumingDownloadStream.class);

	private static final String OPERATION = ParticipantOperation.DOWNLOAD_OBJECT.operationName();

	private final Supplier<SignedUrl> urls;

	private final PresignedHttp http;

	private final RetryExecutor executor;

	private final Clock clock;

	private SignedUrl url;

	private final long size;

	private long position;

	private @Nullable InputStream body;

	private boolean urlRefused;

	private int breaksWithoutProgress;

	private boolean closed;

	/**
	 * Create a stream.
	 * @param first the URL GetAttachment returned
	 * @param urls fetches a new URL (one GetAttachment attempt)
	 */
	ResumingDownloadStream(SignedUrl first, Supplier<SignedUrl> urls, PresignedHttp http, RetryExecutor executor,
			Clock clock) {
		this.url = first;
		this.size = first.size();
		this.urls = urls;
		this.http = http;
		this.executor = executor;
		this.clock = clock;
	}

	long size() {
		return this.size;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.closed) {
			throw new IOException("The attachment stream is closed");
		}
		if (length == 0) {
			return 0;
		}
		if (this.position >= this.size) {
			closeBody();
			return -1;
		}
		while (true) {
			InputStream current = this.body;
			if (current == null) {
				current = openBody();
				this.body = current;
			}
			try {
				int read = current.read(buffer, offset, (int) Math.min(length, this.size - this.position));
				if (read < 0) {
					throw new EOFException("the body ended early");
				}
				this.position += read;
				if (read > 0) {
					this.breaksWithoutProgress = 0;
				}
				return read;
			}
			catch (IOException ex) {
				closeBody();
				this.breaksWithoutProgress++;
				int maxAttempts = this.executor.settings().maxAttempts();
				if (this.breaksWithoutProgress >= maxAttempts) {
					throw new RetriesExhaustedException(
							"the download broke off at byte " + this.position + " of " + this.size + " "
									+ this.breaksWithoutProgress + " times without progress ("
									+ ex.getClass().getSimpleName() + ")",
							ParticipantOperation.DOWNLOAD_OBJECT.operationName(), ex.getClass().getSimpleName(), null,
							this.breaksWithoutProgress, ex);
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Download broke off at byte " + this.position + " of " + this.size + " ("
							+ ex.getClass().getSimpleName() + "); resuming with a Range request");
				}
			}
		}
	}

	private InputStream openBody() {
		return this.executor.transfer(ParticipantOperation.DOWNLOAD_OBJECT, (context) -> {
			if (this.urlRefused || this.url.isExpired(this.clock.instant())) {
				SignedUrl fresh = this.urls.get();
				if (fresh.size() != this.size) {
					throw ConnectParticipantException.unexpectedResponse(ParticipantOperation.DOWNLOAD_OBJECT,
							"the attachment's size changed from " + this.size + " to " + fresh.size()
									+ " bytes during the download",
							null, context.number());
				}
				this.url = fresh;
				this.urlRefused = false;
				logger.debug("Fetched a new download URL for the attachment; the previous one expired");
			}
			try {
				return this.http.get(this.url.url(), this.position, this.size, context.timeout());
			}
			catch (HttpStatusException ex) {
				if (ex.isUrlExpired()) {
					this.urlRefused = true;
					throw ex.asRetryable();
				}
				throw ex;
			}
		});
	}

	@Override
	public int available() {
		InputStream current = this.body;
		try {
			return (current != null)
					? Math.min(current.available(), (int) Math.min(Integer.MAX_VALUE, this.size - this.position)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private void closeBody() {
		InputStream current = this.body;
		this.body = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// The connection is going away either way.
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		closeBody();
	}

}
