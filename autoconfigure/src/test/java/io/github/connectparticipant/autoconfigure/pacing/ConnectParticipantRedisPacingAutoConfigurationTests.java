package io.github.connectparticipant.autoconfigure.pacing;

import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

import io.github.connectparticipant.RequestQuota;
import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.SharedPermits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared bucket is off by default, on with its property on the application's Spring
 * Data Redis connection factory (Lettuce), refused with a clear message without one, and
 * backs off from an application's own {@link SharedPermits} and from a class path without
 * Bucket4j.
 */
class ConnectParticipantRedisPacingAutoConfigurationTests {

	private static RedisServer redis;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectParticipantRedisPacingAutoConfiguration.class,
				ConnectParticipantAutoConfiguration.class))
		.withUserConfiguration(ApplicationRedis.class)
		.withPropertyValues("connect.participant.region=eu-west-2");

	@BeforeAll
	static void startRedis() throws Exception {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() throws Exception {
		redis.close();
	}

	@Test
	void offByDefaultTheProcessPacesAlone() {
		this.runner.withPropertyValues("test.redis.port=" + redis.port()).run((context) -> {
			assertThat(context).doesNotHaveBean(SharedPermits.class);
			RequestPacer pacer = context.getBean(RequestPacer.class);
			assertThat(pacer.isShared()).isFalse();
			assertThat(pacer.operations()).hasSize(RequestQuota.CONNECT_QUOTAS.size());
		});
	}

	@Test
	void onTheBucketsLiveInTheApplicationsRedisConnection() {
		this.runner
			.withPropertyValues("test.redis.port=" + redis.port(), "connect.participant.pacing.redis.enabled=true",
					"connect.participant.pacing.redis.key-prefix=test:autoconfig:")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisSharedPermits.class);
				assertThat(context.getBean(RequestPacer.class).isShared()).isTrue();
				SharedPermits permits = context.getBean(SharedPermits.class);
				// a burst of 3 leaves a bucket of 2 in Redis
				RequestQuota quota = new RequestQuota(0.01, 3);
				assertThat(permits.tryAcquire("Op", quota, 0)).isTrue();
				assertThat(permits.tryAcquire("Op", quota, 0)).isTrue();
				assertThat(permits.tryAcquire("Op", quota, 0)).isFalse();
			});
	}

	@Test
	void onWithoutARedisConnectionTheStartFailsSayingWhatIsMissing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectParticipantRedisPacingAutoConfiguration.class,
					ConnectParticipantAutoConfiguration.class))
			.withPropertyValues("connect.participant.region=eu-west-2", "connect.participant.pacing.redis.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("connect.participant.pacing.redis.enabled=true")
				.hasMessageContaining("spring.data.redis"));
	}

	@Test
	void backsOffFromTheApplicationsOwnSharedPermits() {
		this.runner.withUserConfiguration(OwnPermits.class)
			.withPropertyValues("test.redis.port=" + redis.port(), "connect.participant.pacing.redis.enabled=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisSharedPermits.class);
				assertThat(context.getBean(SharedPermits.class)).isSameAs(OwnPermits.PERMITS);
				assertThat(context.getBean(RequestPacer.class).isShared()).isTrue();
			});
	}

	@Test
	void withoutBucket4jNothingIsShared() {
		this.runner.withClassLoader(new FilteredClassLoader(Bucket4jLettuce.class))
			.withPropertyValues("test.redis.port=" + redis.port(), "connect.participant.pacing.redis.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SharedPermits.class);
				assertThat(context.getBean(RequestPacer.class).isShared()).isFalse();
			});
	}

	static class OwnPermits {

		static final SharedPermits PERMITS = (operation, quota, maxWaitNanos) -> true;

		@Bean
		SharedPermits ownPermits() {
			return PERMITS;
		}

	}

}
