package io.github.connectparticipant.chat;

import java.net.URI;

import io.github.connectparticipant.ConnectParticipantException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which WebSocket URLs a session connects to.
 */
class WebSocketUrlGuardTests {

	private final WebSocketUrlGuard aws = new WebSocketUrlGuard(Region.US_WEST_2, null);

	private final WebSocketUrlGuard emulator = new WebSocketUrlGuard(Region.US_WEST_2,
			URI.create("http://127.0.0.1:8080"));

	@Test
	void acceptsConnectTransportHostsOfTheRegionOverWss() {
		assertThat(this.aws.check("wss://abc.transport.connect.us-west-2.amazonaws.com/?AuthToken=secret"))
			.hasHost("abc.transport.connect.us-west-2.amazonaws.com");
		assertThat(new WebSocketUrlGuard(Region.CN_NORTH_1, null)
			.check("wss://x.transport.connect.cn-north-1.amazonaws.com.cn/?AuthToken=secret")).isNotNull();
	}

	@Test
	void acceptsTheEndpointOverridesHostOnAnyPort() {
		assertThat(this.emulator.check("ws://127.0.0.1:41234/?AuthToken=secret")).hasPort(41234);
	}

	@Test
	void refusesEverythingElseWithoutShowingTheUrl() {
		for (String url : new String[] { "ws://abc.transport.connect.us-west-2.amazonaws.com/?AuthToken=secret",
				"wss://abc.transport.connect.us-east-1.amazonaws.com/?AuthToken=secret",
				"wss://transport.connect.us-west-2.amazonaws.com.evil.example/?AuthToken=secret",
				"wss://abc.transport.connect.us-west-2.amazonaws.com:8443/?AuthToken=secret",
				"wss://user@abc.transport.connect.us-west-2.amazonaws.com/?AuthToken=secret",
				"https://abc.transport.connect.us-west-2.amazonaws.com/?AuthToken=secret",
				"ws://169.254.169.254/?AuthToken=secret", "not a url ?AuthToken=secret" }) {
			assertThatExceptionOfType(ConnectParticipantException.class).as(url)
				.isThrownBy(() -> this.aws.check(url))
				.withMessageNotContaining("secret")
				.withMessageNotContaining("AuthToken");
		}
		assertThatExceptionOfType(ConnectParticipantException.class)
			.isThrownBy(() -> this.emulator.check("ws://localhost:41234/?AuthToken=secret"));
	}

}
