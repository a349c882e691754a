package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.springframework.util.Assert;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The HTTP client the library's pre-signed URL transfers use by default: the JDK's
 * {@link HttpURLConnection}, as the SDK's {@code UrlConnectionHttpClient} uses it, but
 * writing a request body in 64 KB blocks. The SDK's client copies a body through a 4 KB
 * buffer into the connection's 8 KB buffered stream, so a 20 MB upload takes 2,560 socket
 * writes instead of 320 and costs about a third more time on loopback. It allocates one
 * 64 KB buffer per upload; a download streams through the connection's own buffers.
 * <p>
 * Like the SDK's clients it follows no redirect, keeps no cache and logs nothing of its
 * own; proxies and TLS are the JDK's defaults (the {@code http.proxyHost} and
 * {@code https.proxyHost} system properties, the default {@code SSLContext}), as they are
 * for the SDK's URL-connection client built without options. An application that needs
 * other proxy or TLS settings gives the library an SDK client instead.
 */
public final class PresignedUrlHttpClient implements SdkHttpClient {

	private static final int WRITE_BLOCK = 64 * 1024;

	/** Headers {@link HttpURLConnection} sets itself and refuses from the caller. */
	private static final Set<String> CONNECTION_HEADERS = Set.of("host", "content-length", "connection",
			"transfer-encoding", "expect", "upgrade", "keep-alive");

	private final Duration connectTimeout;

	private final Duration readTimeout;

	/**
	 * Create a client.
	 * @param connectTimeout time allowed to open a connection (positive)
	 * @param readTimeout longest wait for data on an open connection (positive)
	 */
	public PresignedUrlHttpClient(Duration connectTimeout, Duration readTimeout) {
		Assert.isTrue(connectTimeout != null && isPositiveMillis(connectTimeout),
				"connectTimeout must be at least 1 ms");
		Assert.isTrue(readTimeout != null && isPositiveMillis(readTimeout), "readTimeout must be at least 1 ms");
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	private static boolean isPositiveMillis(Duration duration) {
		return duration.toMillis() >= 1 && duration.toMillis() <= Integer.MAX_VALUE;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new Exchange(request);
	}

	@Override
	public String clientName() {
		return "UrlConnection";
	}

	@Override
	public void close() {
		// idle keep-alive connections belong to the JDK's shared cache
	}

	/**
	 * One request, with the client's timeouts.
	 */
	private final class Exchange implements ExecutableHttpRequest {

		private final HttpExecuteRequest request;

		private volatile HttpURLConnection connection;

		private volatile boolean aborted;

		Exchange(HttpExecuteRequest request) {
			this.request = request;
		}

		@Override
		public HttpExecuteResponse call() throws IOException {
			SdkHttpRequest head = this.request.httpRequest();
			URLConnection opened = head.getUri().toURL().openConnection();
			if (!(opened instanceof HttpURLConnection http)) {
				throw new IOException("not an HTTP URL: " + head.protocol());
			}
			this.connection = http;
			if (this.aborted) {
				http.disconnect();
				throw new IOException("the request was aborted");
			}
			http.setRequestMethod(head.method().name());
			http.setInstanceFollowRedirects(false);
			http.setUseCaches(false);
			http.setConnectTimeout((int) PresignedUrlHttpClient.this.connectTimeout.toMillis());
			http.setReadTimeout((int) PresignedUrlHttpClient.this.readTimeout.toMillis());
			head.forEachHeader((name, values) -> {
				if (!CONNECTION_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> http.addRequestProperty(name, value));
				}
			});
			Optional<ContentStreamProvider> body = this.request.contentStreamProvider();
			if (body.isPresent()) {
				send(http, head, body.get(), () -> this.aborted);
			}
			return answer(http);
		}

		private static void send(HttpURLConnection http, SdkHttpRequest head, ContentStreamProvider body,
				BooleanSupplier aborted) throws IOException {
			http.setDoOutput(true);
			Optional<String> length = head.firstMatchingHeader("Content-Length");
			if (length.isPresent()) {
				http.setFixedLengthStreamingMode(Long.parseLong(length.get().trim()));
			}
			else {
				http.setChunkedStreamingMode(WRITE_BLOCK);
			}
			try (InputStream in = body.newStream(); OutputStream out = http.getOutputStream()) {
				byte[] block = new byte[WRITE_BLOCK];
				int filled = 0;
				int read;
				while ((read = in.read(block, filled, block.length - filled)) != -1) {
					if (aborted.getAsBoolean()) {
						// the body's source may be slow: stop at once rather than at
						// the next full block
						throw new IOException("the request was aborted");
					}
					filled += read;
					if (filled == block.length) {
						out.write(block, 0, filled);
						filled = 0;
					}
				}
				if (filled > 0) {
					out.write(block, 0, filled);
				}
			}
		}

		private static HttpExecuteResponse answer(HttpURLConnection http) throws IOException {
			int status = http.getResponseCode();
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			http.getHeaderFields().forEach((name, values) -> {
				if (name != null) {
					headers.put(name, values);
				}
			});
			InputStream stream = (status >= 400) ? http.getErrorStream() : http.getInputStream();
			SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder()
				.statusCode(status)
				.statusText(http.getResponseMessage())
				.headers(headers);
			AbortableInputStream responseBody = (stream != null) ? AbortableInputStream.create(stream, http::disconnect)
					: null;
			return HttpExecuteResponse.builder().response(response.build()).responseBody(responseBody).build();
		}

		@Override
		public void abort() {
			this.aborted = true;
			HttpURLConnection http = this.connection;
			if (http != null) {
				http.disconnect();
			}
		}

	}

}
