package io.github.connectparticipant.emulator.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a raw socket, for the requests no client library sends: a bad request
 * line, raw bytes in a path or a header, a {@code Content-Length} that lies, a body cut
 * short by the client's half-close, megabyte headers. The request is written by another
 * thread, so that a server that answers and closes early never blocks the test, and the
 * answer is read with {@code SO_TIMEOUT} until it is complete (by its
 * {@code Content-Length} or its chunks) or the server closes the connection. Shared by
 * the emulator's tests and the sample application's (through the emulator's test jar).
 */
public final class RawHttp {

	private static final String CRLF = "\r\n";

	private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

	private RawHttp() {
	}

	/**
	 * Sends the bytes on a new connection and reads the answer.
	 * @param host the server's host
	 * @param port the server's port
	 * @param request the whole request, request line to body, as it goes on the wire
	 * @param halfClose whether to shut the output down once the request is written
	 * @param timeout the connect timeout and the longest wait for the next bytes
	 * @return the answer, or status -1 when none came
	 * @throws UncheckedIOException when the connection cannot be opened
	 */
	public static Response exchange(String host, int port, byte[] request, boolean halfClose, Duration timeout) {
		int millis = (int) timeout.toMillis();
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		String note = "eof";
		try (Socket socket = connect(host, port, millis)) {
			Thread writer = new Thread(() -> write(socket, request, halfClose), "raw-http-writer");
			writer.setDaemon(true);
			writer.start();
			try {
				InputStream in = socket.getInputStream();
				byte[] buffer = new byte[8192];
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					received.write(buffer, 0, read);
					Response answer = parse(received.toByteArray(), "complete", false);
					if (answer.complete()) {
						return answer;
					}
				}
			}
			catch (SocketTimeoutException ex) {
				note = "timeout after " + millis + " ms";
			}
			catch (IOException ex) {
				// reset by the server
				note = ex.toString();
			}
			socket.close();
			writer.join(5000);
		}
		catch (IOException ex) {
			note = ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return parse(received.toByteArray(), note, !note.startsWith("timeout"));
	}

	private static Socket connect(String host, int port, int millis) {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host, port), millis);
			socket.setSoTimeout(millis);
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not connect to " + host + ":" + port, ex);
		}
	}

	private static void write(Socket socket, byte[] request, boolean halfClose) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			if (halfClose) {
				socket.shutdownOutput();
			}
		}
		catch (IOException ex) {
			// the server answered and closed before reading everything
		}
	}

	private static Response parse(byte[] response, String note, boolean closed) {
		int headEnd = indexOf(response, latin1(CRLF + CRLF), 0);
		String head = new String(response, 0, (headEnd >= 0) ? headEnd : response.length, StandardCharsets.ISO_8859_1);
		Matcher status = STATUS_LINE.matcher(head);
		if (!status.find()) {
			// a request line without a version is HTTP/0.9 to Tomcat: a bare body, no
			// status line, no headers
			return new Response(-1, Map.of(), response, closed,
					(closed && response.length > 0) ? "HTTP/0.9-style answer without a status line" : note);
		}
		if (headEnd < 0) {
			return new Response(Integer.parseInt(status.group(1)), Map.of(), new byte[0], false, note);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		String[] lines = head.split(CRLF);
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(k) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		int code = Integer.parseInt(status.group(1));
		byte[] body = Arrays.copyOfRange(response, headEnd + 4, response.length);
		boolean complete;
		if (code < 200 || code == 204 || code == 304) {
			complete = true;
		}
		else if (headers.getOrDefault("transfer-encoding", List.of())
			.stream()
			.anyMatch((value) -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
			complete = endsWith(body, latin1("0" + CRLF + CRLF));
			body = dechunk(body);
		}
		else if (headers.containsKey("content-length")) {
			complete = body.length >= Long.parseLong(headers.get("content-length").get(0));
		}
		else {
			// no length: the body ends when the server closes the connection
			complete = closed;
		}
		return new Response(code, headers, body, complete, note);
	}

	private static byte[] dechunk(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int position = 0;
		while (true) {
			int lineEnd = indexOf(data, latin1(CRLF), position);
			if (lineEnd < 0) {
				break;
			}
			String sizeLine = new String(data, position, lineEnd - position, StandardCharsets.ISO_8859_1).split(";")[0]
				.trim();
			int size;
			try {
				size = Integer.parseInt(sizeLine, 16);
			}
			catch (NumberFormatException ex) {
				break;
			}
			position = lineEnd + 2;
			if (size == 0) {
				break;
			}
			int end = Math.min(position + size, data.length);
			out.write(data, position, end - position);
			position = end + 2;
		}
		return out.toByteArray();
	}

	private static boolean endsWith(byte[] data, byte[] suffix) {
		return data.length >= suffix.length
				&& Arrays.equals(data, data.length - suffix.length, data.length, suffix, 0, suffix.length);
	}

	private static int indexOf(byte[] data, byte[] target, int from) {
		outer: for (int i = from; i <= data.length - target.length; i++) {
			for (int j = 0; j < target.length; j++) {
				if (data[i + j] != target[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] latin1(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * An answer read off the socket.
	 *
	 * @param status the status code, -1 when the connection closed without a status line
	 * @param headers the headers by lower-case name
	 * @param body the body, de-chunked
	 * @param complete whether the whole answer arrived (its length, its last chunk, or
	 * the close that ends a body without a length)
	 * @param note how reading ended: {@code complete}, {@code eof},
	 * {@code timeout after ...} or the exception that ended it
	 */
	public record Response(int status, Map<String, List<String>> headers, byte[] body, boolean complete, String note) {

		/** The header's values joined with {@code ", "}, or {@code null}. */
		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? String.join(", ", values) : null;
		}

		/** The body as UTF-8 text. */
		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/**
		 * Whether reading stopped because the server sent nothing for the whole timeout.
		 */
		public boolean timedOut() {
			return this.note.startsWith("timeout");
		}

	}

}
