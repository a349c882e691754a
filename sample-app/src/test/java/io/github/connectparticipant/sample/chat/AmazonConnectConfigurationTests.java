package io.github.connectparticipant.sample.chat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.chat.ChatSessionsAutoConfiguration;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.chat.ChatEndReason;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.transcript.TranscriptItem;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link AmazonConnectConfiguration}: the Connect API client follows the
 * starter's embedded emulator, or the region and the instance settings, and is built when
 * the first chat starts.
 */
class AmazonConnectConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantEmulatorAutoConfiguration.class,
				ConnectParticipantAutoConfiguration.class))
		.withUserConfiguration(SamplePropertiesConfiguration.class, AmazonConnectConfiguration.class);

	@Test
	void startsChatsOnTheEmbeddedEmulator() {
		this.contextRunner.run((context) -> {
			ConnectParticipantEmulator emulator = context.getBean(ConnectParticipantEmulator.class);
			ConnectClient client = context.getBean(ConnectApi.class).client();
			assertThat(client.serviceClientConfiguration().endpointOverride()).contains(emulator.baseUri());
			assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
			assertThat(client.serviceClientConfiguration().credentialsProvider())
				.isInstanceOf(StaticCredentialsProvider.class);
			assertThat(context.getBean(ContactTarget.class))
				.isEqualTo(new ContactTarget(AmazonConnectConfiguration.EMULATOR_INSTANCE_ID,
						AmazonConnectConfiguration.EMULATOR_CONTACT_FLOW_ID));
		});
	}

	@Test
	void startsChatsOnAmazonConnectInTheRegion() {
		this.contextRunner
			.withPropertyValues("connect.participant.region=eu-west-2", "sample.connect.instance-id=instance-1",
					"sample.connect.contact-flow-id=flow-1")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ConnectParticipantEmulator.class);
				ConnectClient client = context.getBean(ConnectApi.class).client();
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_2);
				assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
				assertThat(client.serviceClientConfiguration().credentialsProvider())
					.isInstanceOf(DefaultCredentialsProvider.class);
				assertThat(context.getBean(ContactTarget.class)).isEqualTo(new ContactTarget("instance-1", "flow-1"));
			});
	}

	@Test
	void theConnectClientIsBuiltByTheFirstChatNotAtStartUp() {
		List<String> heard = new CopyOnWriteArrayList<>();
		ChatFeed feed = new ChatFeed() {

			@Override
			public void item(Chat chat, TranscriptItem item) {
				heard.add(String.valueOf(item.content()));
			}

			@Override
			public void ended(Chat chat, ChatEndReason reason) {
			}

		};
		this.contextRunner.withConfiguration(AutoConfigurations.of(ChatSessionsAutoConfiguration.class))
			.withUserConfiguration(ChatService.class, Chats.class, ChatSessionKeeper.class)
			.withBean(ChatFeed.class, () -> feed)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ChatService chats = context.getBean(ChatService.class);
				ConnectApi connect = context.getBean(ConnectApi.class);
				assertThat(connect.isBuilt()).isFalse();
				Chat chat = chats.start("Ana");
				assertThat(connect.isBuilt()).isTrue();
				assertThat(chats.send(chat, "hello").id()).isNotBlank();
				// the chat's session hears it
				await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains("hello"));
			});
	}

	@Test
	void noBeanHasTheTypeOfTheConnectClientWhoseMethodsSpringWouldRead() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ConnectClient.class));
	}

	@Test
	void closesTheClientItBuiltWithTheContext() {
		ConnectClient[] built = new ConnectClient[1];
		this.contextRunner.run((context) -> built[0] = context.getBean(ConnectApi.class).client());
		assertThatIllegalStateException()
			.isThrownBy(() -> built[0].startChatContact((request) -> request.instanceId("i")
				.contactFlowId("f")
				.participantDetails((details) -> details.displayName("Ana"))));
	}

	@Test
	void takesAnEndpointForTheConnectApi() {
		this.contextRunner
			.withPropertyValues("connect.participant.region=eu-west-2", "sample.connect.instance-id=instance-1",
					"sample.connect.contact-flow-id=flow-1", "sample.connect.endpoint=http://127.0.0.1:8090")
			.run((context) -> assertThat(
					context.getBean(ConnectApi.class).client().serviceClientConfiguration().endpointOverride())
				.contains(URI.create("http://127.0.0.1:8090")));
	}

	@Test
	void refusesToStartWithoutAnInstanceIdOnAmazonConnect() {
		this.contextRunner
			.withPropertyValues("connect.participant.region=eu-west-2", "sample.connect.contact-flow-id=flow-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sample.connect.instance-id is required"));
	}

	@Test
	void refusesToStartWithoutAContactFlowIdOnAmazonConnect() {
		this.contextRunner.withPropertyValues("connect.participant.region=eu-west-2", "sample.connect.instance-id=i-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sample.connect.contact-flow-id is required"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SampleProperties.class)
	static class SamplePropertiesConfiguration {

	}

}
