package io.github.connectparticipant.benchmarks;

import java.net.http.HttpClient;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JDK client of the chat benchmarks' raw WebSockets, on a pool of fixed size started
 * in full: its threads are the same at one and at many sockets.
 *
 * @param http the client
 * @param pool its executor, shut down on close
 */
record RawSocketClient(HttpClient http, ThreadPoolExecutor pool) implements AutoCloseable {

	static RawSocketClient start() {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "raw-websocket-client");
					thread.setDaemon(true);
					return thread;
				});
		pool.prestartAllCoreThreads();
		return new RawSocketClient(HttpClient.newBuilder().executor(pool).build(), pool);
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

}
