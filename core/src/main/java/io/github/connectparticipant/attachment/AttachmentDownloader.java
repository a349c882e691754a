package io.github.connectparticipant.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.connection.ParticipantConnection;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;

/**
 * An attachment's bytes and links: GetAttachment for a pre-signed URL, then the bytes
 * streamed from it ({@link ResumingDownloadStream}) into a stream, a file (written aside
 * and moved into place once complete) or the caller's hands.
 */
final class AttachmentDownloader {

	private static final ParticipantOperation GET_ATTACHMENT = ParticipantOperation.GET_ATTACHMENT;

	private static final ParticipantOperation DOWNLOAD_OBJECT = ParticipantOperation.DOWNLOAD_OBJECT;

	private static final int BUFFER_SIZE = 64 * 1024;

	private final AttachmentWire wire;

	AttachmentDownloader(AttachmentWire wire) {
		this.wire = wire;
	}

	long download(ParticipantConnection connection, String attachmentId, OutputStream target) {
		return copy(open(connection, attachmentId), target);
	}

	long download(ParticipantConnection connection, String attachmentId, Path target) {
		ResumingDownloadStream in = open(connection, attachmentId);
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
	}

	ResumingDownloadStream open(ParticipantConnection connection, String attachmentId) {
		int expirySeconds = (int) this.wire.settings().downloadUrlExpiry().toSeconds();
		SignedUrl first = connection.withToken((token) -> this.wire.executor()
			.call(GET_ATTACHMENT, (context) -> getAttachment(token, attachmentId, expirySeconds, context.timeout())));
		return new ResumingDownloadStream(first, () -> connection.withToken(
				(token) -> getAttachment(token, attachmentId, expirySeconds, this.wire.settings().attemptTimeout())),
				this.wire.http(), this.wire.executor(), this.wire.clock());
	}

	AttachmentLink link(ParticipantConnection connection, String attachmentId, Duration expiry) {
		SignedUrl url = connection.withToken((token) -> this.wire.executor()
			.call(GET_ATTACHMENT,
					(context) -> getAttachment(token, attachmentId, (int) expiry.getSeconds(), context.timeout())));
		Instant urlExpiry = (url.expiry() != null) ? url.expiry() : this.wire.clock().instant().plus(expiry);
		return new AttachmentLink(url.url(), urlExpiry, url.size());
	}

	private SignedUrl getAttachment(String token, String attachmentId, int expirySeconds, Duration timeout) {
		GetAttachmentResponse response = this.wire.client()
			.getAttachment((request) -> request.connectionToken(token)
				.attachmentId(attachmentId)
				.urlExpiryInSeconds(expirySeconds)
				.overrideConfiguration((override) -> override.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)));
		if (response.url() == null || response.attachmentSizeInBytes() == null) {
			throw ConnectParticipantException.unexpectedResponse(GET_ATTACHMENT,
					"the response carried no download URL or size", response.responseMetadata().requestId(), 1);
		}
		return this.wire.signedUrl(response.url(), response.urlExpiry(), response.attachmentSizeInBytes(),
				GET_ATTACHMENT);
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
				int read = read(in, buffer);
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

	private static int read(InputStream in, byte[] buffer) {
		try {
			return in.read(buffer, 0, buffer.length);
		}
		catch (IOException ex) {
			throw ConnectParticipantException.failed(DOWNLOAD_OBJECT.operationName(),
					"the download failed: " + ex.getClass().getSimpleName(), ex);
		}
	}

	private static ConnectParticipantException writeFailure(IOException ex) {
		return ConnectParticipantException.failed("download", "the attachment could not be written to the target ("
				+ ex.getClass().getSimpleName() + "); nothing is wrong with the attachment itself", ex);
	}

}
