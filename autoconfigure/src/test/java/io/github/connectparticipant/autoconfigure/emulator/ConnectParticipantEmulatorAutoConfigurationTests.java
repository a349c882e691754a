package io.github.connectparticipant.autoconfigure.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the embedded emulator starts: only where no AWS region can be found, so that it
 * never stands in for Amazon Connect on a machine set up for AWS.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectParticipantEmulatorAutoConfigurationTests {

	private static final String NO_FILE = "/nonexistent/connect-participant-test-";

	/**
	 * The emulator's auto-configuration alone, on a machine with no region anywhere: no
	 * {@code AWS_REGION} in the environment (which the condition reads through Spring's
	 * {@code systemEnvironment} property source), no {@code aws.region} system property
	 * and no AWS profile files.
	 */
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantEmulatorAutoConfiguration.class))
		.withInitializer((context) -> environment(context.getEnvironment(), Map.of()))
		.withSystemProperties("aws.region=", "aws.profile=", "aws.configFile=" + NO_FILE + "config",
				"aws.sharedCredentialsFile=" + NO_FILE + "credentials");

	@Test
	void startsWhereNoRegionIsFoundAnywhereWithoutAskingInstanceMetadata() throws IOException {
		AtomicInteger metadataRequests = new AtomicInteger();
		HttpServer metadata = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		metadata.createContext("/", (exchange) -> {
			metadataRequests.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		metadata.start();
		try {
			this.runner
				.withSystemProperties(
						"aws.ec2MetadataServiceEndpoint=http://127.0.0.1:" + metadata.getAddress().getPort())
				.run((context) -> assertThat(context).hasSingleBean(ConnectParticipantEmulator.class));
		}
		finally {
			metadata.stop(0);
		}
		assertThat(metadataRequests).hasValue(0);
	}

	@Test
	void regionFromTheAwsRegionSystemPropertyKeepsTheEmulatorOff() {
		this.runner.withSystemProperties("aws.region=eu-central-1")
			.withConfiguration(AutoConfigurations.of(ConnectParticipantAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ConnectParticipantEmulator.class);
				ConnectParticipantClient client = context.getBean(ConnectParticipantClient.class);
				assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
				assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
			});
	}

	@Test
	void regionFromTheEnvironmentKeepsTheEmulatorOff() {
		this.runner
			.withInitializer((context) -> environment(context.getEnvironment(), Map.of("AWS_REGION", "eu-west-2")))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectParticipantEmulator.class));
	}

	@Test
	void regionFromTheDefaultProfileKeepsTheEmulatorOff(@TempDir Path home) throws IOException {
		Path config = Files.writeString(home.resolve("config"), "[default]\nregion = ap-south-1\n");
		this.runner.withSystemProperties("aws.configFile=" + config)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectParticipantEmulator.class));
	}

	@Test
	void regionOfTheProfileNamedInTheEnvironmentKeepsTheEmulatorOff(@TempDir Path home) throws IOException {
		Path credentials = Files.writeString(home.resolve("credentials"),
				"[default]\naws_access_key_id = AKIDEXAMPLE\n\n[work]\nregion = ca-central-1\n");
		this.runner.withSystemProperties("aws.sharedCredentialsFile=" + credentials)
			.run((context) -> assertThat(context).hasSingleBean(ConnectParticipantEmulator.class));
		this.runner.withSystemProperties("aws.sharedCredentialsFile=" + credentials)
			.withInitializer((context) -> environment(context.getEnvironment(), Map.of("AWS_PROFILE", "work")))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectParticipantEmulator.class));
	}

	@Test
	void forcedOnWhileARegionIsFoundElsewhereSaysSo(CapturedOutput output) {
		this.runner.withSystemProperties("aws.region=eu-central-1")
			.withPropertyValues("connect.participant.emulator.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ConnectParticipantEmulator.class));
		assertThat(output).containsOnlyOnce("talking to an embedded emulator at http://127.0.0.1:")
			.contains("connect.participant.emulator.enabled=true although AWS region eu-central-1 is set by the "
					+ "aws.region system property");
	}

	@Test
	void switchedOffNeverStarts() {
		this.runner.withPropertyValues("connect.participant.emulator.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectParticipantEmulator.class));
	}

	/**
	 * Give the context's environment these environment variables instead of the
	 * process's.
	 */
	private static void environment(org.springframework.core.env.ConfigurableEnvironment environment,
			Map<String, Object> variables) {
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

}
