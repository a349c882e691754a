package io.github.connectparticipant.reliability;

import io.github.connectparticipant.retry.RequestPacer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import ch.qos.logback.classic.Level;
import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.EmulatorState;
import io.github.connectparticipant.LogCapture;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentOutcomeUnknownException;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.DefaultAttachmentService;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.EmulatorSettings;
import io.github.connectparticipant.reliability.SoakSupport.AttemptCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads under sustained faults, accounted for one by one against the emulator's own
 * state; and a burst of uploads under Amazon Connect's attachment quotas, with the
 * default retry settings, with backoff tuned to the quota, and with client-side pacing.
 * <p>
 * Short form (run by {@code ./mvnw verify}): 200 uploads from 16 threads. Long form:
 * {@code -Dsoak.uploads=500 -Dsoak.threads=16} (see RELIABILITY.md). Other knobs:
 * {@code soak.chats}, {@code soak.seed}, {@code soak.burst}.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class AttachmentSoakIntegrationTests {

	private static final int UPLOADS = Integer.getInteger("soak.uploads", 200);

	private static final int THREADS = Integer.getInteger("soak.threads", 16);

	private static final int CHATS = Integer.getInteger("soak.chats", Math.max(4, UPLOADS / 40));

	private static final long SEED = Long.getLong("soak.seed", 7);

	private static final int BURST = Integer.getInteger("soak.burst", 24);

	private static final int MAX_ATTEMPTS = 4;

	private static final String[] EXTENSIONS = { "txt", "pdf", "png", "csv", "docx" };

	@RegisterExtension
	// the long form outlives Connect's 5 minutes to subscribe, and nothing here
	// subscribes
	static EmulatorFixture fixture = new EmulatorFixture(
			EmulatorSettings.builder().maxAttachmentsPerContact(100_000).subscribeTimeout(Duration.ZERO).build());

	@TempDir
	Path directory;

	@Test
	void everyUploadUnderFaultsIsAccountedForExactly() throws Exception {
		AttemptCounter counter = new AttemptCounter();
		ConnectParticipantSettings settings = SoakSupport.settings(MAX_ATTEMPTS);
		AttachmentService attachments = fixture.attachments(settings, counter.registry());
		ParticipantConnectionFactory connections = new ParticipantConnectionFactory(fixture.client(), settings,
				counter.registry(), java.time.Clock.systemUTC(), new RequestPacer(settings));
		List<StartedChat> chats = new ArrayList<>();
		List<ParticipantConnection> chatConnections = new ArrayList<>();
		for (int i = 0; i < CHATS; i++) {
			StartedChat chat = fixture.emulator().startChat("Customer " + i);
			chats.add(chat);
			chatConnections.add(connections.fromParticipantToken(chat.participantToken()));
		}

		// Uploads: 16 threads, every operation faulted.
		fixture.emulator().setFaults(SEED, SoakSupport.faultMix(100));
		Object[] outcomes = new Object[UPLOADS];
		long uploadStart = System.nanoTime();
		long confirmed;
		try (LogCapture log = LogCapture.start(Level.DEBUG, DefaultAttachmentService.class.getName())) {
			runConcurrently(UPLOADS, (i) -> {
				try {
					outcomes[i] = attachments.upload(chatConnections.get(i % CHATS), upload(i));
				}
				catch (ConnectParticipantException ex) {
					outcomes[i] = ex;
				}
			});
			confirmed = log.lines().stream().filter((line) -> line.contains("an answer was lost")).count();
		}
		Duration uploadTime = Duration.ofNanos(System.nanoTime() - uploadStart);
		fixture.emulator().clearFaults();
		Map<String, Long> failedUploadAttempts = counter.failedByKind();

		// Every upload either succeeded or failed with a typed exception after the
		// configured attempts.
		List<Integer> succeeded = new ArrayList<>();
		List<Integer> failed = new ArrayList<>();
		List<Integer> unknown = new ArrayList<>();
		Map<String, Integer> failuresByOperation = new TreeMap<>();
		for (int i = 0; i < UPLOADS; i++) {
			assertThat(outcomes[i]).as("upload %d has an outcome", i).isNotNull();
			if (outcomes[i] instanceof Attachment) {
				succeeded.add(i);
				continue;
			}
			assertThat(outcomes[i]).as("upload %d", i).isInstanceOf(RetriesExhaustedException.class);
			RetriesExhaustedException failure = (RetriesExhaustedException) outcomes[i];
			assertThat(failure.getAttempts()).as("attempts of upload %d", i).isEqualTo(MAX_ATTEMPTS);
			failuresByOperation.merge(failure.getOperation(), 1, Integer::sum);
			((failure instanceof AttachmentOutcomeUnknownException) ? unknown : failed).add(i);
		}

		// The emulator holds exactly one completed attachment per success, none per
		// failure, no duplicates.
		Map<String, List<JsonNode>> attachmentsByName = new HashMap<>();
		int transcriptAttachmentItems = 0;
		for (StartedChat chat : chats) {
			JsonNode state = EmulatorState.contact(fixture.baseUri(), chat.contactId());
			for (JsonNode attachment : state.get("attachments")) {
				attachmentsByName
					.computeIfAbsent(attachment.get("attachmentName").asString(), (key) -> new ArrayList<>())
					.add(attachment);
			}
			for (JsonNode item : state.get("items")) {
				if ("ATTACHMENT".equals(item.path("Type").asString())) {
					transcriptAttachmentItems++;
				}
			}
		}
		int abandonedStarts = 0;
		int completed = 0;
		int unknownCompleted = 0;
		for (int i = 0; i < UPLOADS; i++) {
			List<JsonNode> started = attachmentsByName.getOrDefault(name(i), List.of());
			assertThat(started).as("attachments started for upload %d", i).hasSizeLessThanOrEqualTo(1);
			List<JsonNode> done = started.stream().filter(SoakSupport::isCompleted).toList();
			completed += done.size();
			abandonedStarts += started.size() - done.size();
			if (outcomes[i] instanceof Attachment attachment) {
				assertThat(done).as("completed attachments of successful upload %d", i)
					.singleElement()
					.satisfies((node) -> assertThat(node.get("attachmentId").asString()).isEqualTo(attachment.id()));
			}
			else if (outcomes[i] instanceof AttachmentOutcomeUnknownException outcome) {
				AttachmentStatus status = attachments.status(chatConnections.get(i % CHATS), outcome.getAttachmentId());
				assertThat(status == AttachmentStatus.UNKNOWN ? 0 : 1).as("unknown outcome %d resolved", i)
					.isEqualTo(done.size());
				unknownCompleted += done.size();
			}
			else {
				assertThat(done).as("completed attachments of failed upload %d", i).isEmpty();
			}
		}
		assertThat(transcriptAttachmentItems).as("one transcript item per completed attachment").isEqualTo(completed);
		assertThat(attachmentsByName.keySet()).as("nothing but the soak's uploads")
			.allMatch((n) -> n.startsWith("soak-"));

		// Every success downloads byte-identical, first under the same faults, then the
		// rest without.
		fixture.emulator().setFaults(SEED + 1, SoakSupport.faultMix(100));
		AtomicIntegerArray downloaded = new AtomicIntegerArray(UPLOADS);
		AtomicInteger downloadFailures = new AtomicInteger();
		long downloadStart = System.nanoTime();
		runConcurrently(succeeded.size(), (n) -> {
			int i = succeeded.get(n);
			try {
				ByteArrayOutputStream copy = new ByteArrayOutputStream();
				attachments.download(chatConnections.get(i % CHATS), ((Attachment) outcomes[i]).id(), copy);
				assertThat(Arrays.equals(copy.toByteArray(), content(i))).as("bytes of upload %d", i).isTrue();
				downloaded.set(i, 1);
			}
			catch (RetriesExhaustedException ex) {
				downloadFailures.incrementAndGet();
			}
		});
		Duration downloadTime = Duration.ofNanos(System.nanoTime() - downloadStart);
		fixture.emulator().clearFaults();
		for (int i : succeeded) {
			if (downloaded.get(i) == 0) {
				ByteArrayOutputStream copy = new ByteArrayOutputStream();
				attachments.download(chatConnections.get(i % CHATS), ((Attachment) outcomes[i]).id(), copy);
				assertThat(Arrays.equals(copy.toByteArray(), content(i))).as("bytes of upload %d", i).isTrue();
			}
		}

		Map<String, Long> requests = new TreeMap<>();
		for (String operation : List.of("CreateParticipantConnection", "StartAttachmentUpload", "UploadObject",
				"CompleteAttachmentUpload", "GetTranscript", "GetAttachment", "DownloadObject")) {
			requests.put(operation, fixture.emulator().requestCount(operation));
		}
		Map<String, Long> failedAllAttempts = counter.failedByKind();
		System.out.println("SOAK attachments: " + UPLOADS + " uploads from " + THREADS + " threads across " + CHATS
				+ " chats in " + uploadTime.toMillis() + " ms; succeeded " + succeeded.size() + ", failed after "
				+ MAX_ATTEMPTS + " attempts " + failed.size() + " " + failuresByOperation + ", outcome unknown "
				+ unknown.size() + " (" + unknownCompleted
				+ " of them completed, as status() said); emulator: completed " + completed
				+ " (one per success, plus the unknown outcomes that completed), completed for failures 0, "
				+ "duplicates 0, abandoned starts " + abandonedStarts + "; downloads byte-identical " + succeeded.size()
				+ " (" + downloadFailures.get() + " ran out of attempts under faults and passed "
				+ "when repeated without) in " + downloadTime.toMillis() + " ms; failed attempts survived during "
				+ "uploads " + failedUploadAttempts + ", in all " + failedAllAttempts
				+ "; CompleteAttachmentUpload ran " + "out of attempts "
				+ (confirmed + failuresByOperation.getOrDefault("CompleteAttachmentUpload", 0) + unknown.size())
				+ " times: " + confirmed + " found completed in the transcript (answers lost) and reported as "
				+ "successes; requests " + requests);

		assertThat(completed).isEqualTo(succeeded.size() + unknownCompleted);
		assertThat(succeeded.size()).as("most uploads succeed").isGreaterThan(UPLOADS / 2);
		assertThat(failedUploadAttempts).as("every kind of fault was met")
			.containsKeys("throttled", "server error", "connection dropped");
	}

	@Test
	void aBurstOfUploadsFitsConnectsAttachmentQuotaThroughBackoff() throws Exception {
		// Backoff alone (4 attempts, 100 ms first wait, no pacing): a burst outlasts the
		// attempts.
		Burst backoff = burst(ConnectParticipantSettings.builder().requestQuotas(Map.of()).build());
		// What a careful application without pacing configures for a 2 requests/s quota:
		// more
		// attempts, a first wait near the quota's refill interval, growing with jitter.
		Burst tuned = burst(ConnectParticipantSettings.builder()
			.requestQuotas(Map.of())
			.maxAttempts(8)
			.initialBackoff(Duration.ofMillis(250))
			.backoffMultiplier(2.0)
			.maxBackoff(Duration.ofSeconds(4))
			.build());
		// The defaults: paced at Amazon Connect's documented quotas.
		Burst paced = burst(ConnectParticipantSettings.defaults());
		System.out.println("SOAK quota: " + BURST + " uploads at once from " + Math.min(THREADS, BURST)
				+ " threads against StartAttachmentUpload and CompleteAttachmentUpload at 2/s, burst 5. With "
				+ "backoff alone (4 attempts, 100 ms first wait, no pacing): " + backoff.succeeded() + " succeeded, "
				+ backoff.failed() + " ran out of attempts, in " + backoff.took().toMillis() + " ms. With 8 "
				+ "attempts and a 250 ms first wait doubling with jitter up to 4 s: " + tuned.succeeded()
				+ " succeeded in " + tuned.took().toMillis() + " ms; failed attempts " + tuned.failedAttempts()
				+ ", most attempts a call needed " + tuned.mostAttempts() + " of 8. With the defaults (paced at "
				+ "the quotas): " + paced.succeeded() + " succeeded in " + paced.took().toMillis()
				+ " ms; failed attempts " + paced.failedAttempts());
		assertThat(tuned.succeeded()).isEqualTo(BURST);
		assertThat(paced.succeeded()).isEqualTo(BURST);
		assertThat(paced.failedAttempts()).as("paced at the quota, never throttled").isEmpty();
		assertThat(tuned.failedAttempts()).as("the quota was hit").containsKey("throttled");
	}

	/**
	 * Upload {@code BURST} files at once into a new chat under fresh token buckets, and
	 * account for each: a success is completed once, a failure ran out of attempts and
	 * left nothing completed.
	 */
	private Burst burst(ConnectParticipantSettings settings) throws Exception {
		fixture.emulator().setThrottle("StartAttachmentUpload", 2, 5);
		fixture.emulator().setThrottle("CompleteAttachmentUpload", 2, 5);
		AttemptCounter counter = new AttemptCounter();
		AttachmentService attachments = fixture.attachments(settings, counter.registry());
		StartedChat chat = fixture.startChat();
		ParticipantConnection connection = fixture.connect(chat, settings);
		connection.connectionToken();
		Object[] outcomes = new Object[BURST];
		long start = System.nanoTime();
		runConcurrently(BURST, (i) -> {
			try {
				outcomes[i] = attachments.upload(connection, upload(i));
			}
			catch (ConnectParticipantException ex) {
				outcomes[i] = ex;
			}
		});
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		fixture.emulator().clearThrottles();
		Map<String, String> statuses = fixture.emulator().attachmentStatuses(chat.contactId());
		int succeeded = 0;
		for (Object outcome : outcomes) {
			if (outcome instanceof Attachment attachment) {
				succeeded++;
				assertThat(statuses).containsEntry(attachment.id(), "APPROVED");
			}
			else {
				assertThat(outcome).isInstanceOf(RetriesExhaustedException.class);
				assertThat(((RetriesExhaustedException) outcome).getAttempts()).isEqualTo(settings.maxAttempts());
			}
		}
		assertThat(statuses.values().stream().filter("APPROVED"::equals).count()).as("completed once per success")
			.isEqualTo(succeeded);
		return new Burst(succeeded, BURST - succeeded, took, counter.failedByKind(), counter.mostAttemptsNeeded());
	}

	private record Burst(int succeeded, int failed, Duration took, Map<String, Long> failedAttempts,
			Map<String, Integer> mostAttempts) {
	}

	private AttachmentUpload upload(int i) throws IOException {
		byte[] content = content(i);
		return switch (i % 3) {
			case 0 -> AttachmentUpload.of(Files.write(this.directory.resolve(name(i)), content));
			case 1 -> AttachmentUpload.of(new ByteArrayResource(content)).withName(name(i));
			default -> AttachmentUpload.of(new ByteArrayInputStream(content), content.length, name(i));
		};
	}

	private static String name(int i) {
		return "soak-" + i + "." + EXTENSIONS[i % EXTENSIONS.length];
	}

	/**
	 * Upload {@code i}'s bytes, 1 KB to 200 KB, the same on every call.
	 */
	static byte[] content(int i) {
		Random random = new Random(SEED * 1_000_003L + i);
		byte[] content = new byte[1024 + random.nextInt(199 * 1024)];
		random.nextBytes(content);
		return content;
	}

	/**
	 * Run {@code count} tasks on {@code THREADS} threads, failing on the first task that
	 * threw anything but what it handles itself.
	 */
	private static void runConcurrently(int count, Task task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, Math.max(1, count)));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					task.run(index);
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(10, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	interface Task {

		void run(int index) throws Exception;

	}

}
