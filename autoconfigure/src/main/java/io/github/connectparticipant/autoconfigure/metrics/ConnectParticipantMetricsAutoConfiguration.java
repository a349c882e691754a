package io.github.connectparticipant.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.GlobalObservationConvention;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.observation.AttemptObservationContext;
import io.github.connectparticipant.observation.AttemptObservationConvention;
import io.github.connectparticipant.observation.OperationObservationContext;
import io.github.connectparticipant.observation.OperationObservationConvention;
import io.github.connectparticipant.observation.ParticipantObservations;
import io.github.connectparticipant.retry.RequestPacer;

/**
 * Observations and metrics of the Amazon Connect Participant starter. The library's
 * services observe their calls themselves
 * ({@link io.github.connectparticipant.observation.ParticipantObservationDocumentation}),
 * which Boot's observation support turns into timers; here an application's
 * {@link OperationObservationConvention} or {@link AttemptObservationConvention} bean
 * replaces the default one, and, when Micrometer's meters are present, the bytes of
 * attachments moved are counted from the observations
 * ({@link AttachmentBytesObservationHandler}) and each operation's pacing is measured
 * ({@link PacingMeterBinder}).
 */
@AutoConfiguration(after = ConnectParticipantAutoConfiguration.class)
@ConditionalOnClass(ParticipantObservations.class)
public final class ConnectParticipantMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(OperationObservationConvention.class)
	GlobalObservationConvention<OperationObservationContext> connectParticipantOperationObservationConvention(
			ObjectProvider<OperationObservationConvention> convention) {
		return new RegisteredConvention<>(convention.getObject());
	}

	@Bean
	@ConditionalOnBean(AttemptObservationConvention.class)
	GlobalObservationConvention<AttemptObservationContext> connectParticipantAttemptObservationConvention(
			ObjectProvider<AttemptObservationConvention> convention) {
		return new RegisteredConvention<>(convention.getObject());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MeterConfiguration {

		@Bean
		AttachmentBytesObservationHandler connectParticipantAttachmentBytesObservationHandler(
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new AttachmentBytesObservationHandler(meterRegistry);
		}

		@Bean
		@ConditionalOnBean(RequestPacer.class)
		MeterBinder connectParticipantPacingMetrics(RequestPacer pacer) {
			return new PacingMeterBinder(pacer);
		}

	}

}
