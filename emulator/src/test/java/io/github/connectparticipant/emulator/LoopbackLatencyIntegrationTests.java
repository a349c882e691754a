package io.github.connectparticipant.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No per-request stall on loopback. The JDK HttpServer writes an answer's headers and body
 * separately; without TCP_NODELAY, Nagle's algorithm holds the body until the client ACKs the
 * headers, which a delayed ACK postpones by about 40 ms on Linux. The emulator sets
 * {@code sun.net.httpserver.nodelay}; this measures the result, and the same measurement
 * against a standalone emulator started with {@code -Dsun.net.httpserver.nodelay=false}
 * shows what it would look like without.
 */
class LoopbackLatencyIntegrationTests {

	private static final int WARM_UP = 50;

	private static final int MEASURED = 200;

	@RegisterExtension
	static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();

	@Test
	void sequentialCallsOnOneKeepAliveConnectionDoNotStall() {
		assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
		long[] nanos = measure(emulator.baseUri(), WARM_UP, MEASURED);
		double median = millis(percentile(nanos, 50));
		double p99 = millis(percentile(nanos, 99));
		System.out.printf("LoopbackLatencyIntegrationTests: GetTranscript over one keep-alive connection, %d calls "
				+ "after %d warm-up: median %.3f ms, p99 %.3f ms, max %.3f ms%n", MEASURED, WARM_UP, median, p99,
				millis(percentile(nanos, 100)));
		assertThat(median).as("median ms (a Nagle/delayed-ACK stall is >= 40 ms)").isLessThan(20);
	}

	@Test
	void withoutNoDelayTheSameMeasurementShowsTheStall() throws Exception {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Dsun.net.httpserver.nodelay=false", "-cp",
				System.getProperty("java.class.path"), EmulatorMain.class.getName(), "--port", "0")
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String line = CompletableFuture.supplyAsync(() -> {
				try {
					String next;
					while ((next = stdout.readLine()) != null) {
						if (next.contains("listening on")) {
							return next;
						}
					}
					return null;
				}
				catch (IOException ex) {
					return null;
				}
			}).get(30, TimeUnit.SECONDS);
			assertThat(line).isNotNull();
			Matcher matcher = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
			assertThat(matcher.find()).isTrue();
			long[] nanos = measure(URI.create(matcher.group(1)), 10, 30);
			double median = millis(percentile(nanos, 50));
			double withNoDelay = millis(percentile(measure(emulator.baseUri(), 10, 30), 50));
			System.out.printf("LoopbackLatencyIntegrationTests: without TCP_NODELAY median %.3f ms, p99 %.3f ms; "
					+ "with it (same run) median %.3f ms%n", median, millis(percentile(nanos, 99)), withNoDelay);
			// the measurement sees the stall: Linux delays an ACK by at least 40 ms (the other systems' delays are longer)
			assertThat(median).as("median ms without TCP_NODELAY: the measurement detects the delayed-ACK stall")
				.isGreaterThanOrEqualTo(30);
		}
		finally {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Times GetTranscript calls made one after another by an SDK client holding a single connection. */
	private static long[] measure(URI endpoint, int warmUp, int measured) {
		try (ConnectClient connect = Clients.connect(endpoint);
				ConnectParticipantClient participant = Clients.participant(endpoint,
						(http) -> http.maxConnections(1).tcpKeepAlive(true))) {
			Clients.Chat chat = Clients.chat(connect, participant, "Ada");
			for (int i = 0; i < 5; i++) {
				participant.sendMessage(
						(r) -> r.connectionToken(chat.connectionToken()).contentType("text/plain").content("message"));
			}
			for (int i = 0; i < warmUp; i++) {
				participant.getTranscript((r) -> r.connectionToken(chat.connectionToken()));
			}
			long[] nanos = new long[measured];
			for (int i = 0; i < measured; i++) {
				long start = System.nanoTime();
				List<?> items = participant.getTranscript((r) -> r.connectionToken(chat.connectionToken())).transcript();
				nanos[i] = System.nanoTime() - start;
				assertThat(items).hasSize(6);
			}
			return nanos;
		}
	}

	private static long percentile(long[] values, int percent) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
