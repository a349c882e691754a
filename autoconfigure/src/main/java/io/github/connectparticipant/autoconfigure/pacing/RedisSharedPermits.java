package io.github.connectparticipant.autoconfigure.pacing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce.LettuceBasedProxyManagerBuilder;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.connectparticipant.RequestQuota;
import io.github.connectparticipant.retry.SharedPermits;

/**
 * {@link SharedPermits} kept in Redis: one Bucket4j token bucket per operation, under
 * {@code keyPrefix + operation}, of one token less than the quota's burst (as the
 * process's own buckets) and refilled at the quota's rate, taken with Bucket4j's
 * compare-and-swap on a Lettuce connection of the application's Redis client. The
 * connection is opened by the first request, so that an application starts while Redis is
 * away; Lettuce reconnects by itself.
 */
public final class RedisSharedPermits implements SharedPermits, AutoCloseable {

	private final Supplier<AbstractRedisClient> client;

	private final String keyPrefix;

	private final Duration timeout;

	private final Map<String, BucketProxy> buckets = new ConcurrentHashMap<>();

	private @Nullable StatefulConnection<String, byte[]> connection;

	private @Nullable ProxyManager<String> proxyManager;

	/**
	 * Create permits on a Redis client.
	 * @param client supplies the Lettuce client, standalone or cluster
	 * @param keyPrefix prefix of the buckets' keys
	 * @param timeout longest wait for Redis's answer
	 */
	public RedisSharedPermits(Supplier<AbstractRedisClient> client, String keyPrefix, Duration timeout) {
		Assert.notNull(client, "client is required");
		Assert.hasText(keyPrefix, "keyPrefix is required");
		Assert.notNull(timeout, "timeout is required");
		this.client = client;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	@Override
	public boolean tryAcquire(String operation, RequestQuota quota, long maxWaitNanos) throws InterruptedException {
		BucketProxy bucket = this.buckets.computeIfAbsent(operation,
				(name) -> proxyManager().builder().build(this.keyPrefix + name, () -> configuration(quota)));
		if (maxWaitNanos <= 0) {
			// Bucket4j's blocking consumption takes only a positive wait
			return bucket.tryConsume(1);
		}
		if (maxWaitNanos == Long.MAX_VALUE) {
			bucket.asBlocking().consume(1);
			return true;
		}
		return bucket.asBlocking().tryConsume(1, maxWaitNanos);
	}

	/**
	 * The bucket of a quota: one token less than its burst, refilled continuously at its
	 * rate.
	 */
	static BucketConfiguration configuration(RequestQuota quota) {
		long capacity = Math.max(1, quota.burst() - 1);
		Duration period = Duration.ofNanos(Math.round(capacity / quota.rate() * 1e9));
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(capacity).refillGreedy(capacity, period))
			.build();
	}

	private synchronized ProxyManager<String> proxyManager() {
		if (this.proxyManager == null) {
			AbstractRedisClient redis = this.client.get();
			RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
			// buckets idle long enough to be full again are dropped: a full bucket is
			// what a new one is
			ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));
			LettuceBasedProxyManagerBuilder<String> builder;
			if (redis instanceof RedisClusterClient cluster) {
				StatefulRedisClusterConnection<String, byte[]> clusterConnection = cluster.connect(codec);
				this.connection = clusterConnection;
				builder = Bucket4jLettuce.casBasedBuilder(clusterConnection);
			}
			else if (redis instanceof RedisClient standalone) {
				StatefulRedisConnection<String, byte[]> standaloneConnection = standalone.connect(codec);
				this.connection = standaloneConnection;
				builder = Bucket4jLettuce.casBasedBuilder(standaloneConnection);
			}
			else {
				throw new IllegalStateException("Unsupported Redis client " + redis.getClass().getName());
			}
			this.proxyManager = builder.requestTimeout(this.timeout).expirationAfterWrite(expiry).build();
		}
		return this.proxyManager;
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
			this.proxyManager = null;
			this.buckets.clear();
		}
	}

}
