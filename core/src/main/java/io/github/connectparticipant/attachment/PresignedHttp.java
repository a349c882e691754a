package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.retry.HttpStatusException;
import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

import static io.github.connectparticipant.ParticipantOperation.DOWNLOAD_OBJECT;
import static io.github.connectparticipant.ParticipantOperation.UPLOAD_OBJECT;

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

	private static final ParticipantOperation UPLOAD_OBJECT = ParticipantOperation.UPLOAD_OBJECT;

	private static final ParticipantOperation DOWNLOAD_OBJECT = ParticipantOperation.DOWNLOAD_OBJECT;

	private final SdkHttpClient httpClient;

	private final SingletonSupplier<PresignedUrlGuard> guard;

	PresignedHttp(SdkHttpClient httpClient, PresignedUrlGuard guard) {
		this(httpClient, () -> guard);
	}

	/**
	 * Create the transfers with a guard made when the first URL is checked.
	 */
	PresignedHttp(SdkHttpClient httpClient, Supplier<PresignedUrlGuard> guard) {
		this.httpClient = httpClient;
		this.guard = SingletonSupplier.of(guard);
	}

	PresignedUrlGuard guard() {
		return this.guard.obtain();
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
					throw ConnectParticipantException.unexpectedResponse(UPLOAD_OBJECT, "the upload URL was signed for "
							+ value.trim() + " bytes but the content has " + content.size(), null, 0);
				}
			}
			else if (!CLIENT_HEADERS.contains(lowerCase)) {
				headers.put(name, value);
			}
		});
		headers.put("Content-Length", Long.toString(content.size()));
		ExactLengthInputStream body;
		TransferWatchdog watchdog = new TransferWatchdog(timeout);
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
				new TransferWatchdog(timeout));
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
					throw ConnectParticipantException.unexpectedResponse(DOWNLOAD_OBJECT,
							"the ranged download answered a range other than the one asked for (bytes " + position
									+ "- of " + size + ")",
							null, 0);
				}
			}
			else if (status == 200) {
				long length = head.firstMatchingHeader("Content-Length").map(PresignedHttp::parseLength).orElse(size);
				if (length != size) {
					throw ConnectParticipantException.unexpectedResponse(DOWNLOAD_OBJECT,
							"the download has " + length + " bytes but GetAttachment reported " + size, null, 0);
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
	private HttpExecuteResponse execute(HttpExecuteRequest request, TransferWatchdog watchdog) throws IOException {
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
	static void release(@Nullable AbortableInputStream body, boolean drained) {
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
	private static PresignedUrlRefusedException redirect(SdkHttpResponse response, ParticipantOperation operation) {
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
				+ "signed for the bucket's region", operation.operationName(), target);
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

}
