package io.github.connectparticipant.autoconfigure.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Whether the Participant endpoint answers at all: an unauthenticated {@code GET} of its
 * root, where any HTTP answer (even 403 or 404) means reachable. No token is sent. The
 * result is kept for a while so that health checks cannot flood the endpoint.
 */
public class EndpointProbe {

	private final Supplier<URI> endpoint;

	/**
	 * Created by the first probe: an application that is never probed never pays for an
	 * HTTP client (and its TLS set-up) at start-up.
	 */
	private @Nullable HttpClient httpClient;

	private final Duration timeout;

	private final Duration cacheTime;

	private final Clock clock;

	private volatile @Nullable Result cached;

	/**
	 * Create a probe.
	 * @param endpoint the service endpoint
	 * @param timeout longest time one probe may take
	 * @param cacheTime how long a result is reused
	 */
	public EndpointProbe(URI endpoint, Duration timeout, Duration cacheTime) {
		this(() -> endpoint, timeout, cacheTime, Clock.systemUTC());
	}

	/**
	 * Create a probe whose endpoint is resolved when it is first needed (from an SDK
	 * client that is itself created on first use, say).
	 * @param endpoint supplies the service endpoint, called once
	 * @param timeout longest time one probe may take
	 * @param cacheTime how long a result is reused
	 */
	public EndpointProbe(Supplier<URI> endpoint, Duration timeout, Duration cacheTime) {
		this(endpoint, timeout, cacheTime, Clock.systemUTC());
	}

	EndpointProbe(Supplier<URI> endpoint, Duration timeout, Duration cacheTime, Clock clock) {
		this.endpoint = SingletonSupplier.of(() -> {
			URI uri = endpoint.get();
			return URI.create(uri.getScheme() + "://" + uri.getAuthority() + "/");
		});
		this.timeout = timeout;
		this.cacheTime = cacheTime;
		this.clock = clock;
	}

	/**
	 * The endpoint probed (scheme, host and port only).
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.endpoint.get();
	}

	/**
	 * Probe, or reuse a recent result.
	 * @return the result
	 */
	public Result probe() {
		Result result = this.cached;
		Instant now = this.clock.instant();
		if (result != null && now.isBefore(result.checkedAt().plus(this.cacheTime))) {
			return result;
		}
		synchronized (this) {
			result = this.cached;
			if (result != null && now.isBefore(result.checkedAt().plus(this.cacheTime))) {
				return result;
			}
			result = probeNow();
			this.cached = result;
			return result;
		}
	}

	private Result probeNow() {
		long start = System.nanoTime();
		HttpRequest request = HttpRequest.newBuilder(endpoint()).timeout(this.timeout).GET().build();
		HttpClient client = this.httpClient;
		if (client == null) {
			client = HttpClient.newBuilder().connectTimeout(this.timeout).build();
			this.httpClient = client;
		}
		try {
			HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
			return new Result(true, response.statusCode(), null, elapsed(start), this.clock.instant());
		}
		catch (IOException ex) {
			return new Result(false, 0, ex.getClass().getSimpleName(), elapsed(start), this.clock.instant());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(false, 0, "Interrupted", elapsed(start), this.clock.instant());
		}
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * The outcome of a probe.
	 *
	 * @param reachable whether the endpoint answered
	 * @param status the HTTP status it answered with, 0 when unreachable
	 * @param error the kind of failure when unreachable
	 * @param latency how long the probe took
	 * @param checkedAt when it was done
	 */
	public record Result(boolean reachable, int status, @Nullable String error, Duration latency, Instant checkedAt) {
	}

}
