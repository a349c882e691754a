package io.github.connectparticipant.retry;

import java.util.concurrent.TimeUnit;

import io.github.connectparticipant.RequestQuota;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One operation's token bucket on a time the test gives: the burst less one token goes at
 * once, then requests are an interval apart; a refused deadline books nothing; a
 * throttled answer cuts the rate once per window and successes bring it back along the
 * cubic curve to the quota, never above.
 */
class AdaptiveBucketTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	@Test
	void theBurstLessOneGoesAtOnceThenRequestsAreAnIntervalApart() {
		// 4 requests per second: 250 ms apart; a burst of 5 keeps one token of headroom
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(4, 5), true, 0);
		for (int i = 0; i < 4; i++) {
			assertThat(bucket.reserve(0, null)).as("request %d", i).isZero();
		}
		assertThat(bucket.reserve(0, null)).isEqualTo(250 * MS);
		assertThat(bucket.reserve(0, null)).isEqualTo(500 * MS);
		// after a quiet second the bucket holds the burst less one again, never more
		long later = 10_000 * MS;
		for (int i = 0; i < 4; i++) {
			assertThat(bucket.reserve(later, null)).isEqualTo(later);
		}
		assertThat(bucket.reserve(later, null)).isEqualTo(later + 250 * MS);
	}

	@Test
	void aBurstOfOneStillLetsOneRequestGo() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(2, 1), true, 0);
		assertThat(bucket.reserve(0, null)).isZero();
		assertThat(bucket.reserve(0, null)).isEqualTo(500 * MS);
	}

	@Test
	void aPermitAfterTheDeadlineIsRefusedAndNotBooked() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(2, 2), true, 0);
		assertThat(bucket.reserve(0, null)).isZero();
		assertThat(bucket.reserve(0, 100 * MS)).isEqualTo(AdaptiveBucket.REFUSED);
		// the refused permit was not booked: the next request gets it, 500 ms after the
		// first
		assertThat(bucket.reserve(0, 2000 * MS)).isEqualTo(500 * MS);
	}

	@Test
	void aThrottledAnswerCutsTheRateAndEmptiesTheBucket() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(10, 15), true, 0);
		bucket.throttled(1000 * MS, 900 * MS);
		OperationPacing state = bucket.state("Op");
		assertThat(state.rate()).isCloseTo(7.0, within(1e-9));
		assertThat(state.throttled()).isEqualTo(1);
		// empty: the next request waits one interval at the cut rate
		assertThat(bucket.reserve(1000 * MS, null)).isEqualTo(1000 * MS + Math.round(1e9 / 7));
	}

	@Test
	void answersToRequestsSentBeforeTheCutDoNotCutAgain() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(10, 15), true, 0);
		bucket.throttled(1000 * MS, 900 * MS);
		bucket.throttled(1010 * MS, 950 * MS);
		bucket.throttled(1020 * MS, 990 * MS);
		assertThat(bucket.state("Op").rate()).isCloseTo(7.0, within(1e-9));
		assertThat(bucket.state("Op").throttled()).isEqualTo(3);
		// a request sent after the cut and throttled tells of new congestion
		bucket.throttled(1500 * MS, 1200 * MS);
		assertThat(bucket.state("Op").rate()).isCloseTo(4.9, within(1e-9));
	}

	@Test
	void successesBringTheRateBackAlongTheCubicCurveToTheQuota() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(10, 15), true, 0);
		bucket.throttled(0, 0);
		// back at the rate before the cut after K = cbrt(share * 0.3 / SCALE) seconds,
		// about 10 s
		double k = Math.cbrt(1.0 * (1 - AdaptiveBucket.BETA) / AdaptiveBucket.SCALE);
		assertThat(k).isBetween(9.0, 11.0);
		bucket.succeeded(Math.round(k / 2 * 1e9));
		double halfway = bucket.state("Op").rate();
		assertThat(halfway).isGreaterThan(7.0).isLessThan(10.0);
		bucket.succeeded(Math.round(k * 1e9) - MS);
		assertThat(bucket.state("Op").rate()).isGreaterThan(halfway).isCloseTo(10.0, within(0.01));
		bucket.succeeded(Math.round(k * 1e9) + 5000 * MS);
		assertThat(bucket.state("Op").rate()).as("never above the quota").isEqualTo(10.0);
	}

	@Test
	void afterACutTheBucketHoldsNoBurstUntilTheRateIsBackAtTheQuota() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(10, 15), true, 0);
		bucket.throttled(0, 0);
		// a quiet minute refills one token only
		long later = 60_000 * MS;
		assertThat(bucket.reserve(later, null)).isEqualTo(later);
		assertThat(bucket.reserve(later, null)).isGreaterThan(later);
		// back at the quota, the bucket fills to the burst less one again
		bucket.succeeded(later);
		assertThat(bucket.state("Op").rate()).isEqualTo(10.0);
		long quiet = later + 60_000 * MS;
		for (int i = 0; i < 14; i++) {
			assertThat(bucket.reserve(quiet, null)).isEqualTo(quiet);
		}
	}

	@Test
	void theRateHasAFloor() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(2, 5), true, 0);
		for (int i = 1; i <= 30; i++) {
			bucket.throttled(i * 1000 * MS, i * 1000 * MS);
		}
		assertThat(bucket.state("Op").rate()).isEqualTo(2 * AdaptiveBucket.MIN_SHARE);
	}

	@Test
	void withoutAdaptationThrottlingIsCountedButTheRateStays() {
		AdaptiveBucket bucket = new AdaptiveBucket(new RequestQuota(2, 5), false, 0);
		bucket.throttled(1000 * MS, 900 * MS);
		bucket.succeeded(2000 * MS);
		assertThat(bucket.state("Op")).isEqualTo(new OperationPacing("Op", 2, 5, 2, 1));
	}

}
