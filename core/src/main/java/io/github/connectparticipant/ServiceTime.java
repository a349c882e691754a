package io.github.connectparticipant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Reads the times the Participant Service writes (transcript items and receipts,
 * connection and URL expiries) and writes times in its form, the same way for every
 * package of the library: the form the service uses is read without allocation, any other
 * ISO-8601 text by the JDK's parsers.
 */
public final class ServiceTime {

	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	/** {@code yyyy-MM-ddTHH:mm:ssZ}: the shortest text {@link #parseUtc} reads. */
	private static final int UTC_MIN_LENGTH = 20;

	/** The same with nine fraction digits: the longest. */
	private static final int UTC_MAX_LENGTH = UTC_MIN_LENGTH + 10;

	private static final int[] NANOS_PER_DIGIT = { 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10,
			1 };

	private ServiceTime() {
	}

	/**
	 * Read a time the service wrote.
	 * @param time ISO-8601 text, in UTC ({@code 2019-11-08T02:41:28.172Z}, the service's
	 * form) or with an offset
	 * @return the time, or {@code null} when there is none or it cannot be read
	 */
	public static @Nullable Instant parse(@Nullable String time) {
		if (time == null || time.isBlank()) {
			return null;
		}
		Instant utc = parseUtc(time);
		if (utc != null) {
			return utc;
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

	/**
	 * Read the form the service sends its times in, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}
	 * (from no to nine fraction digits), without the allocations of {@link Instant#parse}
	 * (whose parser Java 17 builds anew for every call).
	 * @param text the text
	 * @return the instant, or {@code null} when the text is not exactly of that form with
	 * fields in range (another form, a leap second, {@code 24:00:00}, a day the month
	 * does not have, lower case, other digits than ASCII's, ...), which is for
	 * {@link Instant#parse} to judge
	 */
	static @Nullable Instant parseUtc(String text) {
		int length = text.length();
		if (length < UTC_MIN_LENGTH || length > UTC_MAX_LENGTH || text.charAt(length - 1) != 'Z'
				|| text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
				|| second < 0 || second > 59) {
			return null;
		}
		if (day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
			return null;
		}
		int nanos = 0;
		if (length > UTC_MIN_LENGTH) {
			int fractionDigits = length - UTC_MIN_LENGTH - 1;
			if (text.charAt(19) != '.' || fractionDigits == 0) {
				return null;
			}
			int fraction = digits(text, 20, fractionDigits);
			if (fraction < 0) {
				return null;
			}
			nanos = fraction * NANOS_PER_DIGIT[fractionDigits - 1];
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
	}

	/**
	 * Return the value of {@code count} ASCII digits (at most nine), or -1 when a
	 * character is not one.
	 */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/**
	 * Write a time in the service's form, to the millisecond.
	 * @param time the time
	 * @return the text, such as {@code 2019-11-08T02:41:28.172Z}
	 */
	public static String format(Instant time) {
		return ISO_MILLIS.format(time.truncatedTo(ChronoUnit.MILLIS));
	}

}
