package io.github.connectparticipant;

import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.DefaultTranscriptService;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How attempts are bounded in the SDK: by the client's own timeouts when it has the
 * attempt timeout for both (as the starter builds it), otherwise by a request override.
 */
@Timeout(60)
class SdkTimeoutsIntegrationTests {

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(700);

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings()
		.attemptTimeout(ATTEMPT_TIMEOUT)
		.build();

	private final List<Optional<AwsRequestOverrideConfiguration>> overrides = new CopyOnWriteArrayList<>();

	@Test
	void aClientBoundedByTheAttemptTimeoutGetsNoRequestOverrideAndStillEndsSlowAttempts() {
		try (ConnectParticipantClient client = client(ATTEMPT_TIMEOUT)) {
			TranscriptService transcripts = TestClients.transcripts(client, this.settings, ObservationRegistry.NOOP);
			ParticipantConnection connection = fixture.connect(fixture.startChat(), this.settings);
			fixture.emulator()
				.setFaults(1, List.of(FaultRule.times("GetTranscript", "DELAY", 1).withDelayMillis(5_000)));

			assertThat(transcripts.page(connection, TranscriptQuery.newestFirst()).items()).isNotEmpty();

			assertThat(this.overrides).hasSize(2).allSatisfy((override) -> assertThat(override).isEmpty());
		}
	}

	@Test
	void aClientWithOtherTimeoutsGetsTheAttemptTimeoutOnEveryRequest() {
		try (ConnectParticipantClient client = client(Duration.ofSeconds(30))) {
			TranscriptService transcripts = TestClients.transcripts(client, this.settings, ObservationRegistry.NOOP);
			StartedChat chat = fixture.startChat();
			ParticipantConnection connection = fixture.connect(chat, this.settings);
			fixture.emulator()
				.setFaults(2, List.of(FaultRule.times("GetTranscript", "DELAY", 1).withDelayMillis(5_000)));

			assertThat(transcripts.page(connection, TranscriptQuery.newestFirst()).items()).isNotEmpty();

			assertThat(this.overrides).hasSize(2).allSatisfy((override) -> {
				assertThat(override).isPresent();
				assertThat(override.get().apiCallAttemptTimeout()).contains(ATTEMPT_TIMEOUT);
			});
		}
	}

	private ConnectParticipantClient client(Duration timeout) {
		return TestClients.participantBuilder(fixture.baseUri())
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.apiCallTimeout(timeout)
				.apiCallAttemptTimeout(timeout)
				.addExecutionInterceptor(new ExecutionInterceptor() {

					@Override
					public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
						if (context.request() instanceof GetTranscriptRequest request) {
							SdkTimeoutsIntegrationTests.this.overrides
								.add(((AwsRequest) request).overrideConfiguration());
						}
					}

				}))
			.build();
	}

}
