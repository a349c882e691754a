package io.github.connectparticipant.sample;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Bytes and text for the hostile-input tests: what goes on the wire, and how it is shown
 * in an assertion message.
 */
final class HostileBytes {

	private HostileBytes() {
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] latin1(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	static byte[] concat(byte[]... arrays) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] array : arrays) {
			out.writeBytes(array);
		}
		return out.toByteArray();
	}

	static byte[] noise(Random random, int length) {
		byte[] noise = new byte[length];
		random.nextBytes(noise);
		return noise;
	}

	static String percentDecode(String encoded) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%' && i + 2 < encoded.length()) {
				out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				out.write(c);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	static String abbreviate(String text) {
		String oneLine = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
		return (oneLine.length() <= 200) ? oneLine : oneLine.substring(0, 200) + "...(" + oneLine.length() + " chars)";
	}

}
