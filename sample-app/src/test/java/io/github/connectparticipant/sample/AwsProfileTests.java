package io.github.connectparticipant.sample;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.sample.chat.ConnectApi;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code aws} profile switches the application from the embedded emulator to Amazon
 * Connect: nothing is sent here, the clients are only built.
 */
@SpringBootTest(
		properties = { "AWS_REGION=eu-west-2", "CONNECT_INSTANCE_ID=instance-1", "CONNECT_CONTACT_FLOW_ID=flow-1" })
@ActiveProfiles("aws")
class AwsProfileTests {

	@Autowired
	ApplicationContext context;

	@Test
	void talksToAmazonConnectInsteadOfTheEmulator() {
		assertThat(this.context.getBeanNamesForType(ConnectParticipantEmulator.class)).isEmpty();
		ConnectParticipantClient participant = this.context.getBean(ConnectParticipantClient.class);
		assertThat(participant.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_2);
		assertThat(participant.serviceClientConfiguration().endpointOverride()).isEmpty();
		ConnectClient connect = this.context.getBean(ConnectApi.class).client();
		assertThat(connect.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_2);
		assertThat(connect.serviceClientConfiguration().endpointOverride()).isEmpty();
	}

}
