package io.github.connectparticipant.autoconfigure.chat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.InvalidSettingException;
import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.chat.ChatSessionObserver;
import io.github.connectparticipant.chat.ChatSessionSettings;
import io.github.connectparticipant.chat.ChatSessions;
import io.github.connectparticipant.retry.RequestPacer;

/**
 * Auto-configuration of {@link ChatSessions}: built from
 * {@code connect.participant.chat.*} over the starter's SDK client (built on first use),
 * every session's items and end published as {@link ChatItemEvent} and
 * {@link ChatSessionEndedEvent}, every {@link ChatSessionObserver} bean told of every
 * session, and every session closed at shutdown with a bounded wait. With Micrometer,
 * {@link ChatSessionMetrics}; with Actuator, a {@code chatSessions} health indicator
 * ({@code management.health.chatsessions.enabled=false} turns it off).
 */
@AutoConfiguration(after = ConnectParticipantAutoConfiguration.class)
@ConditionalOnClass({ ChatSessions.class, ConnectParticipantClient.class })
@EnableConfigurationProperties(ChatSessionProperties.class)
public final class ChatSessionsAutoConfiguration {

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ChatSessions chatSessions(@Lazy ConnectParticipantClient client, ConnectParticipantSettings settings,
			ChatSessionProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
			ApplicationEventPublisher publisher, ObjectProvider<ChatSessionObserver> observers, RequestPacer pacer) {
		ChatSessions sessions = new ChatSessions(client, settings, toSettings(properties),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), pacer);
		sessions.addObserver(new ChatSessionEventPublisher(publisher));
		observers.orderedStream().forEach(sessions::addObserver);
		return sessions;
	}

	/**
	 * The sessions' settings from the properties, which share their names: a value the
	 * settings refuse is reported as the property it came from.
	 */
	static ChatSessionSettings toSettings(ChatSessionProperties properties) {
		ChatSessionSettings.Builder builder = ChatSessionSettings.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getHeartbeatInterval).to(builder::heartbeatInterval);
		map.from(properties::getInitialBackoff).to(builder::initialBackoff);
		map.from(properties::getMaxBackoff).to(builder::maxBackoff);
		map.from(properties::getRotationInterval).to(builder::rotationInterval);
		map.from(properties::getTypingInterval).to(builder::typingInterval);
		map.from(properties::getWorkerThreads).to(builder::workerThreads);
		map.from(properties::getDeliveryThreads).to(builder::deliveryThreads);
		try {
			return builder.build();
		}
		catch (InvalidSettingException ex) {
			// Boot 4.0's constructor with a cause is not public: the refusal is kept as
			// suppressed
			InvalidConfigurationPropertyValueException refused = new InvalidConfigurationPropertyValueException(
					"connect.participant.chat." + DataObjectPropertyName.toDashedForm(ex.getSetting()), ex.getValue(),
					ex.getReason());
			refused.addSuppressed(ex);
			throw refused;
		}
	}

	@Bean
	ChatSessionsShutdown chatSessionsShutdown(ChatSessions sessions, ChatSessionProperties properties) {
		return new ChatSessionsShutdown(sessions, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		ChatSessionObserver chatSessionMetrics(ObjectProvider<MeterRegistry> registry) {
			return new ChatSessionMetrics(registry::getIfAvailable);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("chatsessions")
	static class HealthConfiguration {

		/**
		 * Always UP (a chat that ends is the chat's business, not the application's
		 * health), with the number of open sessions and nothing of a contact, token or
		 * URL.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "chatSessionsHealthIndicator")
		HealthIndicator chatSessionsHealthIndicator(ChatSessions sessions) {
			return () -> Health.up().withDetail("openSessions", sessions.sessions().size()).build();
		}

	}

	/**
	 * Closes every session when the application stops, after the web server's graceful
	 * shutdown (a later phase stops earlier), waiting up to the shutdown timeout for the
	 * listeners.
	 */
	static final class ChatSessionsShutdown implements SmartLifecycle {

		private final ChatSessions sessions;

		private final ChatSessionProperties properties;

		private volatile boolean running;

		ChatSessionsShutdown(ChatSessions sessions, ChatSessionProperties properties) {
			this.sessions = sessions;
			this.properties = properties;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.sessions.close(this.properties.getShutdownTimeout());
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return SmartLifecycle.DEFAULT_PHASE - 2048;
		}

		/**
		 * Not stopped when the context is paused (as the test framework pauses a cached
		 * context it switches away from): closed sessions cannot be started again.
		 * @return {@code false}
		 */
		@Override
		public boolean isPauseable() {
			return false;
		}

	}

}
