package io.github.connectparticipant.autoconfigure.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantServiceClientConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.ConnectParticipantProperties;
import io.github.connectparticipant.retry.RequestPacer;

/**
 * Health of the Amazon Connect Participant Service: one {@code connectParticipant}
 * contributor with an {@code attachments} and a {@code transcripts} component, and a
 * {@code pacing} component that shows the request pacing
 * ({@link ConnectParticipantPacingHealthIndicator}). Switched off with
 * {@code management.health.connectparticipant.enabled=false}.
 * <p>
 * An external service's health: it is part of the application's overall health
 * ({@code /actuator/health}) but of neither the {@code liveness} group (restarting the
 * application cannot mend the service) nor, by default, the {@code readiness} group
 * (taking every replica out of rotation would not either); an application that cannot
 * serve without the service adds it there itself with
 * {@code management.endpoint.health.group.readiness.include=readinessState,connectParticipant}.
 */
@AutoConfiguration(after = ConnectParticipantAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConnectParticipantClient.class })
@ConditionalOnBean(ConnectParticipantClient.class)
@ConditionalOnEnabledHealthIndicator("connectparticipant")
public final class ConnectParticipantHealthContributorAutoConfiguration {

	/**
	 * How far back the health looks at calls: recent enough that it is UP again soon
	 * after an outage ends, even with no call to show it.
	 */
	static final Duration CALL_WINDOW = Duration.ofMinutes(1);

	@Bean
	@ConditionalOnMissingBean
	ConnectParticipantCallRecorder connectParticipantCallRecorder() {
		return new ConnectParticipantCallRecorder(CALL_WINDOW);
	}

	@Bean
	@ConditionalOnMissingBean(name = "connectParticipantHealthContributor")
	HealthContributor connectParticipantHealthContributor(ObjectProvider<ConnectParticipantClient> client,
			ConnectParticipantProperties properties, ConnectParticipantCallRecorder recorder,
			ObjectProvider<RequestPacer> pacer) {
		// the client is created on first use: its endpoint is read at the first probe
		EndpointProbe probe = new EndpointProbe(() -> endpoint(client.getObject()),
				properties.getHealth().getProbeTimeout(), properties.getHealth().getCacheTime());
		Map<String, HealthContributor> components = new LinkedHashMap<>();
		components.put("attachments", new ConnectParticipantHealthIndicator(probe, recorder::attachments));
		components.put("transcripts", new ConnectParticipantHealthIndicator(probe, recorder::transcripts));
		pacer.ifAvailable(
				(requestPacer) -> components.put("pacing", new ConnectParticipantPacingHealthIndicator(requestPacer)));
		return CompositeHealthContributor.fromMap(components);
	}

	static URI endpoint(ConnectParticipantClient client) {
		ConnectParticipantServiceClientConfiguration configuration = client.serviceClientConfiguration();
		return configuration.endpointOverride()
			.orElseGet(
					() -> URI.create("https://participant.connect." + configuration.region().id() + ".amazonaws.com"));
	}

}
