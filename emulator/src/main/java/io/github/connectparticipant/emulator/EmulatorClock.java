package io.github.connectparticipant.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock plus an offset that tests move forward to expire tokens and URLs. */
final class EmulatorClock extends Clock {

	private final AtomicLong offsetMillis = new AtomicLong();

	void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("The clock only moves forward");
		}
		this.offsetMillis.addAndGet(duration.toMillis());
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

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(System.currentTimeMillis() + this.offsetMillis.get());
	}

}
