package io.github.connectparticipant.autoconfigure.pacing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * A Redis server of the test's own: {@code redis-server} from the {@code PATH} (Debian's,
 * which the project's CI installs) started on a free loopback port without persistence,
 * and stopped by {@link #close()}.
 *
 * @param process the server's process
 * @param port the port it listens on
 */
record RedisServer(Process process, int port) implements AutoCloseable {

	static RedisServer start() {
		int port = TestSocketUtils.findAvailableTcpPort();
		ProcessBuilder command = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		RedisServer server;
		try {
			server = new RedisServer(command.start(), port);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"redis-server is needed by this test: install it (Debian: apt-get install redis-server)", ex);
		}
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(server::answersPing);
		return server;
	}

	private boolean answersPing() throws IOException {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("redis-server exited with " + this.process.exitValue());
		}
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[7];
			int read = in.readNBytes(answer, 0, answer.length);
			return new String(answer, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
	}

	/**
	 * Stop the server at once: it keeps nothing that a graceful shutdown would save.
	 */
	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

}
