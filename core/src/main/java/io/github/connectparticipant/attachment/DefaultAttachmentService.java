package io.github.connectparticipant.attachment;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

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
 * AttachmentService attachments = new DefaultAttachmentService(client, UrlConnectionHttpClient.create(),
 *         settings, ObservationRegistry.NOOP, new RequestPacer(settings), Executors.newCachedThreadPool());
 * </pre> The uploads of {@link #uploadAll} run on the given executor, at most
 * {@link ConnectParticipantSettings#uploadConcurrency()} of a batch at a time, while the
 * caller waits: an executor the callers of {@code uploadAll} themselves run on must not
 * be one whose threads they can all hold (a small fixed pool), or the batch would wait
 * for a thread that never comes; a pool that grows as needed or virtual threads
 * ({@code Executors.newVirtualThreadPerTaskExecutor()} from Java 21) fit. The HTTP client
 * and the executor stay the caller's: close them when the service is no longer used.
 */
public final class DefaultAttachmentService implements AttachmentService {

	private final RetryExecutor executor;

	private final AttachmentUploader uploader;

	private final UploadBatch batch;

	private final AttachmentStatusLookup statuses;

	private final AttachmentScanWait scanWait;

	private final AttachmentDownloader downloader;

	/**
	 * Create a service. Pre-signed URL hosts in the settings are checked here.
	 * @param client the SDK client, built with anonymous credentials and its own retries
	 * off
	 * @param httpClient the HTTP client for the pre-signed upload and download URLs
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param pacer the request pacer, shared by the services that call the same account
	 * @param uploadExecutor runs the uploads of {@link #uploadAll}
	 */
	public DefaultAttachmentService(ConnectParticipantClient client, SdkHttpClient httpClient,
			ConnectParticipantSettings settings, ObservationRegistry observationRegistry, RequestPacer pacer,
			Executor uploadExecutor) {
		Assert.notNull(client, "client is required");
		Assert.notNull(httpClient, "httpClient is required");
		Assert.notNull(settings, "settings is required");
		Assert.notNull(observationRegistry, "observationRegistry is required");
		Assert.notNull(pacer, "pacer is required");
		Assert.notNull(uploadExecutor, "uploadExecutor is required");
		List<String> hosts = settings.presignedUrlHosts();
		// configured hosts are checked now; the client's own are read when the first URL
		// comes, as the client may be a lazy-resolution proxy that builds it on first use
		PresignedUrlGuard.of(null, null, hosts);
		PresignedHttp http = new PresignedHttp(httpClient, () -> PresignedUrlGuard.forClient(client, hosts));
		this.executor = new RetryExecutor(settings, observationRegistry, pacer, client);
		AttachmentWire wire = new AttachmentWire(client, http, settings, this.executor, Clock.systemUTC());
		this.statuses = new AttachmentStatusLookup(wire);
		this.uploader = new AttachmentUploader(wire, this.statuses);
		this.batch = new UploadBatch(uploadExecutor, settings.uploadConcurrency());
		this.scanWait = new AttachmentScanWait(this.statuses, settings);
		this.downloader = new AttachmentDownloader(wire);
	}

	/**
	 * Take scan verdicts from open chat sessions (such as
	 * {@code io.github.connectparticipant.chat.ChatSessions}) when there is one for the
	 * connection, rather than polling the transcript.
	 * @param scanVerdicts where verdicts arrive, or {@code null} to always poll
	 */
	public void setScanVerdicts(@Nullable ScanVerdicts scanVerdicts) {
		this.scanWait.setScanVerdicts(scanVerdicts);
	}

	@Override
	public Attachment upload(ParticipantConnection connection, AttachmentUpload upload) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(upload, "upload is required");
		return this.executor.observations().observeUpload("attachment.upload", () -> {
			Attachment attachment = this.uploader.upload(connection, upload);
			return upload.awaitScan() ? awaitScan(connection, attachment) : attachment;
		}, Attachment::size);
	}

	@Override
	public List<UploadResult> uploadAll(ParticipantConnection connection, List<AttachmentUpload> uploads) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(uploads, "uploads is required");
		Assert.noNullElements(uploads, "uploads must not contain null");
		if (uploads.isEmpty()) {
			return List.of();
		}
		return this.executor.observe("attachment.uploadAll",
				() -> this.batch.run(uploads, (upload) -> upload(connection, upload)));
	}

	@Override
	public Attachment awaitScan(ParticipantConnection connection, Attachment attachment) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(attachment, "attachment is required");
		return this.executor.observe("attachment.awaitScan", () -> this.scanWait.await(connection, attachment));
	}

	@Override
	public AttachmentStatus status(ParticipantConnection connection, String attachmentId) {
		check(connection, attachmentId);
		return this.executor.observe("attachment.status", () -> this.statuses.find(connection, attachmentId));
	}

	@Override
	public long download(ParticipantConnection connection, String attachmentId, OutputStream target) {
		Assert.notNull(target, "target is required");
		return download(connection, attachmentId, () -> this.downloader.download(connection, attachmentId, target));
	}

	@Override
	public long download(ParticipantConnection connection, String attachmentId, Path target) {
		Assert.notNull(target, "target is required");
		return download(connection, attachmentId, () -> this.downloader.download(connection, attachmentId, target));
	}

	private long download(ParticipantConnection connection, String attachmentId, Supplier<Long> download) {
		check(connection, attachmentId);
		return this.executor.observations().observeDownload("attachment.download", download, Long::longValue);
	}

	@Override
	public InputStream open(ParticipantConnection connection, String attachmentId) {
		check(connection, attachmentId);
		return this.executor.observations()
			.observeStream("attachment.open", () -> this.downloader.open(connection, attachmentId));
	}

	@Override
	public AttachmentLink link(ParticipantConnection connection, String attachmentId, Duration expiry) {
		check(connection, attachmentId);
		Assert.notNull(expiry, "expiry is required");
		Assert.isTrue(expiry.getNano() == 0 && expiry.getSeconds() >= 5 && expiry.getSeconds() <= 300,
				"expiry must be a whole number of seconds from 5 to 300");
		return this.executor.observe("attachment.link", () -> this.downloader.link(connection, attachmentId, expiry));
	}

	private static void check(ParticipantConnection connection, String attachmentId) {
		Assert.notNull(connection, "connection is required");
		AttachmentStatusLookup.checkAttachmentId(attachmentId);
	}

}
