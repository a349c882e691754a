package io.github.connectparticipant.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The services that do the work behind the {@link AttachmentService} and
 * {@link TranscriptService} beans, the SDK client and the pre-signed URLs' HTTP client
 * are left out of the start-up: created by the first call that needs them, or on a
 * background thread once the application is ready, whichever comes first.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectParticipantClientLazinessTests {

	private static final String CLIENT = "connectParticipantClient";

	private static final String PRESIGNED = ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantAutoConfiguration.class,
				ConnectParticipantEmulatorAutoConfiguration.class))
		.withPropertyValues("connect.participant.emulator.enabled=true");

	@Test
	void theServicesStartWithoutCreatingTheClientAndTheFirstCallCreatesIt() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(AttachmentService.class).hasSingleBean(TranscriptService.class);
			assertThat(context.getBeanFactory().containsSingleton(CLIENT)).as("client created at start-up").isFalse();
			assertThat(context.getBeanFactory().containsSingleton(PRESIGNED)).as("HTTP client created at start-up")
				.isFalse();
			ConnectParticipantEmulator emulator = context.getBean(ConnectParticipantEmulator.class);
			ParticipantConnection connection = context.getBean(ParticipantConnectionFactory.class)
				.fromParticipantToken(emulator.startChat("Ada").participantToken());
			assertThat(context.getBeanFactory().containsSingleton(CLIENT)).isFalse();
			assertThat(context.getBean(TranscriptService.class).page(connection, TranscriptQuery.newestFirst()).items())
				.extracting(TranscriptItem::displayName)
				.contains("Ada");
			assertThat(context.getBeanFactory().containsSingleton(CLIENT)).as("client created by the first call")
				.isTrue();
			assertThat(emulator.requestCount("CreateParticipantConnection")).isEqualTo(1);
		});
	}

	@Test
	void theServicesAreCreatedByTheFirstCallThatNeedsThem(@TempDir Path directory) throws IOException {
		this.runner.run((context) -> {
			Deferred<?> transcripts = deferred(context.getBean(TranscriptService.class));
			Deferred<?> attachments = deferred(context.getBean(AttachmentService.class));
			assertThat(transcripts.isCreated()).as("transcript service created at start-up").isFalse();
			assertThat(attachments.isCreated()).as("attachment service created at start-up").isFalse();
			ConnectParticipantEmulator emulator = context.getBean(ConnectParticipantEmulator.class);
			ParticipantConnection connection = context.getBean(ParticipantConnectionFactory.class)
				.fromParticipantToken(emulator.startChat("Ada").participantToken());
			context.getBean(TranscriptService.class).page(connection, TranscriptQuery.newestFirst());
			assertThat(transcripts.isCreated()).isTrue();
			assertThat(attachments.isCreated()).isFalse();
			Path file = Files.writeString(directory.resolve("note.txt"), "hello");
			Attachment sent = context.getBean(AttachmentService.class).upload(connection, file);
			assertThat(attachments.isCreated()).isTrue();
			assertThat(context.getBean(AttachmentService.class).status(connection, sent.id()))
				.isIn(AttachmentStatus.IN_PROGRESS, AttachmentStatus.APPROVED);
		});
	}

	@Test
	void configuredPresignedUrlHostsAreCheckedAtStartUp() {
		this.runner.withPropertyValues("connect.participant.attachments.presigned-url-hosts=files.example.test")
			.run((context) -> assertThat(deferred(context.getBean(AttachmentService.class)).isCreated())
				.as("created at start-up, which checks the hosts")
				.isTrue());
	}

	@Test
	void theServicesAndTheClientAreCreatedInTheBackgroundOnceTheApplicationIsReady() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run()) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> context.getBeanFactory().containsSingleton(CLIENT)
						&& context.getBeanFactory().containsSingleton(PRESIGNED)
						&& deferred(context.getBean(AttachmentService.class)).isCreated()
						&& deferred(context.getBean(TranscriptService.class)).isCreated());
			assertThat(context.getBean(ConnectParticipantClient.class).serviceClientConfiguration().endpointOverride())
				.hasValue(context.getBean(ConnectParticipantEmulator.class).baseUri());
		}
	}

	@Test
	void aClientThatCannotBeCreatedIsReportedByTheWarmUpAndThrownToTheFirstCall(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, FailingCustomizer.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run()) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> output.getOut().contains("Could not create the Connect Participant client"));
			assertThat(output.getOut()).contains("customizer broke");
			assertThatExceptionOfType(BeanCreationException.class)
				.isThrownBy(() -> context.getBean(TranscriptService.class)
					.page(ParticipantConnection.ofConnectionToken("token"), TranscriptQuery.newestFirst()))
				.withStackTraceContaining("customizer broke");
		}
	}

	@Test
	void aWarmUpThatOverlapsTheApplicationsCloseLogsNoWarning(CapturedOutput output) {
		WarmUpWhileClosing.ran = false;
		this.runner.withBean(WarmUpWhileClosing.class).run((context) -> {
			assertThat(context.getBeanFactory().containsSingleton(CLIENT)).isFalse();
		});
		assertThat(WarmUpWhileClosing.ran).isTrue();
		assertThat(output.getOut()).doesNotContain("Could not create");
	}

	/**
	 * Runs the warm-up while the context destroys its beans, as the background warm-up
	 * does when an application stops right after it started: the SDK client, not created
	 * yet, can no longer be.
	 */
	static class WarmUpWhileClosing implements DisposableBean {

		static volatile boolean ran;

		private final ConnectParticipantWarmUp warmUp;

		private final ApplicationContext context;

		WarmUpWhileClosing(ConnectParticipantWarmUp warmUp, ApplicationContext context) {
			this.warmUp = warmUp;
			this.context = context;
		}

		@Override
		public void destroy() {
			this.warmUp.warmUp(this.context);
			ran = true;
		}

	}

	/**
	 * What the starter's service bean defers.
	 */
	private static Deferred<?> deferred(Object service) {
		if (service instanceof DeferredAttachmentService attachments) {
			return attachments.delegate();
		}
		return ((DeferredTranscriptService) service).delegate();
	}

	@SpringBootConfiguration
	static class FailingCustomizer {

		@Bean
		ConnectParticipantClientCustomizer failing() {
			return (builder) -> {
				throw new IllegalStateException("customizer broke");
			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
