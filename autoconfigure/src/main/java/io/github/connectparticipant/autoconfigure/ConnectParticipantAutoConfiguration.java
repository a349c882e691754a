package io.github.connectparticipant.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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
 * credentials, SDK retries off, built on first use), the HTTP client for pre-signed URLs,
 * the settings that carry the retry policy, the request pacer the services share, the
 * connection factory, {@link AttachmentService} and {@link TranscriptService}.
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

	/**
	 * Name of the executor bean that runs the uploads of
	 * {@link AttachmentService#uploadAll} batches.
	 */
	public static final String UPLOAD_EXECUTOR_BEAN_NAME = "connectParticipantUploadExecutor";

	private static final String UPLOAD_THREAD_NAME_PREFIX = "connect-participant-upload-";

	/**
	 * Threads of the SDK client's timeout timers, as many as the SDK's own executor has.
	 */
	private static final int SDK_TIMEOUT_THREADS = 5;

	/**
	 * How often the task at the head of the timers' queue is due, at most.
	 */
	private static final Duration TIMEOUTS_HEAD_PERIOD = Duration.ofSeconds(1);

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
	 * The SDK client, built on first use: building it loads much of the AWS SDK and of
	 * Apache HttpClient, work an application's start-up need not wait for. The library's
	 * beans take it through {@code @Lazy} injection points, so that they hold Spring's
	 * lazy-resolution proxy and their first call builds it; a client never used is never
	 * built, nor closed. Its region is resolved at start-up, where the SDK's region chain
	 * costs little: with neither {@code connect.participant.region} nor a region from the
	 * chain (system property, environment, profile, instance metadata) the start fails
	 * with the SDK's "Unable to load region", which
	 * {@link ConnectParticipantRegionFailureAnalyzer} explains.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ConnectParticipantClient.class)
	static class ClientConfiguration implements DisposableBean {

		private final Region region;

		private @Nullable ScheduledThreadPoolExecutor timeouts;

		ClientConfiguration(ConnectParticipantConnectionDetails connectionDetails) {
			String region = connectionDetails.getRegion();
			this.region = (region != null) ? Region.of(region) : new DefaultAwsRegionProviderChain().getRegion();
		}

		@Bean(destroyMethod = "close")
		@Lazy
		ConnectParticipantClient connectParticipantClient(ConnectParticipantConnectionDetails connectionDetails,
				ConnectParticipantProperties properties, ConnectParticipantSettings settings,
				ObjectProvider<ConnectParticipantClientCustomizer> customizers) {
			ConnectParticipantProperties.Http http = properties.getHttp();
			// every SDK call is one attempt of the library's: bounded by the attempt
			// timeout on the client, so that attempts need no request override of their
			// own
			Duration attemptTimeout = settings.attemptTimeout();
			ConnectParticipantClientBuilder builder = ConnectParticipantClient.builder()
				.region(this.region)
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.httpClientBuilder(Apache5HttpClient.builder()
					.connectionTimeout(http.getConnectTimeout())
					.socketTimeout(http.getReadTimeout())
					.maxConnections(http.getMaxConnections()))
				.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
					.apiCallTimeout(attemptTimeout)
					.apiCallAttemptTimeout(attemptTimeout)
					.scheduledExecutorService(timeouts(attemptTimeout)));
			if (connectionDetails.getEndpoint() != null) {
				builder.endpointOverride(connectionDetails.getEndpoint());
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			ClientOverrideConfiguration override = builder.overrideConfiguration();
			if (override.retryStrategy().isEmpty()) {
				// a customizer replaced the override configuration: the library's
				// retries stay the only ones
				builder
					.overrideConfiguration(override.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
			}
			return builder.build();
		}

		/**
		 * The SDK's timers of call and attempt timeouts. Unlike the SDK's own executor,
		 * it drops a timer cancelled by the end of its call at once: otherwise every call
		 * of the last timeout's length stays reachable through its timers, with its
		 * request and response, long after it ended. A task that does nothing, due at
		 * least once per attempt timeout, stays at the head of its queue: a call's
		 * timers, due later, are queued behind it without waking a timer thread, as each
		 * would when it became the head of an empty queue.
		 * @param attemptTimeout the timeout of the calls' timers
		 */
		synchronized ScheduledThreadPoolExecutor timeouts(Duration attemptTimeout) {
			if (this.timeouts == null) {
				AtomicInteger count = new AtomicInteger();
				ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(SDK_TIMEOUT_THREADS,
						(runnable) -> {
							Thread thread = new Thread(runnable,
									"connect-participant-sdk-timeouts-" + count.incrementAndGet());
							thread.setDaemon(true);
							return thread;
						});
				executor.setRemoveOnCancelPolicy(true);
				long headNanos = Math.min(attemptTimeout.toNanos(), TIMEOUTS_HEAD_PERIOD.toNanos());
				executor.scheduleAtFixedRate(() -> {
				}, headNanos, headNanos, TimeUnit.NANOSECONDS);
				this.timeouts = executor;
			}
			return this.timeouts;
		}

		@Override
		public synchronized void destroy() {
			// the SDK leaves an executor it was given running when the client closes
			if (this.timeouts != null) {
				this.timeouts.shutdownNow();
			}
		}

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
	@ConditionalOnMissingBean
	ParticipantConnectionFactory participantConnectionFactory(@Lazy ConnectParticipantClient client,
			ConnectParticipantSettings settings, ObjectProvider<ObservationRegistry> observationRegistry,
			RequestPacer pacer) {
		return new ParticipantConnectionFactory(client, settings,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), Clock.systemUTC(), pacer);
	}

	/**
	 * The executor of {@link AttachmentService#uploadAll} batches, the application's to
	 * replace by a bean of this name: virtual threads when
	 * {@code spring.threads.virtual.enabled} is set, otherwise threads made as batches
	 * need them and reused, ended after a minute idle and when the context closes. Not a
	 * default candidate, so that it is never injected as, nor stands in for, the
	 * application's own executor.
	 */
	@Bean(name = UPLOAD_EXECUTOR_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = UPLOAD_EXECUTOR_BEAN_NAME)
	AsyncTaskExecutor connectParticipantUploadExecutor(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(UPLOAD_THREAD_NAME_PREFIX);
			executor.setVirtualThreads(true);
			return executor;
		}
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(UPLOAD_THREAD_NAME_PREFIX);
		executor.setCorePoolSize(0);
		executor.setQueueCapacity(0);
		executor.setDaemon(true);
		return executor;
	}

	/**
	 * The attachment service; scan verdicts come from an open chat session of the
	 * connection when there is one.
	 */
	@Bean
	@ConditionalOnMissingBean
	AttachmentService attachmentService(@Lazy ConnectParticipantClient client,
			@Qualifier(PRESIGNED_HTTP_CLIENT_BEAN_NAME) SdkHttpClient httpClient, ConnectParticipantSettings settings,
			ObjectProvider<ObservationRegistry> observationRegistry, RequestPacer pacer,
			@Qualifier(UPLOAD_EXECUTOR_BEAN_NAME) Executor uploadExecutor, ObjectProvider<ChatSessions> chatSessions) {
		DefaultAttachmentService service = new DefaultAttachmentService(client, httpClient, settings,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), pacer, uploadExecutor);
		service.setScanVerdicts(chatSessions.getIfAvailable());
		return service;
	}

	@Bean
	@ConditionalOnMissingBean
	TranscriptService transcriptService(@Lazy ConnectParticipantClient client, ConnectParticipantSettings settings,
			ObjectProvider<ObservationRegistry> observationRegistry, RequestPacer pacer) {
		return new DefaultTranscriptService(client, settings,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), pacer);
	}

}
