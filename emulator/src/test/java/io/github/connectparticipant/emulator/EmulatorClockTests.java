package io.github.connectparticipant.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmulatorClockTests {

	@Test
	void advancingMovesEveryViewOfTheClock() {
		EmulatorClock clock = new EmulatorClock();
		Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
		assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
		clock.advance(Duration.ofDays(2));
		assertThat(Duration.between(Clock.systemUTC().instant(), paris.instant())).isGreaterThan(Duration.ofDays(1));
		assertThat(clock.offset()).isEqualTo(Duration.ofDays(2));
		clock.reset();
		assertThat(clock.offset()).isZero();
	}

	@Test
	void onlyMovesForward() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EmulatorClock().advance(Duration.ofSeconds(-1)));
	}

}
