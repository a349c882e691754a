package io.github.connectparticipant.autoconfigure.metrics;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.DefaultAttachmentService;
import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.emulator.ConnectParticipantEmulatorAutoConfiguration;
import io.github.connectparticipant.observation.AttemptObservationContext;
import io.github.connectparticipant.observation.AttemptObservationConvention;
import io.github.connectparticipant.observation.DefaultOperationObservationConvention;
import io.github.connectparticipant.observation.OperationObservationContext;
import io.github.connectparticipant.observation.ParticipantObservationContext;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observations' conventions and the meters made from them: an application's beans are
 * used as they are, never wrapped; its conventions replace the defaults; the attachment
 * bytes are counted from the observations.
 */
class ConnectParticipantMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				ConnectParticipantMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(RecordingHandler.class);

	private final ConnectParticipantSettings settings = ConnectParticipantSettings.builder().build();

	@Test
	void anApplicationsOwnAttachmentServiceIsUsedAsItIsNotWrapped() {
		this.runner
			.withConfiguration(AutoConfigurations.of(ConnectParticipantAutoConfiguration.class,
					ConnectParticipantEmulatorAutoConfiguration.class))
			.withPropertyValues("connect.participant.emulator.enabled=true")
			.withUserConfiguration(UserAttachmentServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(AttachmentService.class);
				assertThat(context.getBean(AttachmentService.class))
					.isSameAs(context.getBean(UserAttachmentServiceConfiguration.class).service);
				assertThat(context).hasBean("connectParticipantPacingMetrics");
			});
	}

	@Test
	void theStartersServicesAreNotWrappedEither() {
		this.runner
			.withConfiguration(AutoConfigurations.of(ConnectParticipantAutoConfiguration.class,
					ConnectParticipantEmulatorAutoConfiguration.class))
			.withPropertyValues("connect.participant.emulator.enabled=true")
			.run((context) -> assertThat(context.getBean(AttachmentService.class))
				.isExactlyInstanceOf(DefaultAttachmentService.class));
	}

	@Test
	void withoutConventionBeansTheDefaultsNameTheKeys() {
		this.runner.run((context) -> {
			observeUploadAndAttempt(context.getBean(ObservationRegistry.class));
			List<Observation.Context> stopped = context.getBean(RecordingHandler.class).stopped;
			assertThat(stopped).extracting(Observation.Context::getName)
				.containsExactly("connect.participant.attempt", "connect.participant.operation");
			assertThat(stopped.get(1).getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
					KeyValue.of("operation", "attachment.upload"), KeyValue.of("outcome", "success"),
					KeyValue.of("error.code", "none"));
		});
	}

	@Test
	void anApplicationsConventionBeansReplaceTheDefaultsKeyValues() {
		this.runner.withUserConfiguration(UserConventionConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AttemptObservationConvention.class);
			observeUploadAndAttempt(context.getBean(ObservationRegistry.class));
			List<Observation.Context> stopped = context.getBean(RecordingHandler.class).stopped;
			assertThat(stopped).extracting(Observation.Context::getName)
				.containsExactly("connect.participant.attempt", "connect.participant.operation");
			assertThat(stopped.get(0).getLowCardinalityKeyValues())
				.containsExactly(KeyValue.of("call", "GetTranscript"));
			assertThat(stopped.get(0).getHighCardinalityKeyValues()).isEmpty();
			assertThat(stopped.get(1).getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
					KeyValue.of("operation", "attachment.upload"), KeyValue.of("outcome", "success"),
					KeyValue.of("error.code", "none"), KeyValue.of("tenant", "acme"));
		});
	}

	@Test
	void attachmentBytesAreCountedFromTheObservations() throws Exception {
		this.runner.run((context) -> {
			RetryExecutor executor = executor(context.getBean(ObservationRegistry.class));
			executor.observations().observeUpload("attachment.upload", () -> 42L, Long::longValue);
			executor.observations().observeDownload("attachment.download", () -> 7L, Long::longValue);
			try (InputStream stream = executor.observations()
				.observeStream("attachment.open", () -> new ByteArrayInputStream(new byte[5]))) {
				assertThat(stream.readAllBytes()).hasSize(5);
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(AttachmentBytesObservationHandler.BYTES_METER)
				.tag("direction", "upload")
				.counter()
				.count()).isEqualTo(42);
			assertThat(meters.get(AttachmentBytesObservationHandler.BYTES_METER)
				.tag("direction", "download")
				.counter()
				.count()).isEqualTo(12);
		});
	}

	@Test
	void theByteCounterTakesPartOnlyInAttachmentOperations() {
		this.runner.run((context) -> {
			AttachmentBytesObservationHandler handler = context.getBean(AttachmentBytesObservationHandler.class);
			assertThat(handler.supportsContext(new OperationObservationContext("attachment.upload"))).isTrue();
			assertThat(handler.supportsContext(new OperationObservationContext("attachment.open"))).isTrue();
			assertThat(handler.supportsContext(new OperationObservationContext("transcript.page"))).isFalse();
			assertThat(handler.supportsContext(new OperationObservationContext("connection.create"))).isFalse();
			assertThat(handler
				.supportsContext(new AttemptObservationContext(ParticipantOperation.START_ATTACHMENT_UPLOAD, 1, 4)))
				.isFalse();
		});
	}

	@Test
	void withoutMicrometersMetersNoByteCounterIsMade() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AttachmentBytesObservationHandler.class));
	}

	private void observeUploadAndAttempt(ObservationRegistry registry) {
		RetryExecutor executor = executor(registry);
		executor.observations()
			.observeUpload("attachment.upload",
					() -> executor.call(ParticipantOperation.GET_TRANSCRIPT, (attempt) -> 3L), Long::longValue);
	}

	private RetryExecutor executor(ObservationRegistry registry) {
		return new RetryExecutor(this.settings, registry, new RequestPacer(this.settings), null);
	}

	static class RecordingHandler implements ObservationHandler<ParticipantObservationContext> {

		final List<Observation.Context> stopped = new ArrayList<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof ParticipantObservationContext;
		}

		@Override
		public void onStop(ParticipantObservationContext context) {
			this.stopped.add(context);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAttachmentServiceConfiguration {

		final AttachmentService service = (AttachmentService) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { AttachmentService.class }, (proxy, method, args) -> null);

		@Bean
		AttachmentService userAttachmentService() {
			return this.service;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConventionConfiguration {

		@Bean
		DefaultOperationObservationConvention tenantOperationConvention() {
			return new DefaultOperationObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(OperationObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
				}

			};
		}

		@Bean
		AttemptObservationConvention callOnlyAttemptConvention() {
			return new AttemptObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(AttemptObservationContext context) {
					return KeyValues.of("call", context.getCall().operationName());
				}

			};
		}

	}

}
