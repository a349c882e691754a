package io.github.connectparticipant.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.benchmarks.starter.StarterHarness;
import io.github.connectparticipant.connection.ParticipantConnection;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One replica of an application in a JVM of its own, for the quota benchmark: told on its
 * standard input what to run, it builds the variant the first time (an application
 * context with the starter, or the raw SDK client) and keeps it for the next runs, as a
 * deployed replica keeps running between bursts of work; it answers {@code ready}, waits
 * for {@code go}, uploads and answers one {@code done} line with what it counted. The
 * parent ({@link QuotaBenchmark}) starts three and drives them together. <pre>
 * prepare VARIANT CONNECTION_TOKEN UPLOADS THREADS   (VARIANT: raw, paced, adaptive, redis)
 * go
 * quit
 * </pre>
 */
public final class QuotaReplica {

	private QuotaReplica() {
	}

	/**
	 * Run a replica.
	 * @param args the emulator's endpoint and the Redis port
	 */
	public static void main(String[] args) throws Exception {
		URI endpoint = URI.create(args[0]);
		String redisPort = args[1];
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		Path file = Files.createTempFile("quota-replica-", ".txt");
		Files.write(file, new byte[1024]);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		// each variant is built once and kept, as a deployed replica keeps running
		// between bursts
		Map<String, Variant> variants = new LinkedHashMap<>();
		try {
			for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
				String[] command = line.split(" ");
				if (!command[0].equals("prepare")) {
					throw new IllegalStateException("expected prepare, got " + line);
				}
				Variant variant = variants.computeIfAbsent(command[1],
						(name) -> variant(name, endpoint, redisPort, http));
				variant.counter().reset();
				out.println("ready");
				String go = in.readLine();
				if (!"go".equals(go)) {
					throw new IllegalStateException("expected go, got " + go);
				}
				out.println(variant.run(command[2], file, Integer.parseInt(command[3]), Integer.parseInt(command[4])));
			}
		}
		finally {
			variants.values().forEach(Variant::close);
			Files.deleteIfExists(file);
		}
		System.exit(0);
	}

	private static Variant variant(String name, URI endpoint, String redisPort, HttpClient http) {
		RequestCounter counter = new RequestCounter();
		if (name.equals("raw")) {
			ConnectParticipantClient raw = Harness.rawClient(endpoint, counter);
			return new Variant(counter, (token, file) -> Harness.baselineUpload(raw, http, token, file, "text/plain"),
					raw::close);
		}
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.port", redisPort);
		switch (name) {
			case "paced" -> properties.put("connect.participant.pacing.adaptive", "false");
			case "adaptive" -> {
				// the defaults
			}
			case "redis" -> properties.put("connect.participant.pacing.redis.enabled", "true");
			default -> throw new IllegalArgumentException("Unknown variant " + name);
		}
		ConfigurableApplicationContext context = StarterHarness.start(endpoint, properties, counter);
		AttachmentService attachments = context.getBean(AttachmentService.class);
		return new Variant(counter, (token, file) -> attachments.upload(ParticipantConnection.ofConnectionToken(token),
				AttachmentUpload.of(file)), context::close);
	}

	/**
	 * A variant ready to upload.
	 */
	private record Variant(RequestCounter counter, Upload upload, Runnable closer) implements AutoCloseable {

		/**
		 * Upload from several threads and describe what happened in one line: {@code done
		 * START_MILLIS END_MILLIS DONE FAILED THROTTLED {error=count, ...}}.
		 */
		String run(String token, Path file, int uploads, int threads) throws Exception {
			long start = System.currentTimeMillis();
			ParallelUploads outcome = ParallelUploads.run(threads, "replica-", uploads,
					() -> this.upload.upload(token, file));
			long end = System.currentTimeMillis();
			long throttled = this.counter.count(QuotaBenchmark.START, 429)
					+ this.counter.count(QuotaBenchmark.COMPLETE, 429);
			return "done " + start + " " + end + " " + outcome.done() + " " + outcome.failed() + " " + throttled + " "
					+ outcome.errors().toString().replace(' ', '_');
		}

		@Override
		public void close() {
			this.closer.run();
		}

	}

	@FunctionalInterface
	interface Upload {

		void upload(String token, Path file) throws Exception;

	}

}
