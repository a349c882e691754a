package io.github.connectparticipant.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;

/**
 * Reading request bodies and writing answers on the JDK server's exchanges, as every
 * endpoint of the emulator does.
 */
final class Exchanges {

	/** Largest JSON request body accepted by an API operation or the control API. */
	static final int MAX_JSON_BODY = 1024 * 1024;

	/**
	 * Most bytes of an unread request body read and dropped before an error answer;
	 * larger bodies are cut off.
	 */
	static final long MAX_DISCARD = 64L * 1024 * 1024;

	private Exchanges() {
	}

	/**
	 * Reads a JSON body of at most {@link #MAX_JSON_BODY} bytes: one byte more means the
	 * body is too large, and the connection is to be closed after the answer. The stream
	 * is not closed: an oversize body's rest is discarded before the answer.
	 * @throws IOException if the body ended before its declared length (the connection is
	 * to be closed too)
	 */
	static byte[] readJsonBody(HttpExchange exchange) throws IOException {
		try {
			byte[] bytes = readAtMost(exchange.getRequestBody(), MAX_JSON_BODY + 1);
			if (bytes.length > MAX_JSON_BODY) {
				exchange.getResponseHeaders().set("Connection", "close");
			}
			return bytes;
		}
		catch (IOException ex) {
			exchange.getResponseHeaders().set("Connection", "close");
			throw ex;
		}
	}

	static byte[] readAtMost(InputStream in, int limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	/**
	 * Sends an answer with its body after dropping what is left of the request's; a HEAD
	 * request gets the headers only (the JDK server refuses a body there).
	 */
	static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
		discardRequestBody(exchange);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Reads and drops what is left of the request body (up to {@link #MAX_DISCARD} bytes)
	 * before an answer is sent. The JDK server closes a connection whose request body was
	 * not read to its end as soon as the answer is written; a client still sending its
	 * body would then get a connection reset instead of the answer (a 413, or a refused
	 * upload's 403).
	 */
	static void discardRequestBody(HttpExchange exchange) {
		try {
			InputStream in = exchange.getRequestBody();
			byte[] buffer = new byte[64 * 1024];
			long discarded = 0;
			int n;
			while (discarded < MAX_DISCARD && (n = in.read(buffer)) != -1) {
				discarded += n;
			}
		}
		catch (IOException ex) {
			// already closed, or the client went away: nothing left to read
		}
	}

	static boolean isBlank(byte[] bytes) {
		for (byte b : bytes) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

}
