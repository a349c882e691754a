package io.github.connectparticipant.emulator;

/**
 * The bytes of an object a GET sends: a single satisfiable {@code Range}, or the whole
 * object when there is no range header or one the emulator ignores (several ranges, other
 * units, malformed).
 *
 * @param start the first byte
 * @param end the last byte, inclusive
 * @param partial whether a range was asked for (a 206)
 */
record ByteRange(long start, long end, boolean partial) {

	long length() {
		return this.end - this.start + 1;
	}

	/**
	 * The range of a {@code Range} header (or null) on an object, null if unsatisfiable.
	 */
	static ByteRange parse(String header, long size) {
		ByteRange whole = new ByteRange(0, size - 1, false);
		if (header == null) {
			return whole;
		}
		String value = header.trim();
		if (!value.startsWith("bytes=") || value.contains(",")) {
			return whole;
		}
		String spec = value.substring(6).trim();
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return whole;
		}
		try {
			String first = spec.substring(0, dash).trim();
			String last = spec.substring(dash + 1).trim();
			if (first.isEmpty()) {
				long suffix = Long.parseLong(last);
				return (suffix <= 0) ? null : new ByteRange(Math.max(0, size - suffix), size - 1, true);
			}
			long start = Long.parseLong(first);
			long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
			return (start >= size || start > end) ? null : new ByteRange(start, end, true);
		}
		catch (NumberFormatException ex) {
			return whole;
		}
	}

}
