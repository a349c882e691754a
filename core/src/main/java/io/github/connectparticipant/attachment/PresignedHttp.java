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

	private final HttpClient httpClient;

	PresignedHttp(HttpClient httpClient) {
		this.httpClient = httpClient;
	}

	/**
	 * PUT the content to a pre-signed upload URL with exactly the headers the service
	 * asked for, the body streamed with its exact length.
	 */
	void put(URI url, Map<String, String> headersToInclude, UploadContent content, Duration timeout)
			throws IOException, InterruptedException {
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
		InputStream body;
		try {
			body = content.open();
		}
		catch (IOException ex) {
			throw new InvalidAttachmentException(InvalidAttachmentException.Rule.UNREADABLE,
					"the content could not be opened (" + ex.getClass().getSimpleName() + ")");
		}
		try (body) {
			request.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
					content.size()));
			HttpResponse<InputStream> response = this.httpClient.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream responseBody = response.body()) {
				if (response.statusCode() / 100 != 2) {
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
							+ "asked for (bytes " + position + "- of " + size + ")", "DownloadObject", null, null, 0,
							null);
				}
			}
			else if (status == 200) {
				long length = response.headers().firstValueAsLong("Content-Length").orElse(size);
				if (length != size) {
					throw new ConnectParticipantException("the download has " + length + " bytes but GetAttachment "
							+ "reported " + size, "DownloadObject", null, null, 0, null);
				}
				if (position > 0) {
					body.skipNBytes(position);
				}
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

}
