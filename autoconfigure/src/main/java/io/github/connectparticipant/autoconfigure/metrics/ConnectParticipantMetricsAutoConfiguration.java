package io.github.connectparticipant.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.retry.RequestPacer;

/**
 * Metrics of the Amazon Connect Participant starter beyond the timers that Boot makes of
 * the library's observations ({@code connect.participant.operation},
 * {@code connect.participant.attempt}): the bytes of attachments uploaded and downloaded,
 * counted by wrapping every {@link AttachmentService} bean when a {@link MeterRegistry}
 * is present, and each operation's pacing ({@link PacingMeterBinder}).
 */
@AutoConfiguration(after = ConnectParticipantAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, AttachmentService.class })
public final class ConnectParticipantMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(RequestPacer.class)
	MeterBinder connectParticipantPacingMetrics(RequestPacer pacer) {
		return new PacingMeterBinder(pacer);
	}

	@Bean
	static BeanPostProcessor connectParticipantAttachmentMetricsPostProcessor(ObjectProvider<MeterRegistry> registry) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AttachmentService service && !(bean instanceof MeteredAttachmentService)
						&& registry.getIfAvailable() != null) {
					return new MeteredAttachmentService(service, registry::getObject);
				}
				return bean;
			}

		};
	}

}
