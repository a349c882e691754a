package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.attachment.PresignedHttp.SignedUrl;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.retry.HttpStatusException;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor.AttemptContext;
import io.github.connectparticipant.retry.RetryExecutor;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.AttachmentItem;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;
import software.amazon.awssdk.services.connectparticipant.model.UploadMetadata;

import static io.github.connectparticipant.ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD;
import static io.github.connectparticipant.ParticipantOperation.DOWNLOAD_OBJECT;
import static io.github.connectparticipant.ParticipantOperation.GET_ATTACHMENT;
import static io.github.connectparticipant.ParticipantOperation.GET_TRANSCRIPT;
import static io.github.connectparticipant.ParticipantOperation.START_ATTACHMENT_UPLOAD;
import static io.github.connectparticipant.ParticipantOperation.UPLOAD_OBJECT;

/**
 * The {@link AttachmentService} over the SDK's {@link ConnectParticipantClient} and an
 * SDK {@link SdkHttpClient} for the pre-signed URLs (any of the SDK's synchronous
 * clients; none of them follows redirects, and a redirect is refused here).
 * <pre class="code">
 * AttachmentService attachments = new DefaultAttachmentService(client, ApacheHttpClient.create(),
 *         ConnectParticipantSettings.defaults());
 * </pre> The HTTP client stays the caller's: close it when the service is no longer used.
 */
public final class DefaultAttachmentService implements AttachmentService {

	private static final Log logger = LogFactory.getLog(DefaultAttachmentService.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final int MAX_ATTACHMENT_ID_LENGTH = 256;

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final SingletonSupplier<ConnectParticipantClient> client;

	private final PresignedHttp http;

	private final ConnectParticipantSettings settings;

	private final SingletonSupplier<RetryExecutor> executor;

	private final Clock clock;

	private volatile @Nullable ScanVerdicts scanVerdicts;

	/**
	 * Create a service without observations.
	 * @param client the SDK client, built with anonymous credentials and its own retries
	 * off
	 * @param httpClient the HTTP client for the pre-signed upload and download URLs
	 * @param settings the settings
	 */
	public DefaultAttachmentService(ConnectParticipantClient client, SdkHttpClient httpClient,
			ConnectParticipantSettings settings) {
		this(client, httpClient, settings, ObservationRegistry.NOOP);
	}

	/**
	 * Create a service.
	 * @param client the SDK client, built with anonymous credentials and its own retries
	 * off
	 * @param httpClient the HTTP client for the pre-signed upload and download URLs
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 */
	public DefaultAttachmentService(ConnectParticipantClient client, SdkHttpClient httpClient,
			ConnectParticipantSettings settings, ObservationRegistry observationRegistry) {
		this(SingletonSupplier.of(nonNull(client, "client")), SingletonSupplier.of(nonNull(httpClient, "httpClient")),
				settings, observationRegistry);
	}

	/**
	 * Create a service over clients that are created on first use, such as lazy beans'
	 * {@code ObjectProvider::getObject}: each supplier is called once, by the first call
	 * that needs its client, and the client kept.
	 * @param client supplies the SDK client, built with anonymous credentials and its own
	 * retries off
	 * @param httpClient supplies the HTTP client for the pre-signed upload and download
	 * URLs
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 */
	public DefaultAttachmentService(Supplier<? extends ConnectParticipantClient> client,
			Supplier<? extends SdkHttpClient> httpClient, ConnectParticipantSettings settings,
			ObservationRegistry observationRegistry) {
		this(client, httpClient, settings, observationRegistry, new RequestPacer(settings));
	}

	/**
	 * Create a service over clients that are created on first use, as
	 * {@link #DefaultAttachmentService(Supplier, Supplier, ConnectParticipantSettings, ObservationRegistry)},
	 * whose requests are paced by the given pacer, which the other services calling the
	 * same account share.
	 * @param client supplies the SDK client, built with anonymous credentials and its own
	 * retries off
	 * @param httpClient supplies the HTTP client for the pre-signed upload and download
	 * URLs
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * @param pacer the request pacer
	 */
	public DefaultAttachmentService(Supplier<? extends ConnectParticipantClient> client,
			Supplier<? extends SdkHttpClient> httpClient, ConnectParticipantSettings settings,
			ObservationRegistry observationRegistry, RequestPacer pacer) {
		Assert.notNull(client, "client is required");
		Assert.notNull(httpClient, "httpClient is required");
		Assert.notNull(settings, "settings is required");
		Assert.notNull(observationRegistry, "observationRegistry is required");
		SingletonSupplier<ConnectParticipantClient> sdkClient = SingletonSupplier.of(client::get);
		this.client = sdkClient;
		List<String> hosts = settings.presignedUrlHosts();
		// configured hosts are checked now; the client's region and endpoint are read on
		// first use
		PresignedUrlGuard.of(null, null, hosts);
		this.http = new PresignedHttp(SingletonSupplier.of(httpClient::get),
				SingletonSupplier.of(() -> PresignedUrlGuard.forClient(sdkClient.obtain(), hosts)));
		this.settings = settings;
		this.executor = SingletonSupplier
			.of(() -> new RetryExecutor(settings, observationRegistry, pacer, sdkClient.obtain()));
		this.clock = Clock.systemUTC();
	}

	private static <T> T nonNull(T client, String name) {
		Assert.notNull(client, () -> name + " is required");
		return client;
	}

	// Upload

	@Override
	public Attachment upload(ParticipantConnection connection, AttachmentUpload upload) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(upload, "upload is required");
		return this.executor.obtain().observations().observeUpload("attachment.upload", () -> {
			Attachment attachment;
			try (UploadContent content = UploadContent.prepare(upload, this.settings)) {
				String key = (upload.idempotencyKey() != null) ? upload.idempotencyKey() : UUID.randomUUID().toString();
				attachment = send(connection, content, new UploadState(key));
			}
			return upload.awaitScan() ? awaitScan(connection, attachment) : attachment;
		}, Attachment::size);
	}

	private Attachment send(ParticipantConnection connection, UploadContent content, UploadState state) {
		state.started = connection.withToken((token) -> this.executor.obtain()
			.call(START_ATTACHMENT_UPLOAD, (context) -> start(token, content, state.startToken(), context)));
		this.executor.obtain().transfer(UPLOAD_OBJECT, (context) -> {
			Started started = state.started();
			if (state.urlRefused || started.url().isExpired(this.clock.instant())) {
				// an idempotency key used before gets its first, now expired, URL again:
				// that
				// upload may have completed then, and is the answer if it did
				AttachmentStatus earlier = findStatus(connection, started.attachmentId());
				if (earlier != AttachmentStatus.UNKNOWN) {
					state.completedEarlier = earlier;
					return null;
				}
				state.restarts++;
				logger.debug("The upload URL expired; starting the upload again with StartAttachmentUpload");
				// a call of its own: paced, retried and observed like the first
				// StartAttachmentUpload
				started = connection.withToken((token) -> this.executor.obtain()
					.call(START_ATTACHMENT_UPLOAD,
							(startContext) -> start(token, content, state.startToken(), startContext)));
				state.started = started;
				state.urlRefused = false;
			}
			try {
				this.http.put(started.url().url(), started.headers(), content, context.timeout());
			}
			catch (HttpStatusException ex) {
				if (ex.isUrlExpired()) {
					state.urlRefused = true;
					throw ex.asRetryable();
				}
				throw ex;
			}
			return null;
		});
		String attachmentId = state.started().attachmentId();
		if (state.completedEarlier != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("The idempotency key's upload URL expired, but its attachment " + attachmentId
						+ " completed earlier (" + state.completedEarlier + "): returning it");
			}
			return new Attachment(attachmentId, content.name(), content.contentType(), content.size(),
					state.completedEarlier);
		}
		try {
			connection.withToken(
					(token) -> this.executor.obtain()
						.call(COMPLETE_ATTACHMENT_UPLOAD, (context) -> this.client.obtain()
							.completeAttachmentUpload((request) -> context.bounded(request.connectionToken(token)
								.attachmentIds(attachmentId)
								.clientToken(state.completeToken())))));
		}
		catch (RetriesExhaustedException | OperationTimeoutException ex) {
			confirmCompleted(connection, attachmentId, ex, Duration.ZERO);
		}
		catch (RequestConflictException ex) {
			// the attachment is already being completed: by an attempt whose answer was
			// lost
			confirmCompleted(connection, attachmentId, ex, this.settings.callTimeout());
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Uploaded attachment " + attachmentId + " (" + content.size() + " bytes, "
					+ content.contentType() + ")");
		}
		return new Attachment(attachmentId, content.name(), content.contentType(), content.size(),
				AttachmentStatus.IN_PROGRESS);
	}

	/**
	 * CompleteAttachmentUpload ran out of attempts or time, or answered that the
	 * attachment is already being completed, but an attempt whose answer was lost may
	 * have completed the upload: the transcript says. Without this, a completed
	 * attachment would be reported as a failure, and uploading it again would make a
	 * duplicate. A completion in progress is waited for up to {@code wait}, looking again
	 * with the retry backoff.
	 */
	private void confirmCompleted(ParticipantConnection connection, String attachmentId,
			ConnectParticipantException failure, Duration wait) {
		boolean inProgress = failure instanceof RequestConflictException;
		long deadline = System.nanoTime() + wait.toNanos();
		Duration pause = this.settings.initialBackoff();
		AttachmentStatus status;
		while (true) {
			try {
				status = findStatus(connection, attachmentId);
			}
			catch (ConnectParticipantException lookup) {
				AttachmentOutcomeUnknownException unknown = inProgress
						? AttachmentOutcomeUnknownException.completing(attachmentId, failure, false)
						: new AttachmentOutcomeUnknownException(attachmentId, failure);
				unknown.addSuppressed(lookup);
				throw unknown;
			}
			long remaining = deadline - System.nanoTime();
			if (status != AttachmentStatus.UNKNOWN || remaining <= 0) {
				break;
			}
			pause(Duration.ofNanos(Math.min(pause.toNanos(), remaining)), failure);
			Duration doubled = pause.multipliedBy(2);
			pause = (doubled.compareTo(this.settings.maxBackoff()) < 0) ? doubled : this.settings.maxBackoff();
		}
		if (status == AttachmentStatus.UNKNOWN) {
			throw inProgress ? AttachmentOutcomeUnknownException.completing(attachmentId, failure, true) : failure;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("CompleteAttachmentUpload of attachment " + attachmentId + " failed (" + failure.getErrorCode()
					+ "), but the transcript shows the attachment (" + status + "): an answer was lost, the upload "
					+ "completed");
		}
	}

	private static void pause(Duration pause, ConnectParticipantException failure) {
		try {
			Thread.sleep(Math.max(1, pause.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ConnectParticipantException interrupted = ConnectParticipantException.interrupted(failure.getOperation(),
					"waiting for the attachment's completion", failure.getAttempts(), ex);
			interrupted.addSuppressed(failure);
			throw interrupted;
		}
	}

	private Started start(String token, UploadContent content, String clientToken, AttemptContext context) {
		StartAttachmentUploadResponse response = this.client.obtain()
			.startAttachmentUpload((request) -> context.bounded(request.connectionToken(token)
				.clientToken(clientToken)
				.attachmentName(content.name())
				.contentType(content.contentType())
				.attachmentSizeInBytes(content.size())));
		UploadMetadata metadata = response.uploadMetadata();
		if (response.attachmentId() == null || metadata == null || metadata.url() == null) {
			throw ConnectParticipantException.unexpectedResponse(START_ATTACHMENT_UPLOAD,
					"the response carried no attachment id or upload URL", response.responseMetadata().requestId(),
					context.number());
		}
		return new Started(
				response.attachmentId(), new SignedUrl(this.http.guard().check(metadata.url(), UPLOAD_OBJECT),
						parseTime(metadata.urlExpiry()), content.size()),
				metadata.hasHeadersToInclude() ? metadata.headersToInclude() : Map.of());
	}

	@Override
	public List<UploadResult> uploadAll(ParticipantConnection connection, List<AttachmentUpload> uploads) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(uploads, "uploads is required");
		Assert.noNullElements(uploads, "uploads must not contain null");
		if (uploads.isEmpty()) {
			return List.of();
		}
		return this.executor.obtain().observe("attachment.uploadAll", () -> {
			int threads = Math.min(this.settings.uploadConcurrency(), uploads.size());
			// the workers carry the caller's context: its observation (and so its trace),
			// and any
			// other thread-local state registered with Micrometer's context propagation
			ExecutorService pool = ContextExecutorService.wrap(Executors.newFixedThreadPool(threads, uploadThreads()),
					CONTEXT);
			try {
				List<Future<UploadResult>> futures = new ArrayList<>(uploads.size());
				for (AttachmentUpload upload : uploads) {
					futures.add(pool.submit(() -> {
						try {
							return new UploadResult(upload, upload(connection, upload), null);
						}
						catch (ConnectParticipantException ex) {
							return new UploadResult(upload, null, ex);
						}
						catch (RuntimeException ex) {
							// not the library's (a caller's stream that throws, say):
							// this upload failed, and
							// the others are still reported
							return new UploadResult(upload, null, ConnectParticipantException.failed("upload",
									"failed with an unexpected " + ex.getClass().getName() + "; see its cause", ex));
						}
					}));
				}
				List<UploadResult> results = new ArrayList<>(uploads.size());
				for (Future<UploadResult> future : futures) {
					results.add(future.get());
				}
				return results;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw ConnectParticipantException.interrupted("uploadAll", "uploading", 0, ex);
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (cause instanceof Error error) {
					throw error;
				}
				throw new IllegalStateException(cause);
			}
			finally {
				pool.shutdownNow();
			}
		});
	}

	private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

	private static ThreadFactory uploadThreads() {
		return (task) -> {
			Thread thread = new Thread(task, "connect-participant-upload-" + threadCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	// Scan

	/**
	 * Take scan verdicts from open chat sessions (such as
	 * {@code io.github.connectparticipant.chat.ChatSessions}) when there is one for the
	 * connection, rather than polling the transcript.
	 * @param scanVerdicts where verdicts arrive, or {@code null} to always poll
	 */
	public void setScanVerdicts(@Nullable ScanVerdicts scanVerdicts) {
		this.scanVerdicts = scanVerdicts;
	}

	@Override
	public Attachment awaitScan(ParticipantConnection connection, Attachment attachment) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(attachment, "attachment is required");
		return this.executor.obtain().observe("attachment.awaitScan", () -> {
			long deadline = System.nanoTime() + this.settings.scanTimeout().toNanos();
			ScanVerdicts verdicts = this.scanVerdicts;
			CompletableFuture<AttachmentStatus> heard = (verdicts != null)
					? verdicts.verdict(connection, attachment.id()) : null;
			if (heard != null) {
				AttachmentStatus verdict = ScanVerdictWait.await(heard, attachment, deadline,
						this.settings.scanTimeout());
				if (verdict != null) {
					return attachment.withStatus(verdict);
				}
			}
			Duration pause = this.settings.scanPollInterval();
			Duration longestPause = pause.multipliedBy(8);
			while (true) {
				AttachmentStatus status = findStatus(connection, attachment.id());
				if (status == AttachmentStatus.APPROVED) {
					return attachment.withStatus(status);
				}
				if (status == AttachmentStatus.REJECTED) {
					throw new AttachmentRejectedException(attachment.withStatus(status));
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw OperationTimeoutException.noScanVerdict(attachment.id(), this.settings.scanTimeout(), status);
				}
				try {
					Thread.sleep(Math.max(1, Math.min(pause.toMillis(), Duration.ofNanos(remaining).toMillis())));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw ConnectParticipantException.interrupted("awaitScan", "waiting for the scan verdict", 0, ex);
				}
				pause = pause.multipliedBy(2);
				if (pause.compareTo(longestPause) > 0) {
					pause = longestPause;
				}
			}
		});
	}

	@Override
	public AttachmentStatus status(ParticipantConnection connection, String attachmentId) {
		Assert.notNull(connection, "connection is required");
		checkAttachmentId(attachmentId);
		return this.executor.obtain().observe("attachment.status", () -> findStatus(connection, attachmentId));
	}

	/**
	 * Look for the attachment in the transcript, newest items first.
	 */
	private AttachmentStatus findStatus(ParticipantConnection connection, String attachmentId) {
		String nextToken = null;
		do {
			String pageToken = nextToken;
			GetTranscriptResponse page = connection.withToken((token) -> this.executor.obtain()
				.call(GET_TRANSCRIPT,
						(context) -> this.client.obtain()
							.getTranscript((request) -> context.bounded(request.connectionToken(token)
								.maxResults(100)
								.scanDirection("BACKWARD")
								.sortOrder("DESCENDING")
								.nextToken(pageToken)))));
			if (page.hasTranscript()) {
				for (Item item : page.transcript()) {
					if (item.hasAttachments()) {
						for (AttachmentItem candidate : item.attachments()) {
							if (attachmentId.equals(candidate.attachmentId())) {
								return AttachmentStatus.fromValue(candidate.statusAsString());
							}
						}
					}
				}
			}
			nextToken = (page.nextToken() == null || page.nextToken().isEmpty()) ? null : page.nextToken();
		}
		while (nextToken != null);
		return AttachmentStatus.UNKNOWN;
	}

	/**
	 * Refuse locally what the service would refuse: an attachment id is 1 to 256
	 * characters.
	 */
	private static void checkAttachmentId(String attachmentId) {
		Assert.hasText(attachmentId, "attachmentId must not be empty");
		int length = attachmentId.codePointCount(0, attachmentId.length());
		if (length > MAX_ATTACHMENT_ID_LENGTH) {
			throw InvalidRequestException.refusedBeforeSending(GET_ATTACHMENT, "the attachment id has " + length
					+ " characters; Amazon Connect's ids have 1 to " + MAX_ATTACHMENT_ID_LENGTH);
		}
	}

	// Download

	@Override
	public long download(ParticipantConnection connection, String attachmentId, OutputStream target) {
		Assert.notNull(connection, "connection is required");
		checkAttachmentId(attachmentId);
		Assert.notNull(target, "target is required");
		return this.executor.obtain()
			.observations()
			.observeDownload("attachment.download", () -> copy(openStream(connection, attachmentId), target),
					Long::longValue);
	}

	@Override
	public long download(ParticipantConnection connection, String attachmentId, Path target) {
		Assert.notNull(connection, "connection is required");
		checkAttachmentId(attachmentId);
		Assert.notNull(target, "target is required");
		return this.executor.obtain().observations().observeDownload("attachment.download", () -> {
			ResumingDownloadStream in = openStream(connection, attachmentId);
			Path absolute = target.toAbsolutePath();
			Path partial;
			try {
				partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + "-", ".part");
			}
			catch (IOException ex) {
				in.close();
				throw writeFailure(ex);
			}
			try {
				long written;
				try (OutputStream out = Files.newOutputStream(partial)) {
					written = copy(in, out);
				}
				catch (IOException ex) {
					throw writeFailure(ex);
				}
				move(partial, absolute);
				return written;
			}
			finally {
				try {
					Files.deleteIfExists(partial);
				}
				catch (IOException ex) {
					partial.toFile().deleteOnExit();
				}
			}
		}, Long::longValue);
	}

	private static void move(Path from, Path to) {
		try {
			try {
				Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw writeFailure(ex);
		}
	}

	private static long copy(ResumingDownloadStream in, OutputStream target) {
		try (in) {
			byte[] buffer = new byte[BUFFER_SIZE];
			long written = 0;
			while (true) {
				int read;
				try {
					read = in.read(buffer, 0, buffer.length);
				}
				catch (IOException ex) {
					throw ConnectParticipantException.failed(DOWNLOAD_OBJECT.operationName(),
							"the download failed: " + ex.getClass().getSimpleName(), ex);
				}
				if (read < 0) {
					break;
				}
				try {
					target.write(buffer, 0, read);
				}
				catch (IOException ex) {
					throw writeFailure(ex);
				}
				written += read;
			}
			if (written != in.size()) {
				throw ConnectParticipantException.unexpectedResponse(DOWNLOAD_OBJECT,
						"the download delivered " + written + " bytes but the attachment has " + in.size(), null, 0);
			}
			return written;
		}
	}

	private static ConnectParticipantException writeFailure(IOException ex) {
		return ConnectParticipantException.failed("download", "the attachment could not be written to the target ("
				+ ex.getClass().getSimpleName() + "); nothing is wrong with the attachment itself", ex);
	}

	@Override
	public InputStream open(ParticipantConnection connection, String attachmentId) {
		Assert.notNull(connection, "connection is required");
		checkAttachmentId(attachmentId);
		return this.executor.obtain()
			.observations()
			.observeStream("attachment.open", () -> openStream(connection, attachmentId));
	}

	private ResumingDownloadStream openStream(ParticipantConnection connection, String attachmentId) {
		int expirySeconds = (int) this.settings.downloadUrlExpiry().toSeconds();
		SignedUrl first = connection.withToken((token) -> this.executor.obtain()
			.call(GET_ATTACHMENT, (context) -> getAttachment(token, attachmentId, expirySeconds, context.timeout())));
		return new ResumingDownloadStream(first,
				() -> connection.withToken(
						(token) -> getAttachment(token, attachmentId, expirySeconds, this.settings.attemptTimeout())),
				this.http, this.executor.obtain(), this.clock);
	}

	@Override
	public AttachmentLink link(ParticipantConnection connection, String attachmentId, Duration expiry) {
		Assert.notNull(connection, "connection is required");
		checkAttachmentId(attachmentId);
		Assert.notNull(expiry, "expiry is required");
		Assert.isTrue(expiry.getNano() == 0 && expiry.getSeconds() >= 5 && expiry.getSeconds() <= 300,
				"expiry must be a whole number of seconds from 5 to 300");
		return this.executor.obtain().observe("attachment.link", () -> {
			SignedUrl url = connection.withToken((token) -> this.executor.obtain()
				.call(GET_ATTACHMENT,
						(context) -> getAttachment(token, attachmentId, (int) expiry.getSeconds(), context.timeout())));
			Instant urlExpiry = (url.expiry() != null) ? url.expiry() : this.clock.instant().plus(expiry);
			return new AttachmentLink(url.url(), urlExpiry, url.size());
		});
	}

	private SignedUrl getAttachment(String token, String attachmentId, int expirySeconds, Duration timeout) {
		GetAttachmentResponse response = this.client.obtain()
			.getAttachment((request) -> request.connectionToken(token)
				.attachmentId(attachmentId)
				.urlExpiryInSeconds(expirySeconds)
				.overrideConfiguration((override) -> override.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)));
		if (response.url() == null || response.attachmentSizeInBytes() == null) {
			throw ConnectParticipantException.unexpectedResponse(GET_ATTACHMENT,
					"the response carried no download URL or size", response.responseMetadata().requestId(), 1);
		}
		return new SignedUrl(this.http.guard().check(response.url(), GET_ATTACHMENT), parseTime(response.urlExpiry()),
				response.attachmentSizeInBytes());
	}

	private static @Nullable Instant parseTime(@Nullable String time) {
		if (time == null || time.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(time);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * One logical upload's progress: its idempotency key, how often it restarted, and
	 * what StartAttachmentUpload returned last.
	 */
	private static final class UploadState {

		private final String key;

		private int restarts;

		private @Nullable Started started;

		private boolean urlRefused;

		/**
		 * The status of the attachment a replayed StartAttachmentUpload named, when it
		 * had completed before this upload: the upload's answer.
		 */
		private @Nullable AttachmentStatus completedEarlier;

		UploadState(String key) {
			this.key = key;
		}

		/**
		 * The ClientToken of StartAttachmentUpload: the key, and for each restart after
		 * an expired URL a new token derived from it (the same token would return the
		 * expired URL again).
		 */
		String startToken() {
			return (this.restarts == 0) ? this.key : this.key + "-r" + this.restarts;
		}

		String completeToken() {
			return startToken() + "-c";
		}

		Started started() {
			Started current = this.started;
			Assert.state(current != null, "StartAttachmentUpload has not run");
			return current;
		}

	}

	/**
	 * What StartAttachmentUpload returned.
	 */
	private record Started(String attachmentId, SignedUrl url, Map<String, String> headers) {

		@Override
		public String toString() {
			return "Started[attachmentId=" + this.attachmentId + ", url=<redacted>]";
		}

	}

}
