package io.github.connectparticipant.connection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A chat WebSocket URL from CreateParticipantConnection. The URL carries its
 * authorization in its query: it is a bearer secret, which {@link #toString()} never
 * shows.
 *
 * @param url the URL ({@code wss://...}, or {@code ws://} to a local emulator)
 * @param expiry the end of the window in which the URL may be connected to, if the
 * service gave one
 */
public record WebSocketUrl(String url, @Nullable Instant expiry) {

	/**
	 * Check the URL is given.
	 */
	public WebSocketUrl {
		Assert.hasText(url, "url must not be empty");
	}

	@Override
	public String toString() {
		return "WebSocketUrl[url=<redacted>, expiry=" + this.expiry + "]";
	}

}
