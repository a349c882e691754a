package io.github.connectparticipant.chat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecentKeys}.
 */
class RecentKeysTests {

	@Test
	void aKeyIsAddedOnceWhileItIsRecent() {
		RecentKeys keys = new RecentKeys(8);
		assertThat(keys.contains("a")).isFalse();
		assertThat(keys.add("a")).isTrue();
		assertThat(keys.add("b")).isTrue();
		assertThat(keys.add("a")).isFalse();
		assertThat(keys.add(new String("b"))).isFalse();
		assertThat(keys.contains("a")).isTrue();
	}

	@Test
	void theRingGrowsToItsLimitAndThenForgetsTheOldestFirst() {
		RecentKeys keys = new RecentKeys(10);
		IntStream.range(0, 10).forEach((i) -> assertThat(keys.add("k" + i)).isTrue());
		IntStream.range(0, 10).forEach((i) -> assertThat(keys.contains("k" + i)).as("k" + i).isTrue());
		assertThat(keys.add("k10")).isTrue();
		assertThat(keys.add("k11")).isTrue();
		assertThat(keys.contains("k0")).isFalse();
		assertThat(keys.contains("k1")).isFalse();
		IntStream.range(2, 12).forEach((i) -> assertThat(keys.add("k" + i)).as("k" + i).isFalse());
		// a key forgotten is new again, and takes the place of the oldest left
		assertThat(keys.add("k0")).isTrue();
		assertThat(keys.contains("k2")).isFalse();
		assertThat(keys.contains("k3")).isTrue();
	}

	@Test
	void aRemovedKeyCanBeAddedAgain() {
		RecentKeys keys = new RecentKeys(4);
		keys.add("a");
		keys.add("b");
		keys.remove("a");
		keys.remove("never added");
		assertThat(keys.contains("a")).isFalse();
		assertThat(keys.contains("b")).isTrue();
		assertThat(keys.add("a")).isTrue();
		assertThat(keys.add("a")).isFalse();
	}

}
