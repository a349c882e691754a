package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3-style pre-signed URLs: {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders} and an HMAC {@code X-Amz-Signature} over the method, the
 * path, the dates and the signed headers' values, with a key that lives as long as the
 * emulator.
 */
final class Presigner {

	static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final byte[] key = new byte[32];

	Presigner() {
		new SecureRandom().nextBytes(this.key);
	}

	/**
	 * Signs a URL.
	 * @param base the emulator's base URI
	 * @param method HTTP method the URL is for
	 * @param path the object path
	 * @param now signing time
	 * @param expiry lifetime
	 * @param signedHeaders header values the request must carry (lower-case names)
	 * @return the URL
	 */
	String sign(URI base, String method, String path, Instant now, Duration expiry, Map<String, String> signedHeaders) {
		String date = AMZ_DATE.format(now);
		long expires = Math.max(1, expiry.toSeconds());
		String headerNames = String.join(";", signedHeaders.keySet());
		String signature = signature(method, path, date, expires, headerNames, signedHeaders);
		return base.toString() + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256" + "&X-Amz-Date=" + date + "&X-Amz-Expires="
				+ expires + "&X-Amz-SignedHeaders=" + encode(headerNames) + "&X-Amz-Signature=" + signature;
	}

	/**
	 * Checks a request against its pre-signed URL.
	 * @return {@code null} when valid, otherwise the S3 error (code and message)
	 */
	S3Error verify(String method, String path, String rawQuery, Instant now, HeaderLookup headers) {
		Map<String, String> query = parseQuery(rawQuery);
		String date = query.get("X-Amz-Date");
		String expiresValue = query.get("X-Amz-Expires");
		String headerNames = query.get("X-Amz-SignedHeaders");
		String signature = query.get("X-Amz-Signature");
		if (date == null || expiresValue == null || headerNames == null || signature == null
				|| !"AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm"))) {
			return new S3Error(403, "AccessDenied", "Query-string authentication requires the X-Amz-Algorithm, "
					+ "X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature parameters");
		}
		Instant signedAt;
		long expires;
		try {
			signedAt = Instant.from(AMZ_DATE.parse(date));
			expires = Long.parseLong(expiresValue);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			return new S3Error(403, "AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : headerNames.isEmpty() ? List.<String>of() : List.of(headerNames.split(";"))) {
			values.put(name, headers.get(name));
		}
		String expected = signature(method, path, date, expires, headerNames, values);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			return new S3Error(403, "SignatureDoesNotMatch",
					"The request signature we calculated does not match the signature you provided. "
							+ "Check the URL and that every signed header (" + headerNames + ") is sent unchanged.");
		}
		if (now.isAfter(signedAt.plusSeconds(expires))) {
			return new S3Error(403, "AccessDenied", "Request has expired");
		}
		return null;
	}

	private String signature(String method, String path, String date, long expires, String headerNames,
			Map<String, String> headerValues) {
		StringBuilder canonical = new StringBuilder().append(method)
			.append('\n')
			.append(path)
			.append('\n')
			.append(date)
			.append('\n')
			.append(expires)
			.append('\n')
			.append(headerNames);
		headerValues.forEach((name, value) -> canonical.append('\n').append(name).append(':').append(value));
		return HexFormat.of().formatHex(hmac(canonical.toString()));
	}

	byte[] hmac(String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> parseQuery(String rawQuery) {
		Map<String, String> result = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return result;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String name = (eq >= 0) ? pair.substring(0, eq) : pair;
			String value = (eq >= 0) ? pair.substring(eq + 1) : "";
			try {
				result.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
						URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				// malformed escapes: leave the parameter out, the signature check then
				// fails
			}
		}
		return result;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** Looks up a request header by lower-case name; {@code null} when absent. */
	@FunctionalInterface
	interface HeaderLookup {

		String get(String name);

	}

	/** An S3 error answer. */
	record S3Error(int status, String code, String message) {
	}

}
