package io.github.connectparticipant.test;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ConnectionType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestContextManager;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The annotations on a context with the starter's auto-configuration, the embedded
 * emulator's included: the tests run in order, so that the last one sees what the first
 * left behind.
 */
@SpringBootTest(classes = EnableConnectParticipantEmulatorTests.TestConfiguration.class)
@EnableConnectParticipantEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnableConnectParticipantEmulatorTests {

	/** A chat of the first test, which the last one must no longer find. */
	private static StartedChat earlierChat;

	@InjectConnectParticipantEmulator
	ConnectParticipantEmulator emulator;

	@Autowired
	ConnectParticipantClient client;

	@Autowired
	ApplicationContext context;

	@Autowired
	Environment environment;

	@Test
	@Order(1)
	void injectsTheEmulatorThatTheBeansTalkTo() {
		assertThat(this.emulator).isNotNull();
		assertThat(this.client.serviceClientConfiguration().endpointOverride()).hasValue(this.emulator.baseUri());
		assertThat(this.environment.getProperty("connect.participant.endpoint"))
			.isEqualTo(this.emulator.baseUri().toString());
		assertThat(this.environment.getProperty("connect.participant.emulator.enabled")).isEqualTo("false");
		StartedChat chat = this.emulator.startChat("Ada");
		String connectionToken = connect(chat);
		this.emulator.addMessage(chat.contactId(), "AGENT", "Sam", "Hello");
		assertThat(this.client.getTranscript((r) -> r.connectionToken(connectionToken)).transcript())
			.anyMatch((item) -> "Hello".equals(item.content()));
		// state for the last test to find gone
		earlierChat = chat;
		this.emulator.setFaults(1, List.of(FaultRule.always("CreateParticipantConnection", "THROTTLE")));
	}

	@Test
	@Order(2)
	void addsNoBeanToTheContext() {
		assertThat(this.context.getBeanNamesForType(ConnectParticipantEmulator.class)).isEmpty();
		// the embedded emulator stays off: the endpoint is the test's emulator
		assertThat(this.context.getBeansOfType(ConnectParticipantEmulator.class)).isEmpty();
	}

	@Test
	@Order(3)
	void resetsTheEmulatorAfterEachTest() {
		assertThat(earlierChat).as("the first test ran").isNotNull();
		assertThat(this.emulator.requestCount("CreateParticipantConnection")).isZero();
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> connect(earlierChat));
		// the fault rule is gone too: a new chat connects
		assertThat(connect(this.emulator.startChat("Grace"))).isNotBlank();
	}

	@Test
	void refusesAFieldWithoutTheEnablingAnnotation() {
		TestContextManager manager = new TestContextManager(WithoutEmulator.class);
		assertThatIllegalStateException().isThrownBy(() -> manager.prepareTestInstance(new WithoutEmulator()))
			.withMessageContaining("@EnableConnectParticipantEmulator");
	}

	private String connect(StartedChat chat) {
		return this.client
			.createParticipantConnection(
					(r) -> r.participantToken(chat.participantToken()).type(ConnectionType.CONNECTION_CREDENTIALS))
			.connectionCredentials()
			.connectionToken();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ConnectParticipantEmulatorAutoConfiguration.class,
			ConnectParticipantAutoConfiguration.class })
	static class TestConfiguration {

	}

	static class WithoutEmulator {

		@InjectConnectParticipantEmulator
		ConnectParticipantEmulator emulator;

	}

}
