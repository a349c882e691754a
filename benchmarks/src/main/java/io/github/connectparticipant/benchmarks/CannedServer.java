package io.github.connectparticipant.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The floor under the emulator's own cost: the same JDK HTTP server the emulator is built
 * on, answering every request with one canned response (the bytes the emulator gave for
 * the same request), doing no other work.
 *
 * @param server the server
 * @param executor the threads that answer
 */
record CannedServer(HttpServer server, ExecutorService executor) implements AutoCloseable {

	static CannedServer start(byte[] body) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			ExecutorService executor = Executors.newFixedThreadPool(64, Measure.daemonThreads("canned-server-"));
			server.setExecutor(executor);
			server.createContext("/", (exchange) -> {
				try (InputStream in = exchange.getRequestBody()) {
					in.transferTo(OutputStream.nullOutputStream());
				}
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.getResponseHeaders().set("x-amzn-RequestId", "canned");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return new CannedServer(server, executor);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
