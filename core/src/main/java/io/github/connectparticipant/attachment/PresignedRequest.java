package io.github.connectparticipant.attachment;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * A request to a pre-signed URL for an SDK
 * {@link software.amazon.awssdk.http.SdkHttpClient}.
 * <p>
 * It hands the client the URL exactly as it was signed ({@link #getUri()},
 * {@link #encodedQueryParameters()}): the SDK's own request type rebuilds its URI from
 * decoded parts through a cache that logs every URI it builds, signature included, at
 * TRACE. {@link #toString()} shows neither path nor query.
 */
final class PresignedRequest implements SdkHttpRequest {

	private final URI uri;

	private final SdkHttpMethod method;

	private final Map<String, List<String>> headers;

	private PresignedRequest(URI uri, SdkHttpMethod method, Map<String, List<String>> headers) {
		this.uri = uri;
		this.method = method;
		this.headers = headers;
	}

	/**
	 * Create a request.
	 * @param uri the pre-signed URL, absolute, http or https
	 * @param method the method
	 * @param headers the headers, one value each
	 */
	static PresignedRequest of(URI uri, SdkHttpMethod method, Map<String, String> headers) {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, value) -> copy.put(name, List.of(value)));
		return new PresignedRequest(uri, method, Collections.unmodifiableMap(copy));
	}

	@Override
	public URI getUri() {
		return this.uri;
	}

	@Override
	public String protocol() {
		return this.uri.getScheme().toLowerCase(Locale.ROOT);
	}

	@Override
	public String host() {
		return this.uri.getHost();
	}

	@Override
	public int port() {
		if (this.uri.getPort() >= 0) {
			return this.uri.getPort();
		}
		return "https".equals(protocol()) ? 443 : 80;
	}

	@Override
	public String encodedPath() {
		String path = this.uri.getRawPath();
		return (path != null) ? path : "";
	}

	@Override
	public Map<String, List<String>> rawQueryParameters() {
		return SdkHttpUtils.uriParams(this.uri);
	}

	@Override
	public Optional<String> encodedQueryParameters() {
		return Optional.ofNullable(this.uri.getRawQuery());
	}

	@Override
	public SdkHttpMethod method() {
		return this.method;
	}

	@Override
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	@Override
	public Builder toBuilder() {
		return SdkHttpRequest.builder().uri(this.uri).method(this.method).headers(this.headers);
	}

	@Override
	public String toString() {
		return "PresignedRequest[" + this.method + " " + protocol() + "://" + host() + ":" + port()
				+ "/<redacted>, headers=" + this.headers.keySet() + "]";
	}

}
