package io.github.connectparticipant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.utils.DateUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the service's times are read: the fast path for the form the service sends times in
 * reads them exactly as {@link Instant#parse} does, and leaves every other text to the
 * general parsers.
 */
class ServiceTimeTests {

	/**
	 * Texts of the service's form ({@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}) with fields in
	 * range.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "2019-11-08T02:41:28.172Z", "2019-11-08T02:41:28Z", "2019-11-08T02:41:28.1Z",
			"2019-11-08T02:41:28.12Z", "2019-11-08T02:41:28.1234Z", "2019-11-08T02:41:28.12345Z",
			"2019-11-08T02:41:28.123456Z", "2019-11-08T02:41:28.1234567Z", "2019-11-08T02:41:28.12345678Z",
			"2019-11-08T02:41:28.123456789Z", "2019-11-08T02:41:28.000Z", "2019-11-08T02:41:28.000000000Z",
			"2019-11-08T02:41:28.999999999Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z",
			"1969-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00.5Z",
			"9999-12-31T23:59:59.999999999Z", "2000-02-29T12:00:00Z", "2020-02-29T23:59:59.001Z",
			"2019-12-31T23:59:59Z", "2019-04-30T10:00:00Z", "2019-01-31T10:00:00Z", "2019-02-28T10:00:00Z" })
	void readsTheServiceFormAsInstantParseDoes(String text) {
		Instant expected = Instant.parse(text);
		assertThat(ServiceTime.parseUtc(text)).isEqualTo(expected);
		assertThat(ServiceTime.parse(text)).isEqualTo(expected);
		assertThat(DateUtils.parseIso8601Date(text)).isEqualTo(expected);
	}

	/**
	 * Texts the fast path leaves to the general parsers: each is read (or refused) as
	 * before.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "2019-11-08T03:41:28.172+01:00", "2019-11-08T02:41:28.172+00:00",
			"2019-11-07T21:11:28.172-05:30", "2019-11-08T03:41:28+01:00", "2019-11-08T02:41:28.172z",
			"2019-11-08t02:41:28.172Z", "2019-11-08T24:00:00Z", "2019-12-31T24:00:00.000Z", "2016-12-31T23:59:60Z",
			"2019-11-08T23:59:60.5Z", "2019-11-08T02:41:28.1234567891Z", "2019-11-08T02:41:28.Z", "2019-11-08T02:41Z",
			"2019-11-08T02:41+01:00", "2019-11-08T02:41:28", "2019-11-08 02:41:28Z", "2019-11-08T02:41:28.172",
			"2019-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2019-04-31T00:00:00Z", "2019-13-01T00:00:00Z",
			"2019-00-01T00:00:00Z", "2019-11-00T00:00:00Z", "2019-11-32T00:00:00Z", "2019-11-08T25:00:00Z",
			"2019-11-08T02:60:00Z", "2019-11-08T02:41:61Z", "+12019-11-08T02:41:28Z", "-0001-11-08T02:41:28Z",
			"+2019-11-08T02:41:28Z", "19-11-08T02:41:28Z", "2019-1-08T02:41:28.172Z",
			"\u0662\u0660\u0661\u0669-11-08T02:41:28Z", "2019-11-08T02:41:2\u0668Z", " 2019-11-08T02:41:28Z",
			"2019-11-08T02:41:28Z ", "2019-11-08T02:41:28.17 Z", "2019-11-08T02:41:28.1-2Z", "2019/11/08T02:41:28Z",
			"2019-11-08T02:41:28ZZ", "2019-11-08T02:41:28,172Z", "2019-11-08T02:41:28.172Z[UTC]", "yesterday", "", " ",
			"\t", "Z", "00000000000000000000Z" })
	void leavesEveryOtherTextToTheGeneralParsers(String text) {
		assertThat(ServiceTime.parseUtc(text)).isNull();
		assertThat(ServiceTime.parse(text)).isEqualTo(reference(text));
	}

	@Test
	void readsNothingFromNothing() {
		assertThat(ServiceTime.parse(null)).isNull();
		assertThat(ServiceTime.parse("")).isNull();
		assertThat(ServiceTime.parse("   ")).isNull();
	}

	@Test
	void agreesWithInstantParseOnRandomTimesOfEveryPrecision() {
		Random random = new Random(20191108);
		long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 20_000; i++) {
			long seconds = (i % 2 == 0) ? min + (long) (random.nextDouble() * (max - min))
					: 1_500_000_000L + random.nextInt(500_000_000);
			Instant time = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
			int digits = random.nextInt(10);
			String text = format(time, digits);
			Instant expected = Instant.parse(text);
			assertThat(ServiceTime.parseUtc(text)).as(text).isEqualTo(expected);
			assertThat(ServiceTime.parse(text)).as(text).isEqualTo(expected);
		}
	}

	@Test
	void agreesWithTheGeneralParsersOnDamagedTimes() {
		Random random = new Random(172);
		String alphabet = "0123456789012345678901234567890123456789-:.TZtz+ \u0663";
		for (int i = 0; i < 50_000; i++) {
			Instant time = Instant.ofEpochSecond(1_500_000_000L + random.nextInt(500_000_000),
					random.nextInt(1_000_000_000));
			StringBuilder text = new StringBuilder(format(time, random.nextInt(10)));
			int damage = 1 + random.nextInt(2);
			for (int d = 0; d < damage; d++) {
				int at = random.nextInt(text.length());
				switch (random.nextInt(3)) {
					case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
					case 1 -> text.deleteCharAt(at);
					default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			String damaged = text.toString();
			Instant read = ServiceTime.parse(damaged);
			assertThat(read).as(damaged).isEqualTo(reference(damaged));
			Instant fast = ServiceTime.parseUtc(damaged);
			if (fast != null) {
				assertThat(fast).as(damaged).isEqualTo(Instant.parse(damaged));
			}
		}
	}

	/**
	 * The time with the given number of fraction digits (none without the point).
	 */
	private static String format(Instant time, int fractionDigits) {
		StringBuilder pattern = new StringBuilder("uuuu-MM-dd'T'HH:mm:ss");
		if (fractionDigits > 0) {
			pattern.append('.').append("S".repeat(fractionDigits));
		}
		return DateTimeFormatter.ofPattern(pattern.append("'Z'").toString()).withZone(ZoneOffset.UTC).format(time);
	}

	/**
	 * How times were read before the fast path: {@link Instant#parse}, then
	 * {@link OffsetDateTime#parse}, else nothing.
	 */
	private static @Nullable Instant reference(@Nullable String time) {
		if (time == null || time.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(time);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(time).toInstant();
			}
			catch (DateTimeParseException ignored) {
				return null;
			}
		}
	}

	@Test
	void referenceReadsWhatTheServiceMaySendOtherwise() {
		// a guard on the examples above: some of the texts left to the general parsers
		// are read
		List<String> read = new ArrayList<>();
		for (String text : List.of("2019-11-08T03:41:28.172+01:00", "2019-11-08T24:00:00Z", "2016-12-31T23:59:60Z",
				"2019-11-08T02:41Z", "2019-11-08T02:41:28.172z")) {
			if (ServiceTime.parse(text) != null) {
				read.add(text);
			}
		}
		assertThat(read).contains("2019-11-08T03:41:28.172+01:00", "2019-11-08T02:41Z");
	}

}
