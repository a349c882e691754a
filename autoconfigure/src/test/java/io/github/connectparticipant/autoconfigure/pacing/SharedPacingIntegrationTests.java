package io.github.connectparticipant.autoconfigure.pacing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.connectparticipant.autoconfigure.ConnectParticipantAutoConfiguration;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of an application (two application contexts with the starter) read
 * transcripts at once against one service quota. Each pacing at the quota alone, they
 * overrun it together and are throttled; sharing one bucket in Redis, no request is
 * throttled; with Redis gone, requests go on paced by each replica alone. Counted by the
 * emulator's request counts: a throttled request is retried, so a call that took more
 * than one request was throttled.
 */
@Timeout(120)
class SharedPacingIntegrationTests {

	private static final String GET = "GetTranscript";

	private static final int THREADS = 3;

	private static final int CALLS_PER_THREAD = 8;

	private static RedisServer redis;

	private static ConnectParticipantEmulator emulator;

	private ApplicationContextRunner replica;

	@BeforeAll
	static void start() throws Exception {
		redis = RedisServer.start();
		emulator = ConnectParticipantEmulator.start();
	}

	@AfterAll
	static void stop() throws Exception {
		emulator.close();
		redis.close();
	}

	@BeforeEach
	void quota() {
		emulator.reset();
		// the service's quota at 10 per second with a burst of 6; the replicas pace at 10
		// per
		// second with a burst of 5 (a bucket of 4): two tokens of headroom for a busy
		// machine
		emulator.setThrottle(GET, 10, 6);
		this.replica = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectParticipantRedisPacingAutoConfiguration.class,
					ConnectParticipantAutoConfiguration.class))
			.withUserConfiguration(ApplicationRedis.class)
			.withPropertyValues("connect.participant.region=us-west-2",
					"connect.participant.endpoint=" + emulator.baseUri(), "test.redis.port=" + redis.port(),
					"connect.participant.pacing.quotas." + GET + ".rate=10",
					"connect.participant.pacing.quotas." + GET + ".burst=5",
					"connect.participant.pacing.redis.key-prefix=test:" + System.nanoTime() + ":",
					"connect.participant.retry.initial-backoff=5ms", "connect.participant.retry.max-backoff=50ms",
					"connect.participant.retry.max-attempts=20");
	}

	@Test
	void replicasPacingAloneOverrunTheQuotaTogether() throws Exception {
		int calls = runTwoReplicas(this.replica.withPropertyValues("connect.participant.pacing.adaptive=false"));
		assertThat(emulator.requestCount(GET)).as("requests, retries of throttled ones included").isGreaterThan(calls);
	}

	@Test
	void replicasSharingABucketInRedisStayWithinTheQuota() throws Exception {
		int calls = runTwoReplicas(this.replica.withPropertyValues("connect.participant.pacing.redis.enabled=true",
				"connect.participant.pacing.adaptive=false"));
		assertThat(emulator.requestCount(GET)).as("one request per call: none throttled").isEqualTo(calls);
	}

	@Test
	void withRedisGoneRequestsGoOnPacedByEachReplicaAlone() throws Exception {
		try (RedisServer gone = RedisServer.start()) {
			ApplicationContextRunner runner = this.replica.withPropertyValues(
					"connect.participant.pacing.redis.enabled=true", "test.redis.port=" + gone.port(),
					"connect.participant.pacing.redis.timeout=200ms");
			gone.close();
			runner.run((context) -> {
				TranscriptService transcripts = context.getBean(TranscriptService.class);
				ParticipantConnection connection = connect(context);
				for (int i = 0; i < 3; i++) {
					transcripts.page(connection, TranscriptQuery.newestFirst());
				}
				// the first request found Redis gone; the next ones do not ask it again
				// for a while
				assertThat(context.getBean(RequestPacer.class).sharedFailures()).isEqualTo(1);
			});
		}
	}

	/**
	 * Start two replicas and read the first page of one transcript from several threads
	 * of each at once.
	 * @return the calls made
	 */
	private int runTwoReplicas(ApplicationContextRunner runner) throws Exception {
		List<Throwable> failures = new ArrayList<>();
		runner.run((first) -> runner.run((second) -> {
			ParticipantConnection a = connect(first);
			ParticipantConnection b = connect(second);
			long before = emulator.requestCount(GET);
			assertThat(before).isZero();
			ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS);
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					futures.add(threads.submit(() -> read(first, a)));
					futures.add(threads.submit(() -> read(second, b)));
				}
				for (Future<?> future : futures) {
					try {
						future.get();
					}
					catch (Exception ex) {
						failures.add(ex);
					}
				}
			}
			finally {
				threads.shutdownNow();
			}
		}));
		assertThat(failures).isEmpty();
		return 2 * THREADS * CALLS_PER_THREAD;
	}

	private static Void read(ApplicationContext context, ParticipantConnection connection) {
		TranscriptService transcripts = context.getBean(TranscriptService.class);
		for (int i = 0; i < CALLS_PER_THREAD; i++) {
			transcripts.page(connection, TranscriptQuery.newestFirst());
		}
		return null;
	}

	private static ParticipantConnection connect(ApplicationContext context) {
		ConnectParticipantEmulator.StartedChat chat = emulator.startChat("Ada");
		ParticipantConnection connection = context.getBean(ParticipantConnectionFactory.class)
			.fromParticipantToken(chat.participantToken());
		connection.connectionToken();
		return connection;
	}

}
