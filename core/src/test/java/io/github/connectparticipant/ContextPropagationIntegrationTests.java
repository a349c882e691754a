package io.github.connectparticipant;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.UploadResult;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.PagedReader;
import io.github.connectparticipant.transcript.StartPosition;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's own threads (the workers of {@code uploadAll}, the transcript's
 * read-ahead) carry the caller's context: its current observation, and whatever else is
 * registered with Micrometer's context propagation (a tracer's span, the logging MDC, a
 * test's own value here). And a batch reports every upload, even when one of them throws
 * something unexpected.
 */
@Timeout(60)
class ContextPropagationIntegrationTests {

	/** Stands for a tracer's or the MDC's thread-local state. */
	private static final ThreadLocal<String> TRACE = new ThreadLocal<>();

	private static final String TRACE_KEY = "connect-participant-test.trace";

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings().uploadConcurrency(3).build();

	@BeforeAll
	static void registerTrace() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(TRACE_KEY, TRACE::get, TRACE::set, TRACE::remove);
	}

	@AfterAll
	static void removeTrace() {
		ContextRegistry.getInstance().removeThreadLocalAccessor(TRACE_KEY);
	}

	@Test
	void uploadAllWorkersCarryTheCallersObservationAndContext() {
		RecordedObservations observations = new RecordedObservations();
		List<Seen> seen = new ArrayList<>();
		observations.registry().observationConfig().observationHandler(recorder(seen));
		AttachmentService attachments = fixture.attachments(this.settings, observations.registry());
		ParticipantConnection connection = fixture.connect(fixture.startChat(), this.settings);
		List<UploadResult> results = inCallersContext(observations, () -> attachments.uploadAll(connection,
				List.of(text("one", "1.txt"), text("two", "2.txt"), text("three", "3.txt"))));
		assertThat(results).allMatch(UploadResult::isSuccess);
		List<Seen> uploads = seen.stream().filter((s) -> s.operation().equals("attachment.upload")).toList();
		assertThat(uploads).hasSize(3).allSatisfy((upload) -> {
			assertThat(upload.thread()).startsWith("connect-participant-upload-");
			assertThat(upload.trace()).isEqualTo("trace-1");
			assertThat(upload.ancestors()).contains("checkout");
		});
	}

	@Test
	void pagesReadAheadCarryTheCallersObservationAndContext() {
		StartedChat chat = fixture.startChat();
		for (int i = 0; i < 498; i++) {
			fixture.emulator().addMessage(chat.contactId(), "AGENT", "Agent", "message " + i);
		}
		RecordedObservations observations = new RecordedObservations();
		List<Seen> seen = new ArrayList<>();
		observations.registry().observationConfig().observationHandler(recorder(seen));
		ParticipantConnection connection = fixture.connect(chat, this.settings);
		TranscriptService transcripts = fixture.transcripts(this.settings, observations.registry());
		int items = inCallersContext(observations, () -> {
			try (Stream<TranscriptItem> stream = transcripts.stream(connection,
					TranscriptQuery.builder().forward(StartPosition.beginning()).maxResults(100).build())) {
				// a caller that works on each page: the pages from the fourth on are
				// worth reading ahead
				return PagedReader.exporting(transcripts, stream, 100).remainingIds().size();
			}
		});
		assertThat(items).isEqualTo(500);
		List<Seen> pages = seen.stream().filter((s) -> s.operation().equals("transcript.page")).toList();
		assertThat(pages).hasSize(5).allSatisfy((page) -> {
			assertThat(page.trace()).isEqualTo("trace-1");
			assertThat(page.ancestors()).contains("checkout");
		});
		assertThat(pages.subList(3, 5))
			.allSatisfy((page) -> assertThat(page.thread()).startsWith("connect-participant-transcript-"));
	}

	@Test
	void uploadAllReportsEveryUploadWhenOneThrowsSomethingUnexpected() {
		AttachmentService attachments = fixture.attachments(this.settings);
		ParticipantConnection connection = fixture.connect(fixture.startChat(), this.settings);
		InputStream broken = new InputStream() {

			@Override
			public int read() {
				throw new IllegalStateException("the caller's stream broke");
			}

		};
		List<UploadResult> results = attachments.uploadAll(connection,
				List.of(text("one", "1.txt"), AttachmentUpload.of(broken, 10, "broken.txt"), text("three", "3.txt")));
		assertThat(results).hasSize(3);
		assertThat(results.get(0).isSuccess()).isTrue();
		assertThat(results.get(2).isSuccess()).isTrue();
		assertThat(results.get(1).failure()).isNotNull()
			.hasMessageContaining("IllegalStateException")
			.hasRootCauseInstanceOf(IllegalStateException.class)
			.hasRootCauseMessage("the caller's stream broke");
		assertThat(fixture.emulator().requestCount("CompleteAttachmentUpload")).isEqualTo(2);
	}

	/**
	 * Run an action as a caller would inside a traced request: with its own observation
	 * current and a value in a registered thread local.
	 */
	private static <T> T inCallersContext(RecordedObservations observations, java.util.function.Supplier<T> action) {
		Observation caller = Observation.start("checkout", observations.registry());
		TRACE.set("trace-1");
		try (Observation.Scope scope = caller.openScope()) {
			return action.get();
		}
		finally {
			TRACE.remove();
			caller.stop();
		}
	}

	private static AttachmentUpload text(String content, String name) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		return AttachmentUpload.of(new ByteArrayInputStream(bytes), bytes.length, name);
	}

	/**
	 * Records, for every logical operation as it starts, its thread, the thread-local
	 * value and the names of its enclosing observations.
	 */
	private static ObservationHandler<Observation.Context> recorder(List<Seen> seen) {
		return new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				if (!context.getName().equals(ParticipantObservationDocumentation.OPERATION.getName())) {
					return;
				}
				List<String> ancestors = new ArrayList<>();
				for (ObservationView parent = context.getParentObservation(); parent != null; parent = parent
					.getContextView()
					.getParentObservation()) {
					ancestors.add(parent.getContextView().getName());
				}
				String operation = context.getLowCardinalityKeyValue("operation").getValue();
				synchronized (seen) {
					seen.add(new Seen(operation, Thread.currentThread().getName(), TRACE.get(), ancestors));
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		};
	}

	private record Seen(String operation, String thread, String trace, List<String> ancestors) {
	}

}
