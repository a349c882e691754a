package io.github.connectparticipant.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.Item;

import static io.github.connectparticipant.emulator.ChatEvents.ENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Amazon Connect ends a chat whose customer has not subscribed on the chat WebSocket
 * within 5 minutes of StartChatContact; the emulator's clock drives the rule.
 */
class SubscribeRuleIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void aChatNobodySubscribedToEndsFiveMinutesAfterItsStart(Clients.Chat chat) {
		fixture.emulator().advanceClock(Duration.ofMinutes(4).plusSeconds(59));
		assertThat(ended(chat)).isFalse();
		fixture.emulator().advanceClock(Duration.ofSeconds(1));

		assertThat(ended(chat)).isTrue();
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> fixture.participant()
			.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
				.type(ConnectionType.WEBSOCKET, ConnectionType.CONNECTION_CREDENTIALS)));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> fixture.sendMessage(chat, "anyone there?"));
	}

	@Test
	void aChatWhoseCustomerSubscribedGoesOn(Clients.Chat chat) {
		try (SocketClient socket = SocketClient.subscribed(fixture.websocketUrl(chat))) {
			fixture.emulator().advanceClock(Duration.ofMinutes(30));
			assertThat(ended(chat)).isFalse();
			fixture.sendMessage(chat, "still here");
		}
	}

	@Test
	void aSocketThatOpensWithoutSubscribingDoesNotCount(Clients.Chat chat) {
		try (SocketClient socket = SocketClient.open(fixture.websocketUrl(chat))) {
			fixture.emulator().advanceClock(Duration.ofMinutes(5));
			assertThat(ended(chat)).isTrue();
			assertThat(socket.closeCode()).isEqualTo(1000);
		}
	}

	@Test
	void theTimeoutIsConfigurableAndZeroTurnsTheRuleOff() {
		fixture.control("PUT", "/_emulator/config", "{\"subscribeTimeoutSeconds\":60}");
		Clients.Chat early = fixture.chat("Ada");
		fixture.emulator().advanceClock(Duration.ofSeconds(60));
		assertThat(ended(early)).isTrue();

		fixture.emulator().updateSettings((settings) -> settings.subscribeTimeout(Duration.ZERO));
		Clients.Chat never = fixture.chat("Grace");
		fixture.emulator().advanceClock(Duration.ofHours(2));
		assertThat(ended(never)).isFalse();
		assertThat(EmulatorHttp.json(fixture.control("GET", "/_emulator/config", null))
			.path("subscribeTimeoutSeconds")
			.asLong()).isZero();
	}

	private boolean ended(Clients.Chat chat) {
		return fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(1))
			.transcript()
			.stream()
			.map(Item::contentType)
			.anyMatch(ENDED::equals);
	}

}
