package io.github.connectparticipant.autoconfigure.pacing;

import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * An application's Redis connection as Spring Data Redis makes it, and as Boot's Redis
 * auto-configuration would from {@code spring.data.redis.*}: a
 * {@link LettuceConnectionFactory}, here to the test's server on {@code test.redis.port}.
 * Registered by the tests that use it (not a {@code @Configuration}, so that no
 * application test's component scan finds it).
 */
class ApplicationRedis {

	@Bean
	LettuceConnectionFactory redisConnectionFactory(Environment environment) {
		return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1",
				environment.getRequiredProperty("test.redis.port", Integer.class)));
	}

}
