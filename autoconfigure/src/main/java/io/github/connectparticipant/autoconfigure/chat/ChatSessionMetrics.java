package io.github.connectparticipant.autoconfigure.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import io.github.connectparticipant.chat.ChatEndReason;
import io.github.connectparticipant.chat.ChatSession;
import io.github.connectparticipant.chat.ChatSessionObserver;
import io.github.connectparticipant.transcript.TranscriptItem;

/**
 * Meters of chat sessions: {@code connect.participant.chat.sessions} (open sessions),
 * {@code connect.participant.chat.reconnects},
 * {@code connect.participant.chat.gap.filled.items} (items a reconnection found in the
 * transcript that no socket had pushed),
 * {@code connect.participant.chat.delivery.latency} (from an item's time to its delivery)
 * and {@code connect.participant.chat.sessions.ended} (by {@code reason}).
 */
final class ChatSessionMetrics implements ChatSessionObserver {

	private final Supplier<@Nullable MeterRegistry> registry;

	private final AtomicInteger open = new AtomicInteger();

	private volatile @Nullable Meters meters;

	/**
	 * Create the meters' observer; the registry is looked up when the first session
	 * opens, after the context has made it.
	 */
	ChatSessionMetrics(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	private @Nullable Meters meters() {
		Meters current = this.meters;
		if (current == null) {
			synchronized (this) {
				current = this.meters;
				MeterRegistry registry = (current == null) ? this.registry.get() : null;
				if (registry != null) {
					current = new Meters(registry, this.open);
					this.meters = current;
				}
			}
		}
		return current;
	}

	@Override
	public void opened(ChatSession session) {
		this.open.incrementAndGet();
		meters();
	}

	@Override
	public void item(ChatSession session, TranscriptItem item) {
		Instant time = item.time();
		Meters meters = meters();
		if (time != null && meters != null) {
			Duration age = Duration.between(time, Instant.now());
			if (!age.isNegative()) {
				meters.latency.record(age);
			}
		}
	}

	@Override
	public void reconnected(ChatSession session, int filledItems) {
		Meters meters = meters();
		if (meters != null) {
			meters.reconnects.increment();
			meters.filled.increment(filledItems);
		}
	}

	@Override
	public void ended(ChatSession session, ChatEndReason reason, @Nullable Throwable cause) {
		this.open.decrementAndGet();
		Meters meters = meters();
		if (meters != null) {
			Counter.builder("connect.participant.chat.sessions.ended")
				.tag("reason", reason.name())
				.register(meters.registry)
				.increment();
		}
	}

	/**
	 * The meters, registered once.
	 */
	private static final class Meters {

		final MeterRegistry registry;

		final Counter reconnects;

		final Counter filled;

		final Timer latency;

		Meters(MeterRegistry registry, AtomicInteger open) {
			this.registry = registry;
			registry.gauge("connect.participant.chat.sessions", open);
			this.reconnects = Counter.builder("connect.participant.chat.reconnects")
				.description("Chat sessions that got a socket again after losing one")
				.register(registry);
			this.filled = Counter.builder("connect.participant.chat.gap.filled.items")
				.description("Items read from the transcript after a reconnection")
				.register(registry);
			this.latency = Timer.builder("connect.participant.chat.delivery.latency")
				.description("Time from an item's time in the chat to its delivery")
				.register(registry);
		}

	}

}
