package io.github.connectparticipant.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.FilterInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.attachment.InvalidAttachmentException.Rule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.transcript.TranscriptFilter;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Uploads against the emulator: a round trip for each kind of source, every local rule
 * refusing with nothing sent, idempotency keys and batches.
 */
class AttachmentUploadIntegrationTests {

	private static final List<String> STEPS = List.of(ParticipantOperation.START_ATTACHMENT_UPLOAD.operationName(),
			ParticipantOperation.UPLOAD_OBJECT.operationName(),
			ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD.operationName());

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@TempDir
	Path directory;

	@Test
	void uploadsAFile() throws IOException {
		byte[] content = bytes(300_000);
		Path file = Files.write(this.directory.resolve("report.pdf"), content);
		Attachment attachment = fixture.attachments().upload(fixture.connection(), file);
		assertThat(attachment.name()).isEqualTo("report.pdf");
		assertThat(attachment.contentType()).isEqualTo("application/pdf");
		assertThat(attachment.size()).isEqualTo(content.length);
		assertThat(attachment.status()).isEqualTo(AttachmentStatus.IN_PROGRESS);
		assertRoundTrip(attachment, content);
		for (String step : STEPS) {
			assertThat(fixture.emulator().requestCount(step)).as(step).isEqualTo(1);
		}
	}

	@Test
	void uploadsAResource() {
		byte[] content = "name,amount\nwidget,3\n".getBytes(StandardCharsets.UTF_8);
		Resource resource = new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return "order.CSV";
			}

		};
		Attachment attachment = fixture.attachments().upload(fixture.connection(), resource);
		assertThat(attachment.contentType()).isEqualTo("text/csv");
		assertThat(attachment.name()).isEqualTo("order.CSV");
		assertRoundTrip(attachment, content);
	}

	@Test
	void uploadsAClassPathResource() throws IOException {
		ClassPathResource resource = new ClassPathResource("attachments/hello.txt");
		Attachment attachment = fixture.attachments().upload(fixture.connection(), resource);
		assertThat(attachment.contentType()).isEqualTo("text/plain");
		assertRoundTrip(attachment, resource.getContentAsByteArray());
	}

	@Test
	void uploadsAStreamOfKnownLengthAndLeavesItOpen() {
		byte[] content = bytes(70_000);
		AtomicInteger closes = new AtomicInteger();
		InputStream stream = new FilterInputStream(new ByteArrayInputStream(content)) {

			@Override
			public void close() throws IOException {
				closes.incrementAndGet();
				super.close();
			}

		};
		Attachment attachment = fixture.attachments()
			.upload(fixture.connection(), AttachmentUpload.of(stream, content.length, "scan.png"));
		assertThat(attachment.contentType()).isEqualTo("image/png");
		assertThat(closes).hasValue(0);
		assertRoundTrip(attachment, content);
	}

	@Test
	void uploadsAOneShotResourceByCopyingItFirst() {
		byte[] content = bytes(10_000);
		Attachment attachment = fixture.attachments()
			.upload(fixture.connection(),
					AttachmentUpload.of(new InputStreamResource(new ByteArrayInputStream(content)))
						.withName("notes.txt"));
		assertThat(attachment.size()).isEqualTo(content.length);
		assertRoundTrip(attachment, content);
	}

	@Test
	void explicitContentTypeWinsOverTheName() throws IOException {
		Path file = Files.write(this.directory.resolve("picture"), bytes(100));
		Attachment attachment = fixture.attachments()
			.upload(fixture.connection(),
					AttachmentUpload.of(file).withContentType("IMAGE/JPEG").withName("holiday picture"));
		assertThat(attachment.contentType()).isEqualTo("image/jpeg");
		assertThat(attachment.name()).isEqualTo("holiday picture");
		assertThat(transcriptAttachments()).singleElement()
			.satisfies((item) -> assertThat(item.attachments().get(0).contentType()).isEqualTo("image/jpeg"));
	}

	static Stream<Arguments> invalidUploads() {
		return Stream.of(
				Arguments.of(Rule.EMPTY, "at least 1 byte",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "empty.txt", 0))),
				Arguments.of(Rule.TOO_LARGE, "limit is 1024 bytes",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "big.txt", 1025))),
				Arguments.of(Rule.TOO_LARGE, "limit is 1024 bytes",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload
							.of(new ByteArrayInputStream(new byte[0]), 5000, "stream.txt")),
				Arguments.of(Rule.TYPE_NOT_ALLOWED, "'.exe' is not in the allow-list",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "setup.exe", 10))),
				Arguments.of(Rule.TYPE_NOT_ALLOWED, "has no extension",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "README", 10))),
				Arguments.of(Rule.TYPE_NOT_ALLOWED, "'application/x-msdownload' is not in the allow-list",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "a.txt", 10))
							.withContentType("application/x-msdownload")),
				Arguments.of(Rule.NAME_EMPTY, "needs a name",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "a.txt", 10))
							.withName("")),
				Arguments.of(Rule.NAME_EMPTY, "needs a name",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload
							.of(new ByteArrayResource(new byte[10]))
							.withContentType("text/plain")),
				Arguments.of(Rule.NAME_TOO_LONG, "257 characters; the limit is 256",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "a.txt", 10))
							.withName("x".repeat(253) + ".txt")),
				Arguments.of(Rule.NAME_CONTROL_CHARACTERS, "U+000A at position 4",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(write(dir, "a.txt", 10))
							.withName("bad\nname.txt")),
				Arguments.of(Rule.SIZE_MISMATCH, "ended after 10 bytes; its declared length is 20",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload
							.of(new ByteArrayInputStream(new byte[10]), 20, "short.txt")),
				Arguments.of(Rule.SIZE_MISMATCH, "more than its declared length of 5 bytes",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload
							.of(new ByteArrayInputStream(new byte[10]), 5, "long.txt")),
				Arguments.of(Rule.UNREADABLE, "'missing.txt' cannot be read",
						(Function<Path, AttachmentUpload>) (dir) -> AttachmentUpload.of(dir.resolve("missing.txt"))));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidUploads")
	void refusesInvalidUploadsWithNothingSent(Rule rule, String detail, Function<Path, AttachmentUpload> upload) {
		AttachmentService strict = fixture
			.attachments(fixture.settings().toBuilder().maxAttachmentSize(DataSize.ofBytes(1024)).build());
		assertThatExceptionOfType(InvalidAttachmentException.class)
			.isThrownBy(() -> strict.upload(fixture.connection(), upload.apply(this.directory)))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(rule);
				assertThat(ex.getMessage()).contains(rule.name()).contains(detail).contains("Nothing was sent");
				assertThat(ex.getAttempts()).isZero();
			});
		for (String step : STEPS) {
			assertThat(fixture.emulator().requestCount(step)).as(step).isZero();
		}
		assertThat(fixture.emulator().requestCount("CreateParticipantConnection")).isZero();
	}

	@Test
	void anUploadRepeatedWithItsIdempotencyKeyContinuesTheFirstAttempt() throws IOException {
		byte[] content = bytes(5000);
		Path file = Files.write(this.directory.resolve("invoice.pdf"), content);
		// A first process started the upload with this key, then died before the PUT.
		String abandoned = fixture.client()
			.startAttachmentUpload((request) -> request.connectionToken(fixture.connection().connectionToken())
				.clientToken("order-42-invoice")
				.attachmentName("invoice.pdf")
				.contentType("application/pdf")
				.attachmentSizeInBytes((long) content.length))
			.attachmentId();
		Attachment attachment = fixture.attachments()
			.upload(fixture.connection(), AttachmentUpload.of(file).withIdempotencyKey("order-42-invoice"));
		assertThat(attachment.id()).isEqualTo(abandoned);
		assertThat(fixture.emulator().attachmentStatuses(fixture.chat().contactId())).hasSize(1);
		assertRoundTrip(attachment, content);
	}

	@Test
	void withoutAKeyEachUploadIsNew() throws IOException {
		Path file = Files.write(this.directory.resolve("invoice.pdf"), bytes(5000));
		Attachment first = fixture.attachments().upload(fixture.connection(), file);
		Attachment second = fixture.attachments().upload(fixture.connection(), file);
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(transcriptAttachments()).hasSize(2);
	}

	@Test
	void uploadsABatchWithBoundedConcurrencyAndReportsEachOutcome() throws IOException {
		AtomicInteger open = new AtomicInteger();
		AtomicInteger mostOpen = new AtomicInteger();
		List<AttachmentUpload> uploads = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			byte[] content = bytes(50_000 + i);
			uploads.add(AttachmentUpload.of(new CountingResource(content, "file-" + i + ".txt", open, mostOpen)));
		}
		uploads.add(3, AttachmentUpload.of(Files.write(this.directory.resolve("virus.exe"), bytes(10))));
		fixture.emulator()
			.setFaults(1,
					List.of(ConnectParticipantEmulator.FaultRule.always("UploadObject", "DELAY").withDelayMillis(30)));
		AttachmentService batch = fixture.attachments(fixture.settings().toBuilder().uploadConcurrency(3).build());
		List<UploadResult> results = batch.uploadAll(fixture.connection(), uploads);
		assertThat(results).hasSize(9);
		assertThat(results).extracting(UploadResult::upload).containsExactlyElementsOf(uploads);
		assertThat(results.get(3).isSuccess()).isFalse();
		assertThat(results.get(3).failure()).isInstanceOf(InvalidAttachmentException.class);
		assertThat(results).filteredOn(UploadResult::isSuccess).hasSize(8);
		assertThat(mostOpen.get()).isBetween(1, 3);
		assertThat(transcriptAttachments()).hasSize(8);
		assertThat(fixture.emulator().requestCount("CompleteAttachmentUpload")).isEqualTo(8);
	}

	private List<TranscriptItem> transcriptAttachments() {
		try (Stream<TranscriptItem> items = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst(), TranscriptFilter.attachments())) {
			return items.toList();
		}
	}

	private void assertRoundTrip(Attachment attachment, byte[] content) {
		Map<String, String> statuses = fixture.emulator().attachmentStatuses(fixture.chat().contactId());
		assertThat(statuses).containsKey(attachment.id());
		assertThat(transcriptAttachments()).singleElement().satisfies((item) -> {
			assertThat(item.attachments()).singleElement().satisfies((shown) -> {
				assertThat(shown.id()).isEqualTo(attachment.id());
				assertThat(shown.name()).isEqualTo(attachment.name());
			});
		});
		ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
		assertThat(fixture.attachments().download(fixture.connection(), attachment.id(), downloaded))
			.isEqualTo(content.length);
		assertThat(downloaded.toByteArray()).isEqualTo(content);
	}

	static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new java.util.Random(size).nextBytes(bytes);
		return bytes;
	}

	private static Path write(Path directory, String name, int size) {
		try {
			return Files.write(directory.resolve(name), bytes(size));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * A resource that counts how many of its streams are open at once.
	 */
	private static final class CountingResource extends ByteArrayResource {

		private final String name;

		private final AtomicInteger open;

		private final AtomicInteger mostOpen;

		CountingResource(byte[] content, String name, AtomicInteger open, AtomicInteger mostOpen) {
			super(content);
			this.name = name;
			this.open = open;
			this.mostOpen = mostOpen;
		}

		@Override
		public String getFilename() {
			return this.name;
		}

		@Override
		public InputStream getInputStream() {
			int now = this.open.incrementAndGet();
			this.mostOpen.accumulateAndGet(now, Math::max);
			return new FilterInputStream(new ByteArrayInputStream(getByteArray())) {

				private boolean closed;

				@Override
				public void close() throws IOException {
					if (!this.closed) {
						this.closed = true;
						CountingResource.this.open.decrementAndGet();
					}
					super.close();
				}

			};
		}

	}

}
