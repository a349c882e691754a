package io.github.connectparticipant.benchmarks;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;

import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;
import static io.github.connectparticipant.benchmarks.Report.ratio;

/**
 * An attachment's scan verdict awaited with the starter's {@code awaitScan}: on a
 * connection with a chat session open, which hears the verdict on the chat WebSocket,
 * against one without, which polls the transcript. Both upload the same file to a chat of
 * the emulator, whose scan takes a fixed time (the floor), in interleaved rounds; the
 * emulator counts the GetTranscript calls on each chat.
 */
final class ScanVerdictBenchmark extends HarnessBenchmark {

	/** How long the emulator's scan takes: no verdict can come sooner. */
	private static final Duration SCAN = Duration.ofSeconds(1);

	ScanVerdictBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	void run() throws Exception {
		ConnectParticipantEmulator emulator = this.harness.emulator();
		AttachmentService attachments = this.harness.starter().bean(AttachmentService.class);
		Path file = this.harness.file(64 * 1024, "pdf");
		Waits session = new Waits();
		Waits polling = new Waits();
		List<Double> ratios = new ArrayList<>();
		try (ChatPopulation heard = ChatPopulation.open(this.harness, HttpClient.newHttpClient(), 1)) {
			StartedChat pollingChat = emulator.startChat("Bench");
			String pollingContact = pollingChat.contactId();
			ParticipantConnection pollingConnection = this.harness.starter()
				.bean(ParticipantConnectionFactory.class)
				.fromParticipantToken(pollingChat.participantToken());
			emulator.updateSettings((settings) -> settings.scanDelay(SCAN));
			// a warm-up round, then the rounds kept, the order alternating
			for (int round = -1; round < this.config.scanRounds(); round++) {
				double sessionMillis = 0;
				double pollingMillis = 0;
				for (int turn = 0; turn < 2; turn++) {
					if ((turn + round) % 2 == 0) {
						sessionMillis = session.await(attachments, heard.connection(0), heard.contactId(0), file,
								round >= 0);
					}
					else {
						pollingMillis = polling.await(attachments, pollingConnection, pollingContact, file, round >= 0);
					}
				}
				if (round >= 0) {
					ratios.add(pollingMillis / sessionMillis);
				}
			}
		}
		finally {
			// the start settings again: no scan delay
			emulator.reset();
		}
		reportResults(session, polling, ratios);
	}

	private void reportResults(Waits session, Waits polling, List<Double> ratios) {
		this.report.row(Benchmark.SCAN_VERDICT, "GetTranscript calls to learn a verdict, session open (polling)",
				f("%.1f (%.1f)", session.callsPerVerdict(), polling.callsPerVerdict()), "0",
				(session.calls == 0) ? Report.Verdict.MET : Report.Verdict.MISSED);
		this.report.row(Benchmark.SCAN_VERDICT,
				"verdict latency p50, session open / polling (scan " + millis(SCAN.toMillis()) + ")",
				millis(session.p50()) + " / " + millis(polling.p50()), "(reported)", Report.Verdict.INFO);
		this.report.section(Benchmark.SCAN_VERDICT, "Scan verdicts: session against polling", f("A 64 KB PDF is "
				+ "uploaded with the starter's AttachmentService and its verdict awaited with `awaitScan`, timed "
				+ "from the upload's return to the verdict; the emulator's scan takes %s (the floor) and its "
				+ "verdict is pushed on the chat WebSocket at the emulator's next 200 ms tick. \"Session open\": a "
				+ "chat session of the starter is open on the connection, and `awaitScan` takes the verdict from "
				+ "it; \"polling\": no session on the connection, and `awaitScan` reads the transcript (first "
				+ "after %s, the pause doubling). GetTranscript calls are counted by the emulator on each chat "
				+ "while `awaitScan` runs. %d rounds after a warm-up round, the order alternating.%n%n"
				+ "| | p50 | p99 | GetTranscript calls per verdict |%n| --- | --- | --- | --- |%n"
				+ "| session open | %s | %s | %.1f |%n| polling | %s | %s | %.1f |%n%n"
				+ "Time polling / time with the session, median of the per-round ratios: %s.", millis(SCAN.toMillis()),
				millis(this.harness.starter().bean(ConnectParticipantSettings.class).scanPollInterval().toMillis()),
				this.config.scanRounds(), millis(session.p50()), millis(Measure.percentile(session.millis, 99)),
				session.callsPerVerdict(), millis(polling.p50()), millis(Measure.percentile(polling.millis, 99)),
				polling.callsPerVerdict(), ratio(Measure.median(ratios))));
	}

	/** The verdicts one variant awaited, and the GetTranscript calls it made. */
	private final class Waits {

		private final List<Double> millis = new ArrayList<>();

		private long calls;

		double await(AttachmentService attachments, ParticipantConnection connection, String contactId, Path file,
				boolean keep) {
			ConnectParticipantEmulator emulator = ScanVerdictBenchmark.this.harness.emulator();
			Attachment uploaded = attachments.upload(connection, file);
			long callsBefore = emulator.requestCount(contactId, "GetTranscript");
			long start = System.nanoTime();
			Attachment verdict = attachments.awaitScan(connection, uploaded);
			double elapsed = (System.nanoTime() - start) / 1e6;
			long calls = emulator.requestCount(contactId, "GetTranscript") - callsBefore;
			if (verdict.status() != AttachmentStatus.APPROVED) {
				throw new IllegalStateException("the verdict on " + uploaded.id() + " is " + verdict.status());
			}
			if (keep) {
				this.millis.add(elapsed);
				this.calls += calls;
			}
			return elapsed;
		}

		double p50() {
			return Measure.percentile(this.millis, 50);
		}

		double callsPerVerdict() {
			return (double) this.calls / this.millis.size();
		}

	}

}
