package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * Creates the JDK's HTTP server with two of its settings changed from the JDK's defaults.
 * The JDK reads them from system properties, once, when its first server is created; they
 * are set around that creation only and put back as they were, so a start leaves the
 * system properties of the application unchanged, and a property the application set
 * itself is never overridden.
 * <ul>
 * <li>{@code sun.net.httpserver.nodelay}: without TCP_NODELAY the server's separate
 * header and body writes meet the client's delayed ACK, about 40 ms lost per request on
 * loopback;</li>
 * <li>{@code sun.net.httpserver.maxIdleConnections}: past 200 idle connections (the JDK's
 * default) the server closes a kept-alive connection after its answer without saying so,
 * and pooled clients (the SDK's among them) then meet dead connections: allow as many as
 * a busy test suite opens.</li>
 * </ul>
 */
final class JdkHttpServerTuning {

	static final Map<String, String> PROPERTIES = Map.of("sun.net.httpserver.nodelay", "true",
			"sun.net.httpserver.maxIdleConnections", "1024");

	private JdkHttpServerTuning() {
	}

	/** A new server bound to the address, not started. */
	static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
		synchronized (JdkHttpServerTuning.class) {
			Map<String, String> set = new LinkedHashMap<>();
			PROPERTIES.forEach((name, value) -> {
				if (System.getProperty(name) == null) {
					System.setProperty(name, value);
					set.put(name, value);
				}
			});
			try {
				return HttpServer.create(address, backlog);
			}
			finally {
				set.keySet().forEach(System::clearProperty);
			}
		}
	}

}
