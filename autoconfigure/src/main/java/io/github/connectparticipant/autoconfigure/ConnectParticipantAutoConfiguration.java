package io.github.connectparticipant.autoconfigure;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.DefaultAttachmentService;
import io.github.connectparticipant.chat.ChatSessions;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.SharedPermits;
import io.github.connectparticipant.transcript.DefaultTranscriptService;
import io.github.connectparticipant.transcript.TranscriptService;

/**
 * Auto-configuration of the Amazon Connect Participant library: the SDK client (anonymous
 * credentials, SDK retries off), the HTTP client for pre-signed URLs, the settings that
 * carry the retry policy, the request pacer the services share, the connection factory,
 * {@link AttachmentService} and {@link TranscriptService}.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ConnectParticipantClient.class, AttachmentService.class })
@EnableConfigurationProperties(ConnectParticipantProperties.class)
@Import(PresignedHttpClientConfigurations.UrlConnection.class)
public final class ConnectParticipantAutoConfiguration {

	/**
	 * Name of the {@link SdkHttpClient} bean used for pre-signed URLs.
	 */
	public static final String PRESIGNED_HTTP_CLIENT_BEAN_NAME = "connectParticipantPresignedHttpClient";

	@Bean
	@ConditionalOnMissingBean
	ConnectParticipantConnectionDetails connectParticipantConnectionDetails(ConnectParticipantProperties properties) {
		return new PropertiesConnectParticipantConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectParticipantSettings connectParticipantSettings(ConnectParticipantProperties properties) {
		return ConnectParticipantSettingsMapper.toSettings(properties);
	}

	/**
	 * The SDK client, created on first use: building it loads much of the AWS SDK, so it
	 * is left out of the application's start-up and built right after the application is
	 * ready ({@link ConnectParticipantWarmUp}), or by the first call before that. The
	 * library's beans take it from an {@link ObjectProvider} on their first call and keep
	 * it, as they do the pre-signed-URL client: a supplier rather than a {@code @Lazy}
	 * injection point, whose proxy would load the SDK's model classes at start-up and
	 * dispatch every call by reflection.
	 */
	@Bean(destroyMethod = "close")
	@Lazy
	@ConditionalOnMissingBean
	ConnectParticipantClient connectParticipantClient(ConnectParticipantConnectionDetails connectionDetails,
			ConnectParticipantProperties properties, ConnectParticipantSettings settings,
			ObjectProvider<ConnectParticipantClientCustomizer> customizers) {
		ConnectParticipantProperties.Http http = properties.getHttp();
		// every SDK call is one attempt of the library's: bounded by the attempt timeout
		// on
		// the client, so that attempts need no request override of their own
		Duration attemptTimeout = settings.attemptTimeout();
		ConnectParticipantClientBuilder builder = ConnectParticipantClient.builder()
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClientBuilder(Apache5HttpClient.builder()
				.connectionTimeout(http.getConnectTimeout())
				.socketTimeout(http.getReadTimeout())
				.maxConnections(http.getMaxConnections()))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.apiCallTimeout(attemptTimeout)
				.apiCallAttemptTimeout(attemptTimeout));
		if (connectionDetails.getRegion() != null) {
			builder.region(Region.of(connectionDetails.getRegion()));
		}
		if (connectionDetails.getEndpoint() != null) {
			builder.endpointOverride(connectionDetails.getEndpoint());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		ClientOverrideConfiguration override = builder.overrideConfiguration();
		if (override.retryStrategy().isEmpty()) {
			// a customizer replaced the override configuration: the library's retries
			// stay the only ones
			builder.overrideConfiguration(override.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
		}
		return builder.build();
	}

	/**
	 * What building the client checked at start-up before it became lazy: that it has a
	 * region. With neither {@code connect.participant.region} nor a region from the SDK's
	 * chain (system property, environment, profile, instance metadata) the start fails
	 * with the SDK's "Unable to load region", which
	 * {@link ConnectParticipantRegionFailureAnalyzer} explains. Skipped for an
	 * application's own client.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ConnectParticipantClient.class)
	static class RegionCheckConfiguration {

		@Bean
		RegionCheck connectParticipantRegionCheck(ConnectParticipantConnectionDetails connectionDetails) {
			if (connectionDetails.getRegion() == null) {
				new DefaultAwsRegionProviderChain().getRegion();
			}
			return new RegionCheck();
		}

	}

	/**
	 * The region check's bean: nothing of its own.
	 */
	static final class RegionCheck {

	}

	/**
	 * The request pacer all the services share, as they share the account's quotas; with
	 * a {@link SharedPermits} bean, shared with the other replicas too.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestPacer connectParticipantRequestPacer(ConnectParticipantSettings settings,
			ObjectProvider<SharedPermits> sharedPermits) {
		return new RequestPacer(settings, sharedPermits.getIfAvailable());
	}

	@Bean
	ConnectParticipantWarmUp connectParticipantWarmUp(ObjectProvider<ConnectParticipantClient> client) {
		return new ConnectParticipantWarmUp(client);
	}

	@Bean
	@ConditionalOnMissingBean
	ParticipantConnectionFactory participantConnectionFactory(ObjectProvider<ConnectParticipantClient> client,
			ConnectParticipantSettings settings, ObjectProvider<ObservationRegistry> observationRegistry,
			RequestPacer pacer) {
		return new ParticipantConnectionFactory(client::getObject, settings,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), java.time.Clock.systemUTC(), pacer);
	}

	/**
	 * The attachment service. Its {@link DefaultAttachmentService} is created on first
	 * use or, before that, once the application is ready
	 * ({@link ConnectParticipantWarmUp}), so that the start-up does not load its classes;
	 * except when pre-signed URL hosts are configured, which it checks when it is
	 * created: then it is created now, so that a host that is not valid fails the start.
	 */
	@Bean
	@ConditionalOnMissingBean
	AttachmentService attachmentService(ObjectProvider<ConnectParticipantClient> client,
			@Qualifier(PRESIGNED_HTTP_CLIENT_BEAN_NAME) ObjectProvider<SdkHttpClient> httpClient,
			ConnectParticipantSettings settings, ObjectProvider<ObservationRegistry> observationRegistry,
			ConnectParticipantWarmUp warmUp, RequestPacer pacer, ObjectProvider<ChatSessions> chatSessions) {
		Deferred<AttachmentService> service = new Deferred<>(() -> {
			DefaultAttachmentService created = new DefaultAttachmentService(client::getObject, httpClient::getObject,
					settings, observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), pacer);
			// scan verdicts come from an open chat session of the connection when there
			// is one
			created.setScanVerdicts(chatSessions.getIfAvailable());
			return created;
		});
		if (!settings.presignedUrlHosts().isEmpty()) {
			service.get();
		}
		warmUp.add(service);
		return new DeferredAttachmentService(service);
	}

	/**
	 * The transcript service. Its {@link DefaultTranscriptService} is created on first
	 * use or, before that, once the application is ready
	 * ({@link ConnectParticipantWarmUp}), so that the start-up does not load its classes.
	 */
	@Bean
	@ConditionalOnMissingBean
	TranscriptService transcriptService(ObjectProvider<ConnectParticipantClient> client,
			ConnectParticipantSettings settings, ObjectProvider<ObservationRegistry> observationRegistry,
			ConnectParticipantWarmUp warmUp, RequestPacer pacer) {
		Deferred<TranscriptService> service = new Deferred<>(() -> new DefaultTranscriptService(client::getObject,
				settings, observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), pacer));
		warmUp.add(service);
		return new DeferredTranscriptService(service);
	}

}
