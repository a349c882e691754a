package io.github.connectparticipant.autoconfigure.chat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.github.connectparticipant.chat.ChatSessionSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChatSessionPropertiesTests {

	@Test
	void defaultPropertiesGiveDefaultSettings() {
		assertThat(ChatSessionsAutoConfiguration.toSettings(new ChatSessionProperties()))
			.isEqualTo(ChatSessionSettings.defaults());
	}

	@Test
	void everyPropertyReachesItsSetting() {
		ChatSessionProperties properties = new ChatSessionProperties();
		properties.setHeartbeatInterval(Duration.ofSeconds(3));
		properties.setInitialBackoff(Duration.ofSeconds(1));
		properties.setMaxBackoff(Duration.ofSeconds(4));
		properties.setRotationInterval(Duration.ofMinutes(5));
		properties.setTypingInterval(Duration.ZERO);
		properties.setWorkerThreads(2);
		properties.setDeliveryThreads(3);
		assertThat(ChatSessionsAutoConfiguration.toSettings(properties))
			.isEqualTo(new ChatSessionSettings(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(4),
					Duration.ofMinutes(5), Duration.ZERO, 2, 3));
	}

	@Test
	void refusalNamesTheProperty() {
		ChatSessionProperties properties = new ChatSessionProperties();
		properties.setWorkerThreads(0);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> ChatSessionsAutoConfiguration.toSettings(properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("connect.participant.chat.worker-threads"));
	}

}
