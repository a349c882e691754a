package io.github.connectparticipant.attachment;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.connection.ParticipantConnection;
import org.springframework.core.io.Resource;

/**
 * Sends and fetches chat attachments through the Amazon Connect Participant Service, with
 * validation, idempotency and retries done for the caller.
 * <p>
 * An upload is checked locally first (content not empty, size within the maximum, type in
 * the allow-list, name of 1 to 256 characters without control characters); a broken rule
 * is an {@link InvalidAttachmentException} and nothing is sent. Then it runs
 * StartAttachmentUpload, a PUT of the content to the pre-signed URL with exactly the
 * headers the service asked for, and CompleteAttachmentUpload. Each step is retried on
 * throttling, server and I/O errors with the same ClientToken, so a retry never creates a
 * duplicate; when the upload URL has expired, the upload starts again from
 * StartAttachmentUpload within the same attempt budget.
 * <p>
 * Downloads stream: memory does not grow with the attachment's size. A body that breaks
 * off is resumed with a {@code Range} request, an expired URL is replaced, and the bytes
 * delivered are exactly the attachment's size. <pre class="code">
 * Attachment sent = attachments.upload(connection, AttachmentUpload.of(Path.of("invoice.pdf")).awaitingScan());
 * attachments.download(connection, sent.id(), Path.of("copy.pdf"));
 * </pre>
 *
 * @see DefaultAttachmentService
 */
public interface AttachmentService {

	/**
	 * Upload an attachment.
	 * @param connection the participant's connection
	 * @param upload what to upload
	 * @return the attachment, with status {@link AttachmentStatus#IN_PROGRESS}, or
	 * {@link AttachmentStatus#APPROVED} when the upload
	 * {@linkplain AttachmentUpload#awaitingScan() waited for the scan}
	 * @throws InvalidAttachmentException if the upload breaks a rule (nothing is sent)
	 * @throws AttachmentRejectedException if the upload waited for the scan and the scan
	 * rejected it
	 * @throws OperationTimeoutException if the upload waited for the scan and no verdict
	 * came in time
	 * @throws ConnectParticipantException if the service refuses the upload or cannot be
	 * reached within the attempt budget
	 */
	Attachment upload(ParticipantConnection connection, AttachmentUpload upload);

	/**
	 * Upload a file, named after it, with the content type its extension gives.
	 * @param connection the participant's connection
	 * @param file the file
	 * @return the attachment
	 * @see #upload(ParticipantConnection, AttachmentUpload)
	 */
	default Attachment upload(ParticipantConnection connection, Path file) {
		return upload(connection, AttachmentUpload.of(file));
	}

	/**
	 * Upload a Spring resource, named after its file name, with the content type its
	 * extension gives.
	 * @param connection the participant's connection
	 * @param resource the resource
	 * @return the attachment
	 * @see #upload(ParticipantConnection, AttachmentUpload)
	 */
	default Attachment upload(ParticipantConnection connection, Resource resource) {
		return upload(connection, AttachmentUpload.of(resource));
	}

	/**
	 * Upload several attachments, each its own upload (CompleteAttachmentUpload takes one
	 * attachment at a time), at most
	 * {@link io.github.connectparticipant.ConnectParticipantSettings#uploadConcurrency()}
	 * at a time, on threads that carry the caller's context (its observation and trace,
	 * and anything else registered with Micrometer's context propagation). A failed
	 * upload does not stop the others, whatever it throws: a failure that is not one of
	 * the library's exceptions is reported as a
	 * {@link io.github.connectparticipant.ConnectParticipantException} whose cause it is.
	 * @param connection the participant's connection
	 * @param uploads what to upload
	 * @return one result per upload, in the same order
	 */
	List<UploadResult> uploadAll(ParticipantConnection connection, List<AttachmentUpload> uploads);

	/**
	 * Wait for the malware scan's verdict on an uploaded attachment, looking at the
	 * transcript with growing pauses.
	 * @param connection the participant's connection
	 * @param attachment the uploaded attachment
	 * @return the attachment with status {@link AttachmentStatus#APPROVED}
	 * @throws AttachmentRejectedException if the scan rejected it
	 * @throws OperationTimeoutException if no verdict came within
	 * {@link io.github.connectparticipant.ConnectParticipantSettings#scanTimeout()}
	 */
	Attachment awaitScan(ParticipantConnection connection, Attachment attachment);

	/**
	 * Return an attachment's current scan status as the transcript shows it.
	 * @param connection the participant's connection
	 * @param attachmentId the attachment's id
	 * @return the status, {@link AttachmentStatus#UNKNOWN} when the transcript does not
	 * (yet) show the attachment
	 */
	AttachmentStatus status(ParticipantConnection connection, String attachmentId);

	/**
	 * Download an attachment to a stream, which is not closed.
	 * @param connection the participant's connection
	 * @param attachmentId the attachment's id
	 * @param target where to write the bytes
	 * @return the number of bytes written, the attachment's size
	 * @throws InvalidRequestException if the attachment is unknown, not fully uploaded,
	 * still being scanned or rejected
	 * @throws ConnectParticipantException if the download fails within the attempt budget
	 * or the target cannot be written
	 */
	long download(ParticipantConnection connection, String attachmentId, OutputStream target);

	/**
	 * Download an attachment to a file, replacing it; the file appears only once
	 * complete.
	 * @param connection the participant's connection
	 * @param attachmentId the attachment's id
	 * @param target the file to write
	 * @return the number of bytes written, the attachment's size
	 * @see #download(ParticipantConnection, String, OutputStream)
	 */
	long download(ParticipantConnection connection, String attachmentId, Path target);

	/**
	 * Open an attachment for reading. The URL is fetched now (so an attachment that
	 * cannot be downloaded fails here); the body is streamed as it is read, resumed when
	 * it breaks off. Reads throw the library's unchecked exceptions for failures of the
	 * service. Close the stream when done.
	 * @param connection the participant's connection
	 * @param attachmentId the attachment's id
	 * @return the attachment's bytes
	 */
	InputStream open(ParticipantConnection connection, String attachmentId);

	/**
	 * Return a pre-signed URL from which the attachment can be downloaded until it
	 * expires, for handing to another client (a browser, say).
	 * @param connection the participant's connection
	 * @param attachmentId the attachment's id
	 * @param expiry how long the URL stays valid: 5 to 300 seconds
	 * @return the link
	 */
	AttachmentLink link(ParticipantConnection connection, String attachmentId, Duration expiry);

}
