package io.github.connectparticipant.chat;

import io.github.connectparticipant.ConnectParticipantException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.github.connectparticipant.ParticipantOperation;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

/**
 * Decides whether the library connects to a WebSocket URL from
 * CreateParticipantConnection, as pre-signed URLs are checked: the URL arrives in a
 * service answer and carries the participant's authorization, so a tampered answer could
 * otherwise send that secret, and the chat, to any host.
 * <p>
 * Accepted: {@code wss} to Amazon Connect's chat transport hosts of the client's region
 * ({@code *.transport.connect.<region>.<partition's DNS suffix>}) on the default port, or
 * {@code ws}/{@code wss} to the SDK client's endpoint override's host on any port (an
 * emulator serves its sockets on a port of their own). Never with user information. The
 * decision is made on the URL's text; nothing is resolved. Messages never show the URL.
 */
final class WebSocketUrlGuard {

	private final @Nullable String transportSuffix;

	private final @Nullable String endpointHost;

	WebSocketUrlGuard(@Nullable Region region, @Nullable URI endpointOverride) {
		this.transportSuffix = (region != null)
				? ".transport.connect." + region.id().toLowerCase(Locale.ROOT) + "." + dnsSuffix(region) : null;
		this.endpointHost = (endpointOverride != null) ? normalize(endpointOverride.getHost()) : null;
	}

	static WebSocketUrlGuard forClient(ConnectParticipantClient client) {
		try {
			return new WebSocketUrlGuard(client.serviceClientConfiguration().region(),
					client.serviceClientConfiguration().endpointOverride().orElse(null));
		}
		catch (RuntimeException ex) {
			return new WebSocketUrlGuard(null, null);
		}
	}

	private static String dnsSuffix(Region region) {
		try {
			return PartitionMetadata.of(region).dnsSuffix();
		}
		catch (RuntimeException ex) {
			return "amazonaws.com";
		}
	}

	/**
	 * Parse and check a URL.
	 * @param url the URL from the service's answer
	 * @return the URL, safe to connect to
	 * @throws ConnectParticipantException if it is not
	 */
	URI check(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw refused("the WebSocket URL is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = normalize(uri.getHost());
		if (!uri.isAbsolute() || uri.isOpaque() || !("wss".equals(scheme) || "ws".equals(scheme)) || host == null) {
			throw refused("the WebSocket URL is not an absolute ws or wss URL with a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw refused("the WebSocket URL carries user information before its host '" + host + "'");
		}
		if (host.equals(this.endpointHost)) {
			return uri;
		}
		boolean transport = this.transportSuffix != null && host.endsWith(this.transportSuffix)
				&& host.length() > this.transportSuffix.length();
		if (transport && "wss".equals(scheme) && (uri.getPort() == -1 || uri.getPort() == 443)) {
			return uri;
		}
		throw refused("host '" + host + "' (" + scheme + ((uri.getPort() != -1) ? ", port " + uri.getPort() : "")
				+ ") is not an expected chat WebSocket host (wss to *"
				+ ((this.transportSuffix != null) ? this.transportSuffix : ".transport.connect.<region>")
				+ ((this.endpointHost != null) ? ", or the endpoint override's host " + this.endpointHost : "") + ")");
	}

	private static ConnectParticipantException refused(String reason) {
		return ConnectParticipantException.unexpectedResponse(ParticipantOperation.CREATE_PARTICIPANT_CONNECTION,
				reason + "; the URL came from the service's answer and was not connected to", null, 1);
	}

	private static @Nullable String normalize(@Nullable String host) {
		if (host == null || host.isEmpty()) {
			return null;
		}
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
	}

}
