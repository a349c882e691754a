package io.github.connectparticipant.sample.attachment;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;

/**
 * Attachment names made safe: for an upload, the last segment of the name a browser sent;
 * for a download, a name that cannot inject a header, climb out of a download folder or
 * hide itself, in a {@code Content-Disposition} with an ASCII {@code filename} (RFC 6266)
 * and, for other names, the full name as {@code filename*} (RFC 5987).
 */
final class AttachmentFileNames {

	/**
	 * Longest name put in a {@code Content-Disposition}, in characters.
	 */
	static final int MAX_DOWNLOAD_NAME_LENGTH = 200;

	/**
	 * RFC 5987 attr-chars besides letters and digits: sent as they are.
	 */
	private static final String ATTR_CHARS = "!#$&+-.^_`|~";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private AttachmentFileNames() {
	}

	/**
	 * Return the name of an uploaded file: the part after the last {@code /} or {@code \}
	 * (some clients send a path), stripped of surrounding white space. Anything else is
	 * left for the library's checks (empty, too long, control characters).
	 * @param submitted the file name the client sent, if any
	 * @return the name, or {@code null} when none is left
	 */
	static @Nullable String uploadName(@Nullable String submitted) {
		if (submitted == null) {
			return null;
		}
		String name = lastSegment(submitted).strip();
		return name.isEmpty() ? null : name;
	}

	/**
	 * Return a name safe to offer for download: the last path segment, control, format
	 * and separator characters (CR, LF, NUL, bidirectional overrides, U+2028...) replaced
	 * by {@code _}, leading dots and white space removed (no hidden files, no
	 * {@code ..}), at most {@value #MAX_DOWNLOAD_NAME_LENGTH} characters with the
	 * extension kept.
	 * @param name the attachment's name, if known
	 * @param fallback the name to use when nothing is left
	 * @return the safe name
	 */
	static String downloadName(@Nullable String name, String fallback) {
		if (name == null) {
			return fallback;
		}
		StringBuilder safe = new StringBuilder();
		lastSegment(name).codePoints().forEach((codePoint) -> {
			if (isUnsafe(codePoint)) {
				safe.append('_');
			}
			else {
				safe.appendCodePoint(codePoint);
			}
		});
		String cleaned = safe.toString().strip();
		int start = 0;
		while (start < cleaned.length()
				&& (cleaned.charAt(start) == '.' || Character.isWhitespace(cleaned.charAt(start)))) {
			start++;
		}
		cleaned = cleaned.substring(start);
		if (cleaned.isEmpty() || cleaned.chars().allMatch((c) -> c == '_')) {
			return fallback;
		}
		return truncate(cleaned);
	}

	/**
	 * Return the {@code Content-Disposition} header value for downloading an attachment:
	 * {@code attachment; filename="..."} with an ASCII-only name (others replaced by
	 * {@code _}), and, when the name is not plain ASCII, {@code filename*=UTF-8''...}
	 * (RFC 5987) with the whole name, which browsers prefer.
	 * @param name the attachment's name, if known
	 * @param fallback the name to use when the name leaves nothing safe
	 * @return the header value
	 */
	static String contentDisposition(@Nullable String name, String fallback) {
		String safe = downloadName(name, fallback);
		String ascii = asciiName(safe);
		String header = ContentDisposition.attachment().filename(ascii).build().toString();
		return ascii.equals(safe) ? header : header + "; filename*=UTF-8''" + rfc5987(safe);
	}

	private static String asciiName(String name) {
		StringBuilder ascii = new StringBuilder();
		name.codePoints()
			.forEach((codePoint) -> ascii
				.append((codePoint < 0x20 || codePoint > 0x7e || codePoint == '"' || codePoint == '\\') ? '_'
						: (char) codePoint));
		return ascii.toString();
	}

	private static String rfc5987(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| ATTR_CHARS.indexOf(c) >= 0) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
			}
		}
		return encoded.toString();
	}

	private static String lastSegment(String name) {
		int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		return name.substring(cut + 1);
	}

	private static boolean isUnsafe(int codePoint) {
		if (Character.isISOControl(codePoint)) {
			return true;
		}
		int type = Character.getType(codePoint);
		return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
	}

	private static String truncate(String name) {
		if (name.codePointCount(0, name.length()) <= MAX_DOWNLOAD_NAME_LENGTH) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0 && name.length() - dot <= 16) ? name.substring(dot) : "";
		String stem = name.substring(0, name.length() - extension.length());
		int keep = MAX_DOWNLOAD_NAME_LENGTH - extension.codePointCount(0, extension.length());
		return stem.substring(0, stem.offsetByCodePoints(0, keep)) + extension;
	}

}
