package io.github.connectparticipant.autoconfigure.test;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = EnableConnectParticipantEmulatorTests.TestConfiguration.class)
@EnableConnectParticipantEmulator
class EnableConnectParticipantEmulatorTests {

	@Autowired
	private ConnectParticipantEmulator emulator;

	@Autowired
	private ConnectParticipantClient client;

	@Autowired
	private Environment environment;

	@Test
	void startsAnEmulatorAndPointsTheBeansAtIt() {
		assertThat(this.client.serviceClientConfiguration().endpointOverride()).hasValue(this.emulator.baseUri());
		assertThat(this.environment.getProperty("connect.participant.endpoint"))
			.isEqualTo(this.emulator.baseUri().toString());
		assertThat(this.environment.getProperty("connect.participant.emulator.enabled")).isEqualTo("false");
	}

	@Test
	void exposesTheEmulatorsControlApi() {
		ConnectParticipantEmulator.StartedChat chat = this.emulator.startChat("Ada");
		String connectionToken = this.client
			.createParticipantConnection((r) -> r.participantToken(chat.participantToken()).typeWithStrings("CONNECTION_CREDENTIALS"))
			.connectionCredentials()
			.connectionToken();
		this.emulator.addMessage(chat.contactId(), "AGENT", "Sam", "Hello");
		assertThat(this.client.getTranscript((r) -> r.connectionToken(connectionToken)).transcript())
			.anyMatch((item) -> "Hello".equals(item.content()));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ConnectParticipantEmulatorAutoConfiguration.class, ConnectParticipantAutoConfiguration.class })
	static class TestConfiguration {

	}

}
