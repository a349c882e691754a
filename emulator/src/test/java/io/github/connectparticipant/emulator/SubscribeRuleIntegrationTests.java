package io.github.connectparticipant.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;
import software.amazon.awssdk.services.connectparticipant.model.Item;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Amazon Connect ends a chat whose customer has not subscribed on the chat WebSocket
 * within 5 minutes of StartChatContact; the emulator's clock drives the rule.
 */
class SubscribeRuleIntegrationTests {

	private static final String ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	@RegisterExtension
	final Clients clients = new Clients(emulator);

	@Test
	void aChatNobodySubscribedToEndsFiveMinutesAfterItsStart() {
		Clients.Chat chat = this.clients.chat("Ada");
		emulator.emulator().advanceClock(Duration.ofMinutes(4).plusSeconds(59));
		assertThat(ended(chat)).isFalse();
		emulator.emulator().advanceClock(Duration.ofSeconds(1));

		assertThat(ended(chat)).isTrue();
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.clients.participant()
			.createParticipantConnection((r) -> r.participantToken(chat.participantToken())
				.type(ConnectionType.WEBSOCKET, ConnectionType.CONNECTION_CREDENTIALS)));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.clients.sendMessage(chat, "anyone there?"));
	}

	@Test
	void aChatWhoseCustomerSubscribedGoesOn() {
		Clients.Chat chat = this.clients.chat("Ada");
		String url = this.clients.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.WEBSOCKET))
			.websocket()
			.url();
		try (SocketClient socket = SocketClient.subscribed(url)) {
			emulator.emulator().advanceClock(Duration.ofMinutes(30));
			assertThat(ended(chat)).isFalse();
			this.clients.sendMessage(chat, "still here");
		}
	}

	@Test
	void aSocketThatOpensWithoutSubscribingDoesNotCount() {
		Clients.Chat chat = this.clients.chat("Ada");
		String url = this.clients.participant()
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.WEBSOCKET))
			.websocket()
			.url();
		try (SocketClient socket = SocketClient.open(url)) {
			emulator.emulator().advanceClock(Duration.ofMinutes(5));
			assertThat(ended(chat)).isTrue();
			assertThat(socket.closeCode()).isEqualTo(1000);
		}
	}

	@Test
	void theTimeoutIsConfigurableAndZeroTurnsTheRuleOff() {
		EmulatorHttp.control(emulator.baseUri(), "PUT", "/_emulator/config", "{\"subscribeTimeoutSeconds\":60}");
		Clients.Chat early = this.clients.chat("Ada");
		emulator.emulator().advanceClock(Duration.ofSeconds(60));
		assertThat(ended(early)).isTrue();

		emulator.emulator().updateSettings((settings) -> settings.subscribeTimeout(Duration.ZERO));
		Clients.Chat never = this.clients.chat("Grace");
		emulator.emulator().advanceClock(Duration.ofHours(2));
		assertThat(ended(never)).isFalse();
		assertThat(EmulatorHttp.json(EmulatorHttp.control(emulator.baseUri(), "GET", "/_emulator/config", null))
			.path("subscribeTimeoutSeconds")
			.asLong()).isZero();
	}

	private boolean ended(Clients.Chat chat) {
		return this.clients.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(1))
			.transcript()
			.stream()
			.map(Item::contentType)
			.anyMatch(ENDED::equals);
	}

}
