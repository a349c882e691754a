package io.github.connectparticipant.autoconfigure.metrics;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentLink;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.UploadResult;
import io.github.connectparticipant.connection.ParticipantConnection;

/**
 * An {@link AttachmentService} that counts the bytes it uploads and downloads in the
 * {@value #BYTES_METER} counter, tagged {@code direction=upload|download}. Everything
 * else is the delegate's.
 */
public class MeteredAttachmentService implements AttachmentService {

	/**
	 * Name of the counter of attachment bytes.
	 */
	public static final String BYTES_METER = "connect.participant.attachment.bytes";

	private final AttachmentService delegate;

	private final Supplier<MeterRegistry> registry;

	/**
	 * Wrap a service.
	 * @param delegate the service that does the work
	 * @param registry where the counters live (looked up on first use)
	 */
	public MeteredAttachmentService(AttachmentService delegate, Supplier<MeterRegistry> registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	/**
	 * The wrapped service.
	 * @return the delegate
	 */
	public AttachmentService delegate() {
		return this.delegate;
	}

	@Override
	public Attachment upload(ParticipantConnection connection, AttachmentUpload upload) {
		Attachment attachment = this.delegate.upload(connection, upload);
		counter("upload").increment(attachment.size());
		return attachment;
	}

	@Override
	public List<UploadResult> uploadAll(ParticipantConnection connection, List<AttachmentUpload> uploads) {
		List<UploadResult> results = this.delegate.uploadAll(connection, uploads);
		long bytes = 0;
		for (UploadResult result : results) {
			if (result.isSuccess() && result.attachment() != null) {
				bytes += result.attachment().size();
			}
		}
		counter("upload").increment(bytes);
		return results;
	}

	@Override
	public Attachment awaitScan(ParticipantConnection connection, Attachment attachment) {
		return this.delegate.awaitScan(connection, attachment);
	}

	@Override
	public AttachmentStatus status(ParticipantConnection connection, String attachmentId) {
		return this.delegate.status(connection, attachmentId);
	}

	@Override
	public long download(ParticipantConnection connection, String attachmentId, OutputStream target) {
		long bytes = this.delegate.download(connection, attachmentId, target);
		counter("download").increment(bytes);
		return bytes;
	}

	@Override
	public long download(ParticipantConnection connection, String attachmentId, Path target) {
		long bytes = this.delegate.download(connection, attachmentId, target);
		counter("download").increment(bytes);
		return bytes;
	}

	@Override
	public InputStream open(ParticipantConnection connection, String attachmentId) {
		Counter counter = counter("download");
		return new FilterInputStream(this.delegate.open(connection, attachmentId)) {

			@Override
			public int read() throws IOException {
				int b = super.read();
				if (b >= 0) {
					counter.increment();
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				if (n > 0) {
					counter.increment(n);
				}
				return n;
			}

		};
	}

	@Override
	public AttachmentLink link(ParticipantConnection connection, String attachmentId, Duration expiry) {
		return this.delegate.link(connection, attachmentId, expiry);
	}

	private Counter counter(String direction) {
		return Counter.builder(BYTES_METER)
			.baseUnit("bytes")
			.description("Attachment bytes transferred by the Amazon Connect Participant starter")
			.tag("direction", direction)
			.register(this.registry.get());
	}

	@Override
	public String toString() {
		return "MeteredAttachmentService[" + this.delegate + "]";
	}

}
