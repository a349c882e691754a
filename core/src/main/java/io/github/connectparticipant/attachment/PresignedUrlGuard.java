package io.github.connectparticipant.attachment;

import io.github.connectparticipant.ParticipantOperation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

/**
 * Decides where the library may send a pre-signed URL's request: the SSRF guard. A
 * pre-signed URL arrives in a service answer and is followed without further thought, so
 * a tampered answer (a hostile endpoint, a proxy, a man in the middle) could otherwise
 * make the application PUT a customer's file to, or GET a body from, any host the
 * application can reach, such as an instance metadata service or an internal admin port.
 * <p>
 * A URL is accepted when all of these hold:
 * <ul>
 * <li>it is absolute, its scheme is {@code https}, or {@code http} to the SDK client's
 * endpoint override (the emulator) and nowhere else;</li>
 * <li>it carries no user information ({@code https://s3.amazonaws.com@evil.example/} is
 * refused);</li>
 * <li>its host matches an allowed entry: by default Amazon S3's hosts for the client's
 * region (virtual-hosted and path-style, regional, legacy global, dual-stack and FIPS)
 * plus the endpoint override's host and port; {@code presignedUrlHosts}, when not empty,
 * replaces that list. A {@code *.suffix} entry matches names ending in {@code .suffix},
 * never an IP address; an IP address is accepted only as an exact entry or as the
 * endpoint override's host;</li>
 * <li>its port is the scheme's default, or the one the entry names.</li>
 * </ul>
 * Nothing is resolved: the decision is made on the URL's text before any connection is
 * opened. Redirects are never followed (the HTTP client must not follow them, and a 3xx
 * answer is a failure).
 */
final class PresignedUrlGuard {

	private static final Pattern HOST_NAME = Pattern
		.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final List<Entry> entries;

	private final @Nullable Entry endpoint;

	private final boolean derived;

	private PresignedUrlGuard(List<Entry> entries, @Nullable Entry endpoint, boolean derived) {
		this.entries = List.copyOf(entries);
		this.endpoint = endpoint;
		this.derived = derived;
	}

	/**
	 * Return the guard for an SDK client: its region's S3 hosts and its endpoint
	 * override, unless hosts are configured.
	 * @param client the Participant Service client
	 * @param configured the configured hosts ({@code presignedUrlHosts}); empty to derive
	 * @return the guard
	 */
	static PresignedUrlGuard forClient(ConnectParticipantClient client, List<String> configured) {
		Region region = null;
		URI endpointOverride = null;
		try {
			AwsServiceClientConfiguration configuration = client.serviceClientConfiguration();
			region = configuration.region();
			endpointOverride = configuration.endpointOverride().orElse(null);
		}
		catch (RuntimeException ex) {
			// A client without a readable configuration (a test double): S3 of no region.
		}
		return of(region, endpointOverride, configured);
	}

	/**
	 * Return the guard for a region and endpoint override.
	 * @param region the client's region, if known
	 * @param endpointOverride the client's endpoint override, if any
	 * @param configured the configured hosts; empty to derive them
	 * @return the guard
	 * @throws IllegalArgumentException if a configured entry is not a host name,
	 * {@code host:port} or {@code *.suffix} pattern
	 */
	static PresignedUrlGuard of(@Nullable Region region, @Nullable URI endpointOverride, List<String> configured) {
		Assert.notNull(configured, "configured is required");
		Entry endpoint = (endpointOverride != null) ? endpointEntry(endpointOverride) : null;
		if (!configured.isEmpty()) {
			List<Entry> entries = new ArrayList<>();
			for (String value : configured) {
				entries.add(Entry.parse(value));
			}
			return new PresignedUrlGuard(entries, endpoint, false);
		}
		List<Entry> entries = new ArrayList<>();
		if (region != null) {
			String suffix = dnsSuffix(region);
			String id = region.id().toLowerCase(Locale.ROOT);
			for (String s3 : List.of("s3." + suffix, "s3." + id + "." + suffix, "s3.dualstack." + id + "." + suffix,
					"s3-" + id + "." + suffix, "s3-fips." + id + "." + suffix,
					"s3-fips.dualstack." + id + "." + suffix)) {
				entries.add(new Entry(s3, false, -1, s3));
				entries.add(new Entry(s3, true, -1, "*." + s3));
			}
		}
		if (endpoint != null) {
			entries.add(endpoint);
		}
		return new PresignedUrlGuard(entries, endpoint, true);
	}

	private static String dnsSuffix(Region region) {
		try {
			return PartitionMetadata.of(region).dnsSuffix();
		}
		catch (RuntimeException ex) {
			return "amazonaws.com";
		}
	}

	private static @Nullable Entry endpointEntry(URI endpointOverride) {
		String host = normalize(endpointOverride.getHost());
		if (host == null) {
			return null;
		}
		int port = effectivePort(endpointOverride.getScheme(), endpointOverride.getPort());
		return new Entry(host, false, port, host + ":" + port + " (endpoint override)");
	}

	/**
	 * Parse and check a URL from a service answer.
	 * @param url the URL as the service sent it
	 * @param operation the operation the URL is for ({@code UploadObject},
	 * {@code DownloadObject}, {@code GetAttachment})
	 * @return the URL, safe to send a request to
	 * @throws PresignedUrlRefusedException if it is not
	 */
	URI check(String url, ParticipantOperation operation) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw refused(operation, null, "the pre-signed URL is not a valid URL");
		}
		return check(uri, operation);
	}

	/**
	 * Check a URL.
	 * @param url the URL
	 * @param operation the operation the URL is for
	 * @return the URL
	 * @throws PresignedUrlRefusedException if it is not safe to send a request to
	 */
	URI check(URI url, ParticipantOperation operation) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!url.isAbsolute() || url.isOpaque() || (!"https".equals(scheme) && !"http".equals(scheme))) {
			throw refused(operation, null, "the pre-signed URL is not an absolute http or https URL");
		}
		String host = normalize(url.getHost());
		if (host == null) {
			throw refused(operation, null, "the pre-signed URL has no valid host name");
		}
		if (url.getRawUserInfo() != null) {
			throw refused(operation, host, "the pre-signed URL carries user information before its host '" + host
					+ "', a way to disguise the real host");
		}
		int port = effectivePort(scheme, url.getPort());
		String target = "host '" + host + "'" + ((port != defaultPort(scheme)) ? " port " + port : "");
		Entry endpoint = this.endpoint;
		if ("http".equals(scheme) && (endpoint == null || !endpoint.matches(host, port, scheme))) {
			throw refused(operation, host, "plain http is accepted only to the SDK client's endpoint override"
					+ ((endpoint != null) ? ", " + endpoint.host() + ":" + endpoint.port() : ", and none is set")
					+ ", not to " + target);
		}
		for (Entry entry : this.entries) {
			if (entry.matches(host, port, scheme)) {
				return url;
			}
		}
		throw refused(operation, host, target + (isIpAddress(host) ? " (an IP address)" : "")
				+ " is not an expected host for pre-signed URLs (" + describe() + ")");
	}

	/**
	 * Describe the accepted hosts, for messages.
	 */
	String describe() {
		String list = this.entries.stream().map(Entry::description).collect(Collectors.joining(", "));
		return this.derived ? "expected, derived from the client's region and endpoint override: " + list
				: "expected, from presignedUrlHosts: " + list;
	}

	private static PresignedUrlRefusedException refused(ParticipantOperation operation, @Nullable String host,
			String reason) {
		return new PresignedUrlRefusedException(
				reason + ". The URL came from the service's answer; if the host is "
						+ "right, list it in presignedUrlHosts (connect.participant.attachments.presigned-url-hosts)",
				operation.operationName(), host);
	}

	private static @Nullable String normalize(@Nullable String host) {
		if (host == null || host.isEmpty()) {
			return null;
		}
		String lower = host.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".")) {
			lower = lower.substring(0, lower.length() - 1);
		}
		return lower.isEmpty() ? null : lower;
	}

	private static int effectivePort(@Nullable String scheme, int port) {
		return (port >= 0) ? port : defaultPort(scheme);
	}

	private static int defaultPort(@Nullable String scheme) {
		return "http".equalsIgnoreCase(scheme) ? 80 : 443;
	}

	static boolean isIpAddress(String host) {
		return host.startsWith("[") || IPV4.matcher(host).matches();
	}

	/**
	 * One accepted host: an exact name, or a suffix any name below matches; with a port,
	 * or {@code -1} for the scheme's default.
	 */
	private record Entry(String host, boolean wildcard, int port, String description) {

		static Entry parse(String value) {
			String text = value.trim().toLowerCase(Locale.ROOT);
			boolean wildcard = text.startsWith("*.");
			if (wildcard) {
				text = text.substring(2);
			}
			int port = -1;
			int colon = text.lastIndexOf(':');
			if (colon > text.lastIndexOf(']')) {
				try {
					port = Integer.parseInt(text.substring(colon + 1));
				}
				catch (NumberFormatException ex) {
					throw invalid(value);
				}
				if (port < 1 || port > 65535) {
					throw invalid(value);
				}
				text = text.substring(0, colon);
			}
			if (text.endsWith(".")) {
				text = text.substring(0, text.length() - 1);
			}
			boolean ipv6 = text.startsWith("[") && text.endsWith("]") && text.length() > 2
					&& text.substring(1, text.length() - 1).matches("[0-9a-f:.]+");
			if (!ipv6 && !HOST_NAME.matcher(text).matches()) {
				throw invalid(value);
			}
			if (wildcard && (ipv6 || IPV4.matcher(text).matches() || !text.contains("."))) {
				throw new IllegalArgumentException("presignedUrlHosts entry '" + value + "' is too wide: a *.suffix "
						+ "pattern needs a domain with at least two labels and cannot cover IP addresses");
			}
			return new Entry(text, wildcard, port, value.trim());
		}

		private static IllegalArgumentException invalid(String value) {
			return new IllegalArgumentException(
					"presignedUrlHosts entry '" + value + "' is not a host name, " + "host:port or *.suffix pattern");
		}

		boolean matches(String candidate, int candidatePort, @Nullable String scheme) {
			int expectedPort = (this.port >= 0) ? this.port : defaultPort(scheme);
			if (candidatePort != expectedPort) {
				return false;
			}
			if (this.wildcard) {
				return !isIpAddress(candidate) && candidate.endsWith("." + this.host);
			}
			return candidate.equals(this.host);
		}

	}

}
