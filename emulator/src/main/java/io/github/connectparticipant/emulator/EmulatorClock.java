package io.github.connectparticipant.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock plus an offset that tests move forward to expire tokens and URLs. */
final class EmulatorClock extends Clock {

	private final AtomicLong offsetMillis = new AtomicLong();

	private final List<Runnable> advanceListeners = new CopyOnWriteArrayList<>();

	void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("The clock only moves forward");
		}
		this.offsetMillis.addAndGet(duration.toMillis());
		// what is due at the new time (the subscribe rule) happens before advance()
		// returns
		this.advanceListeners.forEach(Runnable::run);
	}

	/** Runs the listener after every advance, on the advancing thread. */
	void onAdvance(Runnable listener) {
		this.advanceListeners.add(listener);
	}

	void reset() {
		this.offsetMillis.set(0);
	}

	Duration offset() {
		return Duration.ofMillis(this.offsetMillis.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/** The same moving clock seen in another zone (the offset stays shared). */
	@Override
	public Clock withZone(ZoneId zone) {
		EmulatorClock source = this;
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return source.withZone(other);
			}

			@Override
			public Instant instant() {
				return source.instant();
			}

		};
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(System.currentTimeMillis() + this.offsetMillis.get());
	}

}
