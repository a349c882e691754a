package io.github.connectparticipant;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.InvalidAttachmentException;
import io.github.connectparticipant.attachment.InvalidAttachmentException.Rule;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import io.github.connectparticipant.transcript.TranscriptFilter;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The library's bad-input matrix against the emulator. Every bad input gets a clear error
 * of a known type: {@link IllegalArgumentException} for a programming error (a null or
 * empty argument, a value out of its documented range), refused before anything is sent;
 * {@link InvalidAttachmentException} with its rule for content Amazon Connect would
 * refuse, refused locally; the library's exceptions for what only the service can know
 * (unknown ids, ended chats). Nothing is half-written: the emulator's request counts and
 * state prove what reached it. What Amazon Connect accepts (non-ASCII names, path
 * separators, 256 characters) goes through and round-trips unchanged.
 */
@Timeout(60)
class BadInputMatrixIntegrationTests {

	private static final List<String> OPERATIONS = List.of("CreateParticipantConnection", "StartAttachmentUpload",
			"UploadObject", "CompleteAttachmentUpload", "GetAttachment", "DownloadObject", "GetTranscript");

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@TempDir
	Path directory;

	private final ConnectParticipantSettings settings = TestClients.fastSettings()
		.maxAttachmentSize(DataSize.ofKilobytes(64))
		.build();

	private AttachmentService attachments;

	private TranscriptService transcripts;

	private StartedChat chat;

	private ParticipantConnection connection;

	@BeforeEach
	void startChat() {
		this.attachments = fixture.attachments(this.settings);
		this.transcripts = fixture.transcripts(this.settings);
		this.chat = fixture.startChat();
		this.connection = fixture.connect(this.chat, this.settings);
	}

	private ConnectParticipantEmulator emulator() {
		return fixture.emulator();
	}

	// Content Amazon Connect refuses: refused locally, nothing sent

	static Stream<Arguments> refusedContent() {
		String longName = "x".repeat(300) + ".txt";
		return Stream.of(
				Arguments.of("empty file", Rule.EMPTY, "at least 1 byte",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 0)))),
				Arguments.of("empty resource", Rule.EMPTY, "at least 1 byte",
						upload((dir) -> AttachmentUpload.of(new ByteArrayResource(new byte[0])).withName("a.txt"))),
				Arguments.of("empty stream", Rule.EMPTY, "at least 1 byte",
						upload((dir) -> AttachmentUpload.of(new ByteArrayInputStream(new byte[0]), 0, "a.txt"))),
				Arguments.of("empty one-shot resource", Rule.EMPTY, "at least 1 byte",
						upload((dir) -> oneShotResource(0, "a.txt"))),
				Arguments.of("oversize file", Rule.TOO_LARGE, "limit is 65536 bytes",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.pdf", 65_537)))),
				Arguments.of("oversize stream by declaration", Rule.TOO_LARGE, "limit is 65536 bytes",
						upload((dir) -> AttachmentUpload.of(InputStream.nullInputStream(), 1L << 40, "a.pdf"))),
				Arguments.of("oversize one-shot resource of unknown length", Rule.TOO_LARGE, "limit is 65536 bytes",
						upload((dir) -> oneShotResource(70_000, "a.pdf"))),
				Arguments.of("executable", Rule.TYPE_NOT_ALLOWED, "'.exe' is not in the allow-list",
						upload((dir) -> AttachmentUpload.of(file(dir, "setup.exe", 10)))),
				Arguments.of("double extension", Rule.TYPE_NOT_ALLOWED, "'.exe' is not in the allow-list",
						upload((dir) -> AttachmentUpload.of(file(dir, "invoice.pdf.exe", 10)))),
				Arguments.of("name ending in a dot", Rule.TYPE_NOT_ALLOWED, "has no extension",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName("invoice."))),
				Arguments.of("unsupported content type", Rule.TYPE_NOT_ALLOWED, "'text/html' is not in the allow-list",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withContentType("text/html"))),
				Arguments.of("stream shorter than declared", Rule.SIZE_MISMATCH, "ended after 10 bytes",
						upload((dir) -> AttachmentUpload.of(new ByteArrayInputStream(new byte[10]), 11, "a.txt"))),
				Arguments.of("stream longer than declared", Rule.SIZE_MISMATCH, "more than its declared length of 9",
						upload((dir) -> AttachmentUpload.of(new ByteArrayInputStream(new byte[10]), 9, "a.txt"))),
				Arguments.of("unreadable stream", Rule.UNREADABLE, "could not be read",
						upload((dir) -> AttachmentUpload.of(failingStream(), 100, "a.txt"))),
				Arguments.of("directory", Rule.UNREADABLE, "cannot be read",
						upload((dir) -> AttachmentUpload.of(dir).withName("a.txt"))),
				Arguments.of("missing file", Rule.UNREADABLE, "cannot be read",
						upload((dir) -> AttachmentUpload.of(dir.resolve("missing.txt")))),
				Arguments.of("blank name", Rule.NAME_EMPTY, "needs a name",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName("   "))),
				Arguments.of("300 characters", Rule.NAME_TOO_LONG, "304 characters; the limit is 256",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName(longName))),
				Arguments.of("257 non-ASCII characters", Rule.NAME_TOO_LONG, "257 characters; the limit is 256",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10))
							.withName("\uD83D\uDCCE".repeat(253) + ".txt"))),
				Arguments.of("newline", Rule.NAME_CONTROL_CHARACTERS, "U+000A",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName("a\nb.txt"))),
				Arguments.of("carriage return (header injection)", Rule.NAME_CONTROL_CHARACTERS, "U+000D",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10))
							.withName("a.txt\r\nX-Amz-Acl: public-read"))),
				Arguments.of("NUL", Rule.NAME_CONTROL_CHARACTERS, "U+0000",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName("a\u0000.txt"))),
				Arguments.of("tab", Rule.NAME_CONTROL_CHARACTERS, "U+0009",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName("a\tb.txt"))),
				Arguments.of("DEL", Rule.NAME_CONTROL_CHARACTERS, "U+007F",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName("a\u007F.txt"))),
				Arguments.of("C1 control", Rule.NAME_CONTROL_CHARACTERS, "U+0085",
						upload((dir) -> AttachmentUpload.of(file(dir, "a.txt", 10)).withName("a\u0085.txt"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedContent")
	void contentConnectRefusesIsRefusedLocally(String description, Rule rule, String detail, Upload upload) {
		assertThatExceptionOfType(InvalidAttachmentException.class)
			.isThrownBy(() -> this.attachments.upload(this.connection, upload.create(this.directory)))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(rule);
				assertThat(ex.getMessage()).contains(rule.name()).contains(detail).contains("Nothing was sent");
				assertThat(ex.getAttempts()).isZero();
			});
		assertNothingReachedTheEmulator();
	}

	// Programming errors: IllegalArgumentException, nothing sent

	@Test
	void nullAndEmptyArgumentsAreRefusedBeforeAnythingIsSent() throws IOException {
		Path file = file(this.directory, "a.txt", 10);
		AttachmentUpload upload = AttachmentUpload.of(file);
		assertThatIllegalArgumentException().isThrownBy(() -> this.attachments.upload(null, upload))
			.withMessage("connection is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.attachments.upload(this.connection, (AttachmentUpload) null))
			.withMessage("upload is required");
		assertThatIllegalArgumentException().isThrownBy(() -> AttachmentUpload.of((Path) null));
		assertThatIllegalArgumentException().isThrownBy(() -> AttachmentUpload.of((InputStream) null, 1, "a.txt"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AttachmentUpload.of(new ByteArrayInputStream(new byte[1]), 1, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AttachmentUpload.of(new ByteArrayInputStream(new byte[10]), -5, "a.txt"))
			.withMessage("length must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> upload.withName(null));
		assertThatIllegalArgumentException().isThrownBy(() -> upload.withContentType(null));
		assertThatIllegalArgumentException().isThrownBy(() -> upload.withIdempotencyKey(""));
		assertThatIllegalArgumentException().isThrownBy(() -> upload.withIdempotencyKey("k".repeat(401)))
			.withMessageContaining("at most 400 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> this.attachments.uploadAll(this.connection, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.attachments.uploadAll(this.connection, java.util.Arrays.asList(upload, null)))
			.withMessageContaining("must not contain null");
		for (String id : new String[] { null, "", "  " }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.attachments.download(this.connection, id, new ByteArrayOutputStream()))
				.withMessage("attachmentId must not be empty");
			assertThatIllegalArgumentException().isThrownBy(() -> this.attachments.open(this.connection, id));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.attachments.link(this.connection, id, Duration.ofSeconds(60)));
			assertThatIllegalArgumentException().isThrownBy(() -> this.attachments.status(this.connection, id));
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.attachments.download(this.connection, "id", (java.io.OutputStream) null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.attachments.download(this.connection, "id", (Path) null));
		for (Duration expiry : new Duration[] { null, Duration.ofSeconds(4), Duration.ofSeconds(301),
				Duration.ofMillis(5500) }) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.attachments.link(this.connection, "id", expiry));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ParticipantConnection.ofConnectionToken(""));
		assertThatIllegalArgumentException().isThrownBy(() -> ParticipantConnection.ofConnectionToken(null));
		assertThatIllegalArgumentException().isThrownBy(() -> TranscriptQuery.builder().maxResults(0).build());
		assertThatIllegalArgumentException().isThrownBy(() -> TranscriptQuery.builder().maxResults(101).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().maxAttachmentSize(DataSize.ofMegabytes(101)).build())
			.withMessageContaining("100 MB");
		assertNothingReachedTheEmulator();
	}

	// Names Amazon Connect accepts go through unchanged

	@ParameterizedTest
	@ValueSource(strings = { "Rechnung März €.pdf", "請求書.pdf", "\uD83D\uDCCE receipt.png", "../../etc/passwd.txt",
			"dir/sub/file.txt", "C:\\Users\\ada\\file.txt", "quote\"and;semicolon.csv", ".txt",
			"spaces  and\u00A0no-break.docx", "right-to-left \u202Etxt.exe.txt" })
	void namesConnectAcceptsGoThroughUnchanged(String name) throws IOException {
		byte[] content = bytes(500);
		Attachment attachment = this.attachments.upload(this.connection,
				AttachmentUpload.of(new ByteArrayResource(content)).withName(name));
		assertThat(attachment.name()).isEqualTo(name);
		assertThat(attachmentNames()).containsExactly(name);
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		this.attachments.download(this.connection, attachment.id(), copy);
		assertThat(copy.toByteArray()).isEqualTo(content);
		Path target = Files.createDirectories(this.directory.resolve("downloads")).resolve("safe-target.bin");
		this.attachments.download(this.connection, attachment.id(), target);
		assertThat(target).hasBinaryContent(content);
		try (Stream<Path> files = Files.list(target.getParent())) {
			assertThat(files).as("the name never becomes a path").containsExactly(target);
		}
	}

	@Test
	void aNameOfExactly256CharactersGoesThrough() {
		String name = "\u00E9".repeat(252) + ".txt";
		Attachment attachment = this.attachments.upload(this.connection,
				AttachmentUpload.of(new ByteArrayResource(bytes(10))).withName(name));
		assertThat(attachmentNames()).containsExactly(attachment.name());
	}

	// A resource whose length is wrong: broken off while sending, nothing stored, never
	// completed

	@ParameterizedTest
	@ValueSource(ints = { 30_000, 50_000 })
	void aResourceWhoseLengthWasWrongIsNeverStoredOrCompleted(int actual) {
		ByteArrayResource lying = new ByteArrayResource(bytes(actual)) {

			@Override
			public long contentLength() {
				return 40_000;
			}

		};
		assertThatExceptionOfType(InvalidAttachmentException.class)
			.isThrownBy(() -> this.attachments.upload(this.connection, AttachmentUpload.of(lying).withName("a.pdf")))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(Rule.SIZE_MISMATCH);
				assertThat(ex.getMessage()).contains("changed during the upload").contains("nothing was stored");
			});
		assertThat(emulator().requestCount("StartAttachmentUpload")).isEqualTo(1);
		assertThat(emulator().requestCount("UploadObject")).as("not retried").isLessThanOrEqualTo(1);
		assertThat(emulator().requestCount("CompleteAttachmentUpload")).isZero();
		assertThat(emulator().attachmentStatuses(this.chat.contactId()).values()).containsExactly("UPLOADING");
		assertThat(attachmentNames()).isEmpty();
	}

	// What only the service knows: its error, not retried, nothing written

	@Test
	void unknownAttachmentIdsAreRefusedByTheServiceOnce() {
		for (String id : new String[] { "no-such-attachment", "../../etc/passwd", "%2e%2e%2fadmin", "a\u0000b" }) {
			emulator().reset();
			StartedChat chat = fixture.startChat();
			ParticipantConnection connection = ParticipantConnection
				.ofConnectionToken(fixture.connect(chat, this.settings).connectionToken());
			assertThatExceptionOfType(InvalidRequestException.class).as(id)
				.isThrownBy(() -> this.attachments.download(connection, id, new ByteArrayOutputStream()))
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("ValidationException");
					assertThat(ex.getAttempts()).isEqualTo(1);
					assertThat(ex.getOperation()).isEqualTo("GetAttachment");
				});
			assertThatExceptionOfType(InvalidRequestException.class)
				.isThrownBy(() -> this.attachments.link(connection, id, Duration.ofSeconds(60)));
			assertThatExceptionOfType(InvalidRequestException.class)
				.isThrownBy(() -> this.attachments.open(connection, id));
			assertThat(this.attachments.status(connection, id)).isEqualTo(AttachmentStatus.UNKNOWN);
			assertThat(emulator().requestCount("GetAttachment")).isEqualTo(3);
			assertThat(emulator().requestCount("DownloadObject")).isZero();
		}
	}

	@Test
	void anAttachmentIdLongerThanConnectsIsRefusedLocally() {
		String id = "a".repeat(257);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.attachments.download(this.connection, id, new ByteArrayOutputStream()))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("257 characters").contains("Nothing was sent");
				assertThat(ex.getAttempts()).isZero();
			});
		assertNothingReachedTheEmulator();
	}

	@Test
	void anotherChatsAttachmentIsRefused() {
		Attachment attachment = this.attachments.upload(this.connection,
				AttachmentUpload.of(new ByteArrayResource(bytes(100))).withName("mine.txt"));
		StartedChat other = emulator().startChat("Someone else");
		ParticipantConnection stranger = fixture.connect(other, this.settings);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.attachments.download(stranger, attachment.id(), new ByteArrayOutputStream()));
		assertThat(emulator().requestCount("DownloadObject")).isZero();
	}

	@Test
	void tokensOfAnEndedChatCannotWriteButCanStillRead() {
		Attachment attachment = this.attachments.upload(this.connection,
				AttachmentUpload.of(new ByteArrayResource(bytes(100))).withName("before.txt"));
		ParticipantConnection fixed = ParticipantConnection.ofConnectionToken(this.connection.connectionToken());
		emulator().endChat(this.chat.contactId());
		long starts = emulator().requestCount("StartAttachmentUpload");
		assertThatExceptionOfType(ParticipantAccessDeniedException.class)
			.isThrownBy(() -> this.attachments.upload(fixed,
					AttachmentUpload.of(new ByteArrayResource(bytes(100))).withName("after.txt")))
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(1);
				assertThat(ex.getMessage()).contains("the chat ended");
			});
		long creates = emulator().requestCount("CreateParticipantConnection");
		assertThatExceptionOfType(ParticipantAccessDeniedException.class).isThrownBy(() -> this.attachments
			.upload(this.connection, AttachmentUpload.of(new ByteArrayResource(bytes(100))).withName("after.txt")));
		assertThat(emulator().requestCount("StartAttachmentUpload")).isEqualTo(starts + 2);
		assertThat(emulator().requestCount("CreateParticipantConnection")).as("one refresh, refused")
			.isEqualTo(creates + 1);
		assertThat(emulator().requestCount("UploadObject")).isEqualTo(1);
		assertThat(attachmentNames()).containsExactly("before.txt");
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		this.attachments.download(fixed, attachment.id(), copy);
		assertThat(copy.size()).isEqualTo(100);
		try (Stream<TranscriptItem> items = this.transcripts.stream(fixed, TranscriptQuery.oldestFirst())) {
			assertThat(items.count()).isPositive();
		}
	}

	@Test
	void unknownTokensAreRefusedOnceAndNeverRetried() {
		ParticipantConnection forged = ParticipantConnection.ofConnectionToken("forged-connection-token");
		assertThatExceptionOfType(ParticipantAccessDeniedException.class)
			.isThrownBy(() -> this.attachments.upload(forged,
					AttachmentUpload.of(new ByteArrayResource(bytes(100))).withName("a.txt")))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(1));
		ParticipantConnection forgedParticipant = TestClients.connections(fixture.client(), this.settings)
			.fromParticipantToken("forged-participant-token");
		assertThatExceptionOfType(ParticipantAccessDeniedException.class)
			.isThrownBy(() -> this.transcripts.page(forgedParticipant, TranscriptQuery.newestFirst()));
		assertThat(emulator().requestCount("StartAttachmentUpload")).isEqualTo(1);
		assertThat(emulator().requestCount("UploadObject")).isZero();
		assertThat(emulator().requestCount("GetTranscript")).isZero();
		assertThat(emulator().attachmentStatuses(this.chat.contactId())).isEmpty();
	}

	@Test
	void aBatchWithBadInputsSendsOnlyTheGoodOnes() throws IOException {
		List<AttachmentUpload> uploads = List.of(
				AttachmentUpload.of(new ByteArrayResource(bytes(10))).withName("good-1.txt"),
				AttachmentUpload.of(file(this.directory, "virus.exe", 10)),
				AttachmentUpload.of(new ByteArrayInputStream(new byte[5]), 6, "short.txt"),
				AttachmentUpload.of(new ByteArrayResource(bytes(10))).withName("bad\nname.txt"),
				AttachmentUpload.of(new ByteArrayResource(bytes(10))).withName("good-2.txt"));
		var results = this.attachments.uploadAll(this.connection, uploads);
		assertThat(results).extracting((result) -> result.isSuccess()).containsExactly(true, false, false, false, true);
		assertThat(results.subList(1, 4))
			.allSatisfy((result) -> assertThat(result.failure()).isInstanceOf(InvalidAttachmentException.class));
		assertThat(emulator().requestCount("StartAttachmentUpload")).isEqualTo(2);
		assertThat(attachmentNames()).containsExactlyInAnyOrder("good-1.txt", "good-2.txt");
	}

	private void assertNothingReachedTheEmulator() {
		for (String operation : OPERATIONS) {
			assertThat(emulator().requestCount(operation)).as(operation).isZero();
		}
		assertThat(emulator().attachmentStatuses(this.chat.contactId())).isEmpty();
	}

	private List<String> attachmentNames() {
		try (Stream<TranscriptItem> items = this.transcripts.stream(this.connection, TranscriptQuery.oldestFirst(),
				TranscriptFilter.attachments())) {
			return items.flatMap((item) -> item.attachments().stream()).map((attachment) -> attachment.name()).toList();
		}
	}

	static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	static Path file(Path directory, String name, int size) {
		try {
			return Files.write(directory.resolve(name), bytes(size));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static InputStream failingStream() {
		AtomicInteger reads = new AtomicInteger();
		return new InputStream() {

			@Override
			public int read() throws IOException {
				if (reads.incrementAndGet() > 3) {
					throw new IOException("disk on fire");
				}
				return 'x';
			}

		};
	}

	/**
	 * An upload of a resource that can be read once and whose length is known only by
	 * reading it.
	 */
	private static AttachmentUpload oneShotResource(int size, String name) {
		return AttachmentUpload.of(new InputStreamResource(new ByteArrayInputStream(new byte[size]))).withName(name);
	}

	private static Upload upload(Upload upload) {
		return upload;
	}

	/**
	 * Makes an upload in a directory.
	 */
	@FunctionalInterface
	interface Upload {

		AttachmentUpload create(Path directory);

	}

}
