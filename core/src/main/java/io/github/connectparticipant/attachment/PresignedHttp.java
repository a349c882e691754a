package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.retry.HttpStatusException;
import org.jspecify.annotations.Nullable;

/**
 * The PUT to, and GET of, pre-signed URLs, over {@link HttpClient}.
 */
final class PresignedHttp {

	/**
	 * Headers {@link HttpClient} sets itself and refuses to be given.
	 */
	private static final Set<String> RESTRICTED_HEADERS = Set.of("content-length", "host", "connection", "expect",
			"upgrade");

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

	private static final int ERROR_BODY_LIMIT = 8 * 1024;

	private static final String UPLOAD_OBJECT = "UploadObject";

	private static final String DOWNLOAD_OBJECT = "DownloadObject";

	private final HttpClient httpClient;

	private final PresignedUrlGuard guard;

	PresignedHttp(HttpClient httpClient, PresignedUrlGuard guard) {
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
			throws IOException, InterruptedException {
		this.guard.check(url, UPLOAD_OBJECT);
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.version(HttpClient.Version.HTTP_1_1)
			.timeout(timeout);
		headersToInclude.forEach((name, value) -> {
			String lowerCase = name.toLowerCase(Locale.ROOT);
			if (lowerCase.equals("content-length")) {
				if (!value.trim().equals(Long.toString(content.size()))) {
					throw new ConnectParticipantException("the upload URL was signed for " + value.trim()
							+ " bytes but the content has " + content.size(), "UploadObject", null, null, 0, null);
				}
			}
			else if (!RESTRICTED_HEADERS.contains(lowerCase)) {
				request.header(name, value);
			}
		});
		ExactLengthInputStream body;
		try {
			body = new ExactLengthInputStream(content.open(), content.size());
		}
		catch (IOException ex) {
			throw new InvalidAttachmentException(InvalidAttachmentException.Rule.UNREADABLE,
					"the content could not be opened (" + ex.getClass().getSimpleName() + ")");
		}
		try (body) {
			request.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
					content.size()));
			HttpResponse<InputStream> response;
			try {
				response = this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (IOException ex) {
				throw body.mismatch().orElseThrow(() -> ex);
			}
			try (InputStream responseBody = response.body()) {
				if (body.mismatch().isPresent()) {
					throw body.mismatch().get();
				}
				int status = response.statusCode();
				if (status / 100 == 3) {
					throw redirect(response, UPLOAD_OBJECT);
				}
				if (status / 100 != 2) {
					throw failure(response, responseBody);
				}
				responseBody.transferTo(OutputStream.nullOutputStream());
			}
		}
	}

	/**
	 * GET a pre-signed download URL from a byte position on, returning the open body
	 * positioned there.
	 */
	InputStream get(URI url, long position, long size, Duration timeout) throws IOException, InterruptedException {
		this.guard.check(url, DOWNLOAD_OBJECT);
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.version(HttpClient.Version.HTTP_1_1)
			.timeout(timeout)
			.GET();
		if (position > 0) {
			request.header("Range", "bytes=" + position + "-");
		}
		HttpResponse<InputStream> response = this.httpClient.send(request.build(),
				HttpResponse.BodyHandlers.ofInputStream());
		InputStream body = response.body();
		boolean handedOver = false;
		try {
			int status = response.statusCode();
			if (status == 206) {
				String range = response.headers().firstValue("Content-Range").orElse("");
				Matcher matcher = CONTENT_RANGE.matcher(range);
				if (!matcher.find() || Long.parseLong(matcher.group(1)) != position
						|| (!matcher.group(3).equals("*") && Long.parseLong(matcher.group(3)) != size)) {
					throw new ConnectParticipantException("the ranged download answered a range other than the one "
							+ "asked for (bytes " + position + "- of " + size + ")", DOWNLOAD_OBJECT, null, null, 0,
							null);
				}
			}
			else if (status == 200) {
				long length = response.headers().firstValueAsLong("Content-Length").orElse(size);
				if (length != size) {
					throw new ConnectParticipantException("the download has " + length + " bytes but GetAttachment "
							+ "reported " + size, DOWNLOAD_OBJECT, null, null, 0, null);
				}
				if (position > 0) {
					body.skipNBytes(position);
				}
			}
			else if (status / 100 == 3) {
				throw redirect(response, DOWNLOAD_OBJECT);
			}
			else {
				throw failure(response, body);
			}
			handedOver = true;
			return body;
		}
		finally {
			if (!handedOver) {
				body.close();
			}
		}
	}

	/**
	 * A redirect is never followed: it could lead anywhere, and a PUT's body would go
	 * with it.
	 */
	private static PresignedUrlRefusedException redirect(HttpResponse<InputStream> response, String operation) {
		String target = response.headers().firstValue("Location").map((location) -> {
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

	private static HttpStatusException failure(HttpResponse<InputStream> response, InputStream body) {
		String text;
		try {
			text = new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			text = "";
		}
		String requestId = response.headers()
			.firstValue("x-amz-request-id")
			.or(() -> response.headers().firstValue("x-amzn-RequestId"))
			.orElse(null);
		return HttpStatusException.of(response.statusCode(), text, requestId);
	}

	/**
	 * A pre-signed URL with its expiry and the size of the object behind it.
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

	/**
	 * The body of a PUT: exactly the size the content had when it was checked. A
	 * content that turns out shorter or longer (a file changed after the check, a
	 * resource whose {@code contentLength()} was wrong) breaks the request off before
	 * its last byte, so the object is never stored truncated or cut; the mismatch is
	 * then reported as {@link InvalidAttachmentException.Rule#SIZE_MISMATCH}, not retried.
	 */
	static final class ExactLengthInputStream extends InputStream {

		private final InputStream in;

		private final long size;

		private long remaining;

		private volatile @Nullable InvalidAttachmentException mismatch;

		ExactLengthInputStream(InputStream in, long size) {
			this.in = in;
			this.size = size;
			this.remaining = size;
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
			if (this.remaining == 0 && this.in.read() >= 0) {
				// Withhold the last bytes: the request must not reach its declared length.
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
