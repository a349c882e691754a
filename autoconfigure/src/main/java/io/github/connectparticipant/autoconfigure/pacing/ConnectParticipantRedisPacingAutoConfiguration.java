package io.github.connectparticipant.autoconfigure.pacing;

import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.autoconfigure.ConnectParticipantProperties;
import io.github.connectparticipant.autoconfigure.PacingProperties;
import io.github.connectparticipant.retry.SharedPermits;

/**
 * One request bucket per operation for all replicas of an application, in Redis, when
 * {@code connect.participant.pacing.redis.enabled=true}: Bucket4j on a connection of the
 * application's Lettuce client, the one Spring Data Redis's
 * {@link LettuceConnectionFactory} was made with (Boot configures it from
 * {@code spring.data.redis.*} or a {@code DataRedisConnectionDetails} bean), so the
 * starter needs no Redis settings of its own.
 */
@AutoConfiguration(before = ConnectParticipantAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ Bucket4jLettuce.class, RedisClient.class, LettuceConnectionFactory.class, SharedPermits.class })
@ConditionalOnBooleanProperty("connect.participant.pacing.redis.enabled")
@EnableConfigurationProperties(ConnectParticipantProperties.class)
public final class ConnectParticipantRedisPacingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SharedPermits.class)
	RedisSharedPermits connectParticipantSharedPermits(ObjectProvider<RedisConnectionFactory> connectionFactory,
			ConnectParticipantProperties properties) {
		RedisConnectionFactory factory = connectionFactory.getIfAvailable();
		if (!(factory instanceof LettuceConnectionFactory lettuce)) {
			throw new IllegalStateException("connect.participant.pacing.redis.enabled=true needs Spring Data Redis's "
					+ "Lettuce connection factory (spring-boot-starter-data-redis, configured by spring.data.redis.*); "
					+ ((factory != null) ? "the application's is a " + factory.getClass().getSimpleName()
							: "the application has none"));
		}
		PacingProperties.Redis redis = properties.getPacing().getRedis();
		return new RedisSharedPermits(lettuce::getRequiredNativeClient, redis.getKeyPrefix(), redis.getTimeout());
	}

}
