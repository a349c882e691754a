package io.github.connectparticipant.attachment;

import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.QuotaExceededException;
import io.github.connectparticipant.RecordedObservations;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.RewritingHttpClient;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.TranscriptFilter;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ByteArrayResource;
import software.amazon.awssdk.http.SdkHttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Upload retries against the emulator's fault injection, counted request by request:
 * transient faults on each step succeed within the budget, client errors are not retried,
 * dropped responses never duplicate an attachment, and an expired upload URL restarts the
 * upload.
 */
class AttachmentRetryIntegrationTests {

	private static final String START = ParticipantOperation.START_ATTACHMENT_UPLOAD.operationName();

	private static final String PUT = ParticipantOperation.UPLOAD_OBJECT.operationName();

	private static final String COMPLETE = ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD.operationName();

	private static final List<String> STEPS = List.of(START, PUT, COMPLETE);

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@TempDir
	Path directory;

	private Path file;

	@BeforeEach
	void connectAndWriteFile() throws IOException {
		fixture.connection().connectionToken();
		this.file = Files.write(this.directory.resolve("statement.pdf"),
				AttachmentUploadIntegrationTests.bytes(200_000));
	}

	static Stream<Arguments> transientFaults() {
		return STEPS.stream()
			.flatMap((step) -> Stream.of("THROTTLE", "SERVER_ERROR", "DROP_BEFORE")
				.map((fault) -> Arguments.of(step, fault)));
	}

	@ParameterizedTest(name = "{1} x3 on {0}")
	@MethodSource("transientFaults")
	void transientFaultsOnEachStepSucceedWithinTheBudget(String step, String fault) {
		fixture.emulator().setFaults(7, List.of(FaultRule.times(step, fault, 3)));
		Attachment attachment = fixture.attachments().upload(fixture.connection(), this.file);
		for (String each : STEPS) {
			assertThat(fixture.emulator().requestCount(each)).as(each).isEqualTo(each.equals(step) ? 4 : 1);
		}
		assertThat(attachmentItems()).singleElement()
			.satisfies((item) -> assertThat(item.attachments().get(0).id()).isEqualTo(attachment.id()));
	}

	@ParameterizedTest(name = "THROTTLE x4 on {0}")
	@MethodSource("steps")
	void exhaustedBudgetSaysSoAndStopsTheFlow(String step) {
		fixture.emulator().setFaults(7, List.of(FaultRule.times(step, "THROTTLE", 4)));
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> fixture.attachments().upload(fixture.connection(), this.file))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo(step);
				assertThat(ex.getAttempts()).isEqualTo(4);
				assertThat(ex.getMessage()).contains("after 4 attempts");
				assertThat(ex.getErrorCode()).isIn("ThrottlingException", "SlowDown", "HTTP429");
			});
		assertThat(fixture.emulator().requestCount(step)).isEqualTo(4);
		int failedAt = STEPS.indexOf(step);
		for (int i = failedAt + 1; i < STEPS.size(); i++) {
			assertThat(fixture.emulator().requestCount(STEPS.get(i))).as(STEPS.get(i)).isZero();
		}
		assertThat(attachmentItems()).isEmpty();
	}

	static Stream<String> steps() {
		return STEPS.stream();
	}

	@Test
	void validationErrorFromTheServiceIsNotRetried() {
		AttachmentService lenient = fixture
			.attachments(fixture.settings().toBuilder().allowedContentTypes(Map.of("gif", "image/gif")).build());
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> lenient.upload(fixture.connection(),
					AttachmentUpload.of(new ByteArrayResource(new byte[10])).withName("a.gif")))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("ValidationException");
				assertThat(ex.getAttempts()).isEqualTo(1);
				assertThat(ex.getRequestId()).isNotBlank();
			});
		assertThat(fixture.emulator().requestCount(START)).isEqualTo(1);
		assertThat(fixture.emulator().requestCount(PUT)).isZero();
	}

	@Test
	void accessDeniedIsNotRetried() {
		ParticipantConnection fixed = ParticipantConnection.ofConnectionToken(fixture.connection().connectionToken());
		fixture.emulator().endChat(fixture.chat().contactId());
		assertThatExceptionOfType(ParticipantAccessDeniedException.class)
			.isThrownBy(() -> fixture.attachments().upload(fixed, this.file))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(1));
		assertThat(fixture.emulator().requestCount(START)).isEqualTo(1);
	}

	@Test
	void quotaExceededIsNotRetried() {
		fixture.emulator().updateSettings((builder) -> builder.maxAttachmentsPerContact(1));
		fixture.attachments().upload(fixture.connection(), this.file);
		assertThatExceptionOfType(QuotaExceededException.class)
			.isThrownBy(() -> fixture.attachments().upload(fixture.connection(), this.file))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("ServiceQuotaExceededException");
				assertThat(ex.getAttempts()).isEqualTo(1);
			});
		assertThat(fixture.emulator().requestCount(START)).isEqualTo(2);
	}

	@Test
	void conflictIsNotRetried() throws Exception {
		// a CompleteAttachmentUpload in progress makes another one of its attachment a
		// conflict
		fixture.emulator().setFaults(1, List.of(FaultRule.times(COMPLETE, "STALL", 1).withDelayMillis(2000)));
		CompletableFuture<Attachment> upload = CompletableFuture
			.supplyAsync(() -> fixture.attachments().upload(fixture.connection(), this.file));
		String attachmentId = awaitAttachmentStatus("COMPLETING");
		String token = fixture.connection().connectionToken();
		RetryExecutor executor = TestClients.executor(fixture.settings());
		assertThatExceptionOfType(RequestConflictException.class)
			.isThrownBy(() -> executor
				.call(ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD, (context) -> fixture.client()
					.completeAttachmentUpload((
							request) -> request.connectionToken(token).attachmentIds(attachmentId).clientToken("c-1"))))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(1));
		assertThat(upload.get(20, TimeUnit.SECONDS).id()).isEqualTo(attachmentId);
		assertThat(fixture.emulator().requestCount(COMPLETE)).isEqualTo(2);
	}

	private String awaitAttachmentStatus(String status) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (true) {
			for (Map.Entry<String, String> attachment : fixture.emulator()
				.attachmentStatuses(fixture.chat().contactId())
				.entrySet()) {
				if (attachment.getValue().equals(status)) {
					return attachment.getKey();
				}
			}
			assertThat(System.nanoTime()).as("an attachment is " + status).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	@Test
	void droppedResponsesNeverDuplicateAnAttachment() {
		int uploads = 5;
		for (int i = 0; i < uploads; i++) {
			fixture.emulator()
				.setFaults(i, List.of(FaultRule.times(START, "DROP_AFTER", 1), FaultRule.times(PUT, "DROP_AFTER", 1),
						FaultRule.times(COMPLETE, "DROP_AFTER", 1)));
			fixture.attachments().upload(fixture.connection(), this.file);
		}
		fixture.emulator().clearFaults();
		for (String step : STEPS) {
			assertThat(fixture.emulator().requestCount(step)).as(step).isEqualTo(2L * uploads);
		}
		assertThat(attachmentItems()).hasSize(uploads);
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId())).hasSize(uploads);
	}

	@Test
	void droppedResponsesUnderConcurrentBatchesNeverDuplicateAnAttachment() {
		int uploads = 12;
		fixture.emulator()
			.setFaults(99, List.of(FaultRule.probability(START, "DROP_AFTER", 0.3),
					FaultRule.probability(PUT, "DROP_AFTER", 0.3), FaultRule.probability(COMPLETE, "DROP_AFTER", 0.3)));
		AttachmentService patient = fixture
			.attachments(fixture.settings().toBuilder().maxAttempts(12).uploadConcurrency(4).build());
		List<UploadResult> results = patient.uploadAll(fixture.connection(),
				java.util.Collections.nCopies(uploads, AttachmentUpload.of(this.file)));
		fixture.emulator().clearFaults();
		assertThat(results).allMatch(UploadResult::isSuccess);
		assertThat(results).extracting((result) -> result.attachment().id()).doesNotHaveDuplicates();
		assertThat(attachmentItems()).hasSize(uploads);
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId())).hasSize(uploads);
		long requests = STEPS.stream().mapToLong((step) -> fixture.emulator().requestCount(step)).sum();
		assertThat(requests).as("some responses were dropped and retried").isGreaterThan(3L * uploads);
	}

	/**
	 * A pre-signed URL that does not answer within the transfer timeout: the attempt is
	 * aborted (not waited out) and the next one succeeds, for the PUT and the GET alike.
	 */
	@Test
	void transferThatDoesNotAnswerInTimeIsAbortedAndRetried() throws IOException {
		RecordedObservations observations = new RecordedObservations();
		ConnectParticipantSettings impatient = TestClients.fastSettings()
			.transferTimeout(Duration.ofMillis(500))
			.build();
		AttachmentService service = fixture.attachments(impatient, observations.registry());
		fixture.emulator().setFaults(11, List.of(FaultRule.times(PUT, "DELAY", 1).withDelayMillis(10_000)));
		Attachment attachment = service.upload(fixture.connection(), AttachmentUpload.of(this.file).awaitingScan());
		assertThat(fixture.emulator().requestCount(PUT)).isEqualTo(2);
		assertThat(fixture.emulator().requestCount(COMPLETE)).isEqualTo(1);
		assertThat(observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), PUT)).first()
			.satisfies((tags) -> assertThat(tags).containsEntry("outcome", "retry")
				.containsEntry("error.code", "HttpTimeoutException"));
		fixture.emulator()
			.setFaults(12, List.of(FaultRule.times("DownloadObject", "DELAY", 1).withDelayMillis(10_000)));
		ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
		service.download(fixture.connection(), attachment.id(), downloaded);
		assertThat(downloaded.toByteArray()).isEqualTo(Files.readAllBytes(this.file));
		assertThat(fixture.emulator().requestCount("DownloadObject")).isEqualTo(2);
		assertThat(observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), "DownloadObject")).first()
			.satisfies((tags) -> assertThat(tags).containsEntry("outcome", "retry")
				.containsEntry("error.code", "HttpTimeoutException"));
	}

	/**
	 * A transfer whose content comes one read every 150 ms takes several times the 600 ms
	 * transfer timeout in all, but bytes keep moving: it is not aborted. A pause longer
	 * than the timeout is.
	 */
	@Test
	void aSlowTransferThatKeepsMovingIsNotAbortedButOneThatStopsIs() throws IOException {
		ConnectParticipantSettings patient = TestClients.fastSettings().transferTimeout(Duration.ofMillis(600)).build();
		AttachmentService service = fixture.attachments(patient);
		byte[] content = AttachmentUploadIntegrationTests.bytes(50_000);
		AtomicInteger pauses = new AtomicInteger();
		Attachment attachment = service.upload(fixture.connection(),
				AttachmentUpload.of(slowResource(content, 4_000, Duration.ofMillis(150), pauses)).withName("slow.pdf"));
		assertThat(pauses).as("pauses of 150 ms: the transfer took at least twice its timeout").hasValueGreaterThan(8);
		assertThat(fixture.emulator().requestCount(PUT)).isEqualTo(1);
		ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
		service.download(fixture.connection(), attachment.id(), downloaded);
		assertThat(downloaded.toByteArray()).isEqualTo(content);

		AttachmentService twoAttempts = fixture.attachments(patient.toBuilder().maxAttempts(2).build());
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> twoAttempts.upload(fixture.connection(),
					AttachmentUpload.of(slowResource(content, 4_000, Duration.ofMillis(1000), new AtomicInteger()))
						.withName("stuck.pdf")))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo(PUT);
				assertThat(ex.getErrorCode()).isEqualTo("HttpTimeoutException");
			});
		assertThat(fixture.emulator().requestCount(PUT)).isEqualTo(3);
	}

	/**
	 * Content served in reads of at most the given size, each but the first after the
	 * pause: as a slow link or a slow source moves it.
	 */
	private static ByteArrayResource slowResource(byte[] content, int chunk, Duration pause, AtomicInteger pauses) {
		return new ByteArrayResource(content) {

			@Override
			public InputStream getInputStream() throws IOException {
				return new FilterInputStream(super.getInputStream()) {

					private boolean started;

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						if (this.started) {
							pauses.incrementAndGet();
							try {
								Thread.sleep(pause.toMillis());
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
								throw new InterruptedIOException();
							}
						}
						this.started = true;
						return super.read(buffer, offset, Math.min(length, chunk));
					}

				};
			}

		};
	}

	@Test
	void expiredUploadUrlRestartsTheUploadWithANewClientToken() {
		// the clock passes Connect's subscribe rule, which would end this chat nobody
		// subscribes to
		fixture.emulator().updateSettings((builder) -> builder.subscribeTimeout(Duration.ZERO));
		// the first PUT is sent only after the URL's five minutes have passed
		ByteArrayResource resource = fixture.lateResource(AttachmentUploadIntegrationTests.bytes(50_000), "slow.txt",
				Duration.ofMinutes(6));
		RecordedObservations observations = new RecordedObservations();
		AttachmentService observed = fixture.attachments(fixture.settings(), observations.registry());
		Attachment attachment = observed.upload(fixture.connection(),
				AttachmentUpload.of(resource).withIdempotencyKey("late-upload"));
		// the restart is a StartAttachmentUpload call of its own: paced, retried and
		// observed as one
		assertThat(observations.tags(ParticipantObservationDocumentation.ATTEMPT.getName(), START)).hasSize(2);
		assertThat(fixture.emulator().requestCount(START)).isEqualTo(2);
		assertThat(fixture.emulator().requestCount(PUT)).isEqualTo(2);
		assertThat(fixture.emulator().requestCount(COMPLETE)).isEqualTo(1);
		assertThat(attachmentItems()).singleElement()
			.satisfies((item) -> assertThat(item.attachments().get(0).id()).isEqualTo(attachment.id()));
	}

	@Test
	void uploadUrlThatKeepsExpiringExhaustsTheBudget() {
		// the clock passes Connect's subscribe rule, which would end this chat nobody
		// subscribes to
		fixture.emulator().updateSettings((builder) -> builder.subscribeTimeout(Duration.ZERO));
		ByteArrayResource resource = new ByteArrayResource(new byte[100]) {

			@Override
			public String getFilename() {
				return "never.txt";
			}

			@Override
			public InputStream getInputStream() throws IOException {
				fixture.emulator().advanceClock(Duration.ofMinutes(6));
				return super.getInputStream();
			}

		};
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> fixture.attachments().upload(fixture.connection(), resource))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo(PUT);
				assertThat(ex.getErrorCode()).isEqualTo("AccessDenied");
				assertThat(ex.getMessage()).contains("expired").contains("after 4 attempts");
			});
		assertThat(fixture.emulator().requestCount(PUT)).isEqualTo(4);
		assertThat(fixture.emulator().requestCount(START)).isEqualTo(4);
		assertThat(fixture.emulator().requestCount(COMPLETE)).isZero();
	}

	@Test
	void refusedPutIsNotRetriedAndNeverCompleted() {
		SdkHttpClient dropsDisposition = new RewritingHttpClient(fixture.http(),
				(request) -> request.toBuilder().removeHeader("Content-Disposition").build());
		AttachmentService service = TestClients.attachments(fixture.client(), dropsDisposition, fixture.settings());
		assertThatExceptionOfType(ParticipantAccessDeniedException.class)
			.isThrownBy(() -> service.upload(fixture.connection(), this.file))
			.satisfies((ex) -> {
				assertThat(ex.getOperation()).isEqualTo(PUT);
				assertThat(ex.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
				assertThat(ex.getAttempts()).isEqualTo(1);
			});
		assertThat(fixture.emulator().requestCount(PUT)).isEqualTo(1);
		assertThat(fixture.emulator().requestCount(COMPLETE)).isZero();
		assertThat(fixture.emulator().requestCount("CreateParticipantConnection")).isEqualTo(1);
	}

	private List<TranscriptItem> attachmentItems() {
		try (Stream<TranscriptItem> items = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst(), TranscriptFilter.attachments())) {
			return items.toList();
		}
	}

}
