package io.github.connectparticipant.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.retry.HttpStatusException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The PUT to, and GET of, pre-signed URLs, over the SDK's {@link SdkHttpClient} (the same
 * kind of client the SDK itself uses, with its connection pool, TLS and proxy settings).
 * Bodies stream through the client's own reused buffers in both directions, so a transfer
 * allocates little beyond its first request. Redirects are never followed: the SDK's
 * clients do not follow them, and a 3xx is refused here.
 */
final class PresignedHttp {

	/**
	 * Headers the HTTP client sets itself.
	 */
	private static final Set<String> CLIENT_HEADERS = Set.of("content-length", "host", "connection", "expect",
			"upgrade", "transfer-encoding");

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

	private static final int ERROR_BODY_LIMIT = 8 * 1024;

	private static final String UPLOAD_OBJECT = "UploadObject";

	private static final String DOWNLOAD_OBJECT = "DownloadObject";

	private static final int RUNNING = 0;

	private static final int ANSWERED = 1;

	private static final int TIMED_OUT = 2;

	private final SdkHttpClient httpClient;

	private final PresignedUrlGuard guard;

	PresignedHttp(SdkHttpClient httpClient, PresignedUrlGuard guard) {
		this.httpClient = httpClient;
		this.guard = guard;
	}

	PresignedUrlGuard guard() {
		return this.guard;
	}

	/**
	 * PUT the content to a pre-signed upload URL with exactly the headers the service
	 * asked for, the body streamed with its exact length.
	 */
	void put(URI url, Map<String, String> headersToInclude, UploadContent content, Duration timeout)
			throws IOException {
		guard().check(url, UPLOAD_OBJECT);
		Map<String, String> headers = new LinkedHashMap<>();
		headersToInclude.forEach((name, value) -> {
			String lowerCase = name.toLowerCase(Locale.ROOT);
			if (lowerCase.equals("content-length")) {
				if (!value.trim().equals(Long.toString(content.size()))) {
					throw new ConnectParticipantException("the upload URL was signed for " + value.trim()
							+ " bytes but the content has " + content.size(), UPLOAD_OBJECT, null, null, 0, null);
				}
			}
			else if (!CLIENT_HEADERS.contains(lowerCase)) {
				headers.put(name, value);
			}
		});
		headers.put("Content-Length", Long.toString(content.size()));
		ExactLengthInputStream body;
		Watchdog watchdog = new Watchdog(timeout);
		try {
			body = new ExactLengthInputStream(content.open(), content.size(), watchdog::moved);
		}
		catch (IOException ex) {
			throw new InvalidAttachmentException(InvalidAttachmentException.Rule.UNREADABLE,
					"the content could not be opened (" + ex.getClass().getSimpleName() + ")");
		}
		try (body) {
			HttpExecuteResponse response;
			try {
				response = execute(HttpExecuteRequest.builder()
					.request(PresignedRequest.of(url, SdkHttpMethod.PUT, headers))
					.contentStreamProvider(() -> body)
					.build(), watchdog);
			}
			catch (IOException ex) {
				throw body.mismatch().orElseThrow(() -> ex);
			}
			AbortableInputStream responseBody = response.responseBody().orElse(null);
			boolean drained = false;
			try {
				if (body.mismatch().isPresent()) {
					throw body.mismatch().get();
				}
				int status = response.httpResponse().statusCode();
				if (status / 100 == 3) {
					throw redirect(response.httpResponse(), UPLOAD_OBJECT);
				}
				if (status / 100 != 2) {
					throw failure(response.httpResponse(), responseBody);
				}
				if (responseBody != null) {
					responseBody.transferTo(OutputStream.nullOutputStream());
				}
				drained = true;
			}
			finally {
				release(responseBody, drained);
			}
		}
	}

	/**
	 * GET a pre-signed download URL from a byte position on, returning the open body
	 * positioned there. Closing the body before its end drops the connection instead of
	 * reading the rest of the object.
	 */
	InputStream get(URI url, long position, long size, Duration timeout) throws IOException {
		guard().check(url, DOWNLOAD_OBJECT);
		Map<String, String> headers = (position > 0) ? Map.of("Range", "bytes=" + position + "-") : Map.of();
		HttpExecuteResponse response = execute(
				HttpExecuteRequest.builder().request(PresignedRequest.of(url, SdkHttpMethod.GET, headers)).build(),
				new Watchdog(timeout));
		SdkHttpResponse head = response.httpResponse();
		AbortableInputStream body = response.responseBody()
			.orElseGet(() -> AbortableInputStream.create(InputStream.nullInputStream()));
		boolean handedOver = false;
		try {
			int status = head.statusCode();
			if (status == 206) {
				String range = head.firstMatchingHeader("Content-Range").orElse("");
				Matcher matcher = CONTENT_RANGE.matcher(range);
				if (!matcher.find() || Long.parseLong(matcher.group(1)) != position
						|| (!matcher.group(3).equals("*") && Long.parseLong(matcher.group(3)) != size)) {
					throw new ConnectParticipantException("the ranged download answered a range other than the one "
							+ "asked for (bytes " + position + "- of " + size + ")", DOWNLOAD_OBJECT, null, null, 0,
							null);
				}
			}
			else if (status == 200) {
				long length = head.firstMatchingHeader("Content-Length").map(PresignedHttp::parseLength).orElse(size);
				if (length != size) {
					throw new ConnectParticipantException(
							"the download has " + length + " bytes but GetAttachment " + "reported " + size,
							DOWNLOAD_OBJECT, null, null, 0, null);
				}
				if (position > 0) {
					body.skipNBytes(position);
				}
			}
			else if (status / 100 == 3) {
				throw redirect(head, DOWNLOAD_OBJECT);
			}
			else {
				throw failure(head, body);
			}
			handedOver = true;
			return new DownloadBody(body, size - position);
		}
		finally {
			if (!handedOver) {
				release(body, false);
			}
		}
	}

	private static long parseLength(String value) {
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Run a request, aborting it when its watchdog sees it neither move a byte of its
	 * body nor answer within the timeout, as the SDK's HTTP clients do with their socket
	 * timeouts: a slow transfer that keeps moving is never cut off, however long it
	 * takes.
	 */
	private HttpExecuteResponse execute(HttpExecuteRequest request, Watchdog watchdog) throws IOException {
		ExecutableHttpRequest call = this.httpClient.prepareRequest(request);
		watchdog.start(call);
		HttpExecuteResponse response;
		try {
			response = call.call();
		}
		catch (IOException ex) {
			if (watchdog.timedOut()) {
				throw watchdog.timeoutException(ex);
			}
			throw ex;
		}
		finally {
			watchdog.stop();
		}
		if (!watchdog.answered()) {
			release(response.responseBody().orElse(null), false);
			throw watchdog.timeoutException(null);
		}
		return response;
	}

	/**
	 * Give a response body back: a body read to its end returns its connection to the
	 * pool; any other is aborted, so that the rest of it is never read.
	 */
	private static void release(@Nullable AbortableInputStream body, boolean drained) {
		if (body == null) {
			return;
		}
		if (!drained) {
			body.abort();
		}
		try {
			body.close();
		}
		catch (IOException ex) {
			// the connection is dropped either way
		}
	}

	/**
	 * A redirect is never followed: it could lead anywhere, and a PUT's body would go
	 * with it.
	 */
	private static PresignedUrlRefusedException redirect(SdkHttpResponse response, String operation) {
		String target = response.firstMatchingHeader("Location").map((location) -> {
			try {
				return URI.create(location).getHost();
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}).orElse(null);
		return new PresignedUrlRefusedException("the pre-signed URL answered with a redirect (HTTP "
				+ response.statusCode() + ")" + ((target != null) ? " to host '" + target + "'" : "")
				+ ", which the library never follows; a pre-signed URL of Amazon S3 does not redirect when it is "
				+ "signed for the bucket's region", operation, target);
	}

	private static HttpStatusException failure(SdkHttpResponse response, @Nullable InputStream body) {
		String text;
		try {
			text = (body != null) ? new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			text = "";
		}
		String requestId = response.firstMatchingHeader("x-amz-request-id")
			.or(() -> response.firstMatchingHeader("x-amzn-RequestId"))
			.orElse(null);
		return HttpStatusException.of(response.statusCode(), text, requestId);
	}

	/**
	 * The timer that aborts requests that outlive their timeout: one daemon thread for
	 * the whole JVM, created on first use.
	 */
	private static final class Timer {

		static final ScheduledThreadPoolExecutor EXECUTOR = create();

		private static ScheduledThreadPoolExecutor create() {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "connect-participant-presigned-timeout");
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			return executor;
		}

	}

	/**
	 * Aborts a request that moves no byte of its body and gets no answer for the timeout:
	 * the time to the response after the body's last byte, and any pause in sending it.
	 * Its timer checks once per timeout rather than being moved on every byte.
	 */
	private static final class Watchdog {

		private final Duration timeout;

		private final AtomicInteger state = new AtomicInteger(RUNNING);

		private volatile long lastMoved = System.nanoTime();

		private @Nullable ExecutableHttpRequest call;

		private @Nullable ScheduledFuture<?> timer;

		private boolean stopped;

		Watchdog(Duration timeout) {
			this.timeout = timeout;
		}

		void moved() {
			this.lastMoved = System.nanoTime();
		}

		synchronized void start(ExecutableHttpRequest call) {
			this.call = call;
			this.lastMoved = System.nanoTime();
			this.timer = Timer.EXECUTOR.schedule(this::check, this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}

		private synchronized void check() {
			if (this.stopped || this.state.get() != RUNNING) {
				return;
			}
			long left = this.timeout.toNanos() - (System.nanoTime() - this.lastMoved);
			if (left > 0) {
				this.timer = Timer.EXECUTOR.schedule(this::check, left, TimeUnit.NANOSECONDS);
			}
			else if (this.state.compareAndSet(RUNNING, TIMED_OUT) && this.call != null) {
				this.call.abort();
			}
		}

		synchronized void stop() {
			this.stopped = true;
			if (this.timer != null) {
				this.timer.cancel(false);
			}
		}

		boolean timedOut() {
			return this.state.get() == TIMED_OUT;
		}

		/**
		 * Return whether the request answered before its time ran out; after this, the
		 * watchdog no longer aborts it.
		 */
		boolean answered() {
			return this.state.compareAndSet(RUNNING, ANSWERED);
		}

		HttpTimeoutException timeoutException(@Nullable IOException cause) {
			HttpTimeoutException timedOut = new HttpTimeoutException(
					"the pre-signed URL moved no bytes and did not " + "answer for " + this.timeout.toMillis() + " ms");
			if (cause != null) {
				timedOut.initCause(cause);
			}
			return timedOut;
		}

	}

	/**
	 * A download's body: closed before its last byte, it aborts its connection rather
	 * than reading the rest of the object to return the connection to the pool.
	 */
	private static final class DownloadBody extends FilterInputStream {

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
			release(this.body, this.remaining <= 0);
		}

	}

	/**
	 * The body of a PUT: exactly the size the content had when it was checked. A content
	 * that turns out shorter or longer (a file changed after the check, a resource whose
	 * {@code contentLength()} was wrong) breaks the request off before its last byte, so
	 * the object is never stored truncated or cut; the mismatch is then reported as
	 * {@link InvalidAttachmentException.Rule#SIZE_MISMATCH}, not retried.
	 */
	static final class ExactLengthInputStream extends InputStream {

		private final InputStream in;

		private final long size;

		private final Runnable moved;

		private long remaining;

		private volatile @Nullable InvalidAttachmentException mismatch;

		/**
		 * Create the body, telling {@code moved} whenever bytes were read from it to be
		 * sent.
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
		public int read() throws IOException {
			byte[] one = new byte[1];
			int read = read(one, 0, 1);
			return (read < 0) ? -1 : (one[0] & 0xFF);
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
					reason + ". The PUT was broken off before its last byte, so nothing was stored", UPLOAD_OBJECT);
			return new IOException("content length changed during the upload");
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
