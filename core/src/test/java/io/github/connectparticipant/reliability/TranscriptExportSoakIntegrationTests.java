package io.github.connectparticipant.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.EmulatorState;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.emulator.EmulatorSettings;
import io.github.connectparticipant.reliability.SoakSupport.AttemptCounter;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.SortOrder;
import io.github.connectparticipant.transcript.StartPosition;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transcript exports while messages keep arriving, under the same faults as the
 * attachment soak: every completed export holds each item exactly once, in order, and is
 * a prefix of the final transcript; the last one is the whole transcript; every message
 * sent is in it exactly once.
 * <p>
 * Short form: 240 customer messages from 4 threads and 60 agent messages while 3 threads
 * export. Long form: {@code -Dsoak.messages=2000} (see RELIABILITY.md).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class TranscriptExportSoakIntegrationTests {

	private static final int MESSAGES = Integer.getInteger("soak.messages", 240);

	private static final int AGENT_MESSAGES = MESSAGES / 4;

	private static final int SENDERS = 4;

	private static final int EXPORTERS = 3;

	private static final int MAX_ATTEMPTS = 6;

	private static final long SEED = Long.getLong("soak.seed", 7);

	@RegisterExtension
	// the long form outlives Connect's 5 minutes to subscribe, and nothing here
	// subscribes
	static EmulatorFixture fixture = new EmulatorFixture(
			EmulatorSettings.builder().subscribeTimeout(Duration.ZERO).build());

	@Test
	void everyItemIsExportedExactlyOnceWhileMessagesArrive() throws Exception {
		AttemptCounter counter = new AttemptCounter();
		ConnectParticipantSettings settings = SoakSupport.settings(MAX_ATTEMPTS);
		TranscriptService transcripts = fixture.transcripts(settings, counter.registry());
		RetryExecutor executor = TestClients.executor(settings, counter.registry());
		StartedChat chat = fixture.startChat();
		ParticipantConnection connection = fixture.connect(chat, settings);
		connection.connectionToken();
		TranscriptQuery query = TranscriptQuery.builder()
			.forward(StartPosition.beginning())
			.sortOrder(SortOrder.ASCENDING)
			.maxResults(50)
			.build();

		fixture.emulator().setFaults(SEED, SoakSupport.faultMix(50));
		ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 1 + EXPORTERS);
		AtomicInteger nextMessage = new AtomicInteger();
		AtomicInteger sendRounds = new AtomicInteger();
		AtomicBoolean sending = new AtomicBoolean(true);
		CountDownLatch sendersDone = new CountDownLatch(SENDERS + 1);
		ConcurrentLinkedQueue<List<String>> exports = new ConcurrentLinkedQueue<>();
		AtomicInteger failedExports = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		try {
			for (int s = 0; s < SENDERS; s++) {
				futures.add(pool.submit(() -> {
					try {
						for (int i = nextMessage.getAndIncrement(); i < MESSAGES; i = nextMessage.getAndIncrement()) {
							send(executor, connection, i, sendRounds);
						}
					}
					finally {
						sendersDone.countDown();
					}
					return null;
				}));
			}
			futures.add(pool.submit(() -> {
				try {
					for (int i = 0; i < AGENT_MESSAGES; i++) {
						fixture.emulator().addMessage(chat.contactId(), "AGENT", "Sam", "agent " + i);
					}
				}
				finally {
					sendersDone.countDown();
				}
				return null;
			}));
			for (int e = 0; e < EXPORTERS; e++) {
				futures.add(pool.submit(() -> {
					do {
						export(transcripts, connection, query, exports, failedExports);
					}
					while (sending.get());
					return null;
				}));
			}
			assertThat(sendersDone.await(10, TimeUnit.MINUTES)).isTrue();
			sending.set(false);
			for (Future<?> future : futures) {
				future.get(10, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
		int concurrentExports = exports.size();
		int concurrentFailures = failedExports.get();

		// The whole transcript, still under faults, once the senders are done.
		List<String> last = null;
		for (int i = 0; i < 20 && last == null; i++) {
			int before = exports.size();
			export(transcripts, connection, query, exports, failedExports);
			if (exports.size() > before) {
				last = List.copyOf(exports).get(exports.size() - 1);
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		fixture.emulator().clearFaults();

		List<String> truth = EmulatorState.itemIds(fixture.baseUri(), chat.contactId());
		assertThat(last).as("an export after the senders finished").isEqualTo(truth);
		long itemsRead = 0;
		int longest = 0;
		for (List<String> export : exports) {
			assertThat(export).doesNotHaveDuplicates();
			assertThat(export).as("an export is the transcript as far as it reached, in order")
				.isEqualTo(truth.subList(0, export.size()));
			itemsRead += export.size();
			longest = Math.max(longest, export.size());
		}
		Map<String, Integer> contents = new HashMap<>();
		JsonNode state = EmulatorState.contact(fixture.baseUri(), chat.contactId());
		for (JsonNode item : state.get("items")) {
			if ("MESSAGE".equals(item.path("Type").asString())) {
				contents.merge(item.path("Content").asString(), 1, Integer::sum);
			}
		}
		for (int i = 0; i < MESSAGES; i++) {
			assertThat(contents.get("customer " + i)).as("customer message %d", i).isEqualTo(1);
		}
		for (int i = 0; i < AGENT_MESSAGES; i++) {
			assertThat(contents.get("agent " + i)).as("agent message %d", i).isEqualTo(1);
		}
		assertThat(contents).hasSize(MESSAGES + AGENT_MESSAGES);
		System.out.println("SOAK transcript: " + MESSAGES + " customer messages from " + SENDERS + " threads ("
				+ sendRounds + " SendMessage calls, each with every attempt it had, for " + MESSAGES + " messages) and "
				+ AGENT_MESSAGES + " agent messages, while " + EXPORTERS + " threads exported in pages of 50: "
				+ concurrentExports + " exports during sending (" + concurrentFailures + " ran out of " + MAX_ATTEMPTS
				+ " attempts), then the whole transcript of " + truth.size() + " items; " + exports.size()
				+ " exports, " + itemsRead + " items read, each exactly once, in order, the longest " + longest
				+ "; every message in the transcript exactly once; failed attempts survived " + counter.failedByKind()
				+ "; requests GetTranscript " + fixture.emulator().requestCount("GetTranscript") + ", SendMessage "
				+ fixture.emulator().requestCount("SendMessage") + "; " + took.toMillis() + " ms");
		assertThat(exports.size()).as("exports completed during sending").isGreaterThan(EXPORTERS);
		assertThat(counter.failedByKind()).containsKeys("throttled", "server error", "connection dropped");
	}

	/**
	 * Send customer message {@code i}: one ClientToken for the message, so that a retry
	 * after a lost answer does not send it twice; the whole call repeated (same token)
	 * when its attempts run out, at most 10 times.
	 */
	private static void send(RetryExecutor executor, ParticipantConnection connection, int i, AtomicInteger rounds) {
		for (int round = 1;; round++) {
			rounds.incrementAndGet();
			try {
				connection.withToken((token) -> executor.call(ParticipantOperation.SEND_MESSAGE,
						(context) -> fixture.client()
							.sendMessage((request) -> request.connectionToken(token)
								.contentType("text/plain")
								.content("customer " + i)
								.clientToken("message-" + i)
								.overrideConfiguration(context.sdkTimeouts()))));
				return;
			}
			catch (RetriesExhaustedException ex) {
				if (round == 10) {
					throw ex;
				}
			}
		}
	}

	private static void export(TranscriptService transcripts, ParticipantConnection connection, TranscriptQuery query,
			ConcurrentLinkedQueue<List<String>> exports, AtomicInteger failed) {
		try (Stream<TranscriptItem> items = transcripts.stream(connection, query)) {
			exports.add(items.map(TranscriptItem::id).toList());
		}
		catch (RetriesExhaustedException ex) {
			failed.incrementAndGet();
		}
	}

}
