package io.github.connectparticipant.autoconfigure;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.core.io.Resource;

import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentLink;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.UploadResult;
import io.github.connectparticipant.connection.ParticipantConnection;

/**
 * The starter's {@link AttachmentService} bean: the service that does the work is created
 * on first use ({@link ConnectParticipantWarmUp} creates it once the application is
 * ready), so that the start-up does not load its classes. Every call is the delegate's.
 */
final class DeferredAttachmentService implements AttachmentService {

	private final Deferred<? extends AttachmentService> delegate;

	DeferredAttachmentService(Deferred<? extends AttachmentService> delegate) {
		this.delegate = delegate;
	}

	Deferred<? extends AttachmentService> delegate() {
		return this.delegate;
	}

	@Override
	public Attachment upload(ParticipantConnection connection, AttachmentUpload upload) {
		return this.delegate.get().upload(connection, upload);
	}

	@Override
	public Attachment upload(ParticipantConnection connection, Path file) {
		return this.delegate.get().upload(connection, file);
	}

	@Override
	public Attachment upload(ParticipantConnection connection, Resource resource) {
		return this.delegate.get().upload(connection, resource);
	}

	@Override
	public List<UploadResult> uploadAll(ParticipantConnection connection, List<AttachmentUpload> uploads) {
		return this.delegate.get().uploadAll(connection, uploads);
	}

	@Override
	public Attachment awaitScan(ParticipantConnection connection, Attachment attachment) {
		return this.delegate.get().awaitScan(connection, attachment);
	}

	@Override
	public AttachmentStatus status(ParticipantConnection connection, String attachmentId) {
		return this.delegate.get().status(connection, attachmentId);
	}

	@Override
	public long download(ParticipantConnection connection, String attachmentId, OutputStream target) {
		return this.delegate.get().download(connection, attachmentId, target);
	}

	@Override
	public long download(ParticipantConnection connection, String attachmentId, Path target) {
		return this.delegate.get().download(connection, attachmentId, target);
	}

	@Override
	public InputStream open(ParticipantConnection connection, String attachmentId) {
		return this.delegate.get().open(connection, attachmentId);
	}

	@Override
	public AttachmentLink link(ParticipantConnection connection, String attachmentId, Duration expiry) {
		return this.delegate.get().link(connection, attachmentId, expiry);
	}

	@Override
	public String toString() {
		return "DeferredAttachmentService";
	}

}
