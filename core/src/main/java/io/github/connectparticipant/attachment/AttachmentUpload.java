package io.github.connectparticipant.attachment;

import java.io.InputStream;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * What to upload as an attachment: the content (a file, a Spring {@link Resource} or a
 * stream of known length), and optionally its name, content type and idempotency key, and
 * whether to wait for the malware scan's verdict. Immutable: the {@code with...} methods
 * return copies. <pre class="code">
 * AttachmentUpload upload = AttachmentUpload.of(Path.of("invoice.pdf"))
 *     .withIdempotencyKey(orderId + "-invoice")
 *     .awaitingScan();
 * </pre>
 * <p>
 * The name defaults to the file name; the content type defaults to the allow-list's type
 * for the name's extension. A one-shot stream ({@link #of(InputStream, long, String)}, or
 * a Resource whose {@code isOpen()} is true) is first copied to a temporary file so that
 * a retried PUT can send it again; pass a {@link Path} or a re-readable Resource to avoid
 * the copy.
 *
 * @param file the file to upload, if the content is a file
 * @param resource the resource to upload, if the content is a resource
 * @param stream the stream to upload, if the content is a stream
 * @param streamLength the declared length of the stream, {@code -1} when the content is
 * not a stream
 * @param name the attachment's name, or {@code null} when neither given nor known from
 * the content
 * @param contentType the explicit content type, or {@code null} to derive it from the
 * name
 * @param idempotencyKey the idempotency key, or {@code null} for a random one
 * @param awaitScan whether to wait for the malware scan's verdict after the upload
 */
public record AttachmentUpload(@Nullable Path file, @Nullable Resource resource, @Nullable InputStream stream,
		long streamLength, @Nullable String name, @Nullable String contentType, @Nullable String idempotencyKey,
		boolean awaitScan) {

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 400;

	/**
	 * Check that the content is exactly one of a file, a resource or a stream, and that
	 * the stream's length and the idempotency key are usable. Prefer the {@code of}
	 * factories and the {@code with...} methods.
	 */
	public AttachmentUpload {
		int sources = ((file != null) ? 1 : 0) + ((resource != null) ? 1 : 0) + ((stream != null) ? 1 : 0);
		Assert.isTrue(sources == 1, "exactly one of file, resource and stream is required");
		if (stream != null) {
			Assert.isTrue(streamLength >= 0, "length must not be negative");
			Assert.notNull(name, "name is required");
		}
		else {
			Assert.isTrue(streamLength == -1, "streamLength must be -1 unless the content is a stream");
		}
		if (idempotencyKey != null) {
			Assert.hasText(idempotencyKey, "idempotencyKey must not be empty");
			Assert.isTrue(idempotencyKey.length() <= MAX_IDEMPOTENCY_KEY_LENGTH,
					"idempotencyKey must be at most 400 characters");
		}
	}

	/**
	 * Upload a file. Its name is the file's name unless {@link #withName(String) set}.
	 * @param file the file
	 * @return the upload
	 */
	public static AttachmentUpload of(Path file) {
		Assert.notNull(file, "file is required");
		Path fileName = file.getFileName();
		return new AttachmentUpload(file, null, null, -1, (fileName != null) ? fileName.toString() : null, null, null,
				false);
	}

	/**
	 * Upload a Spring resource. Its name is the resource's file name unless
	 * {@link #withName(String) set}; its size is its {@code contentLength()}.
	 * @param resource the resource
	 * @return the upload
	 */
	public static AttachmentUpload of(Resource resource) {
		Assert.notNull(resource, "resource is required");
		return new AttachmentUpload(null, resource, null, -1, resource.getFilename(), null, null, false);
	}

	/**
	 * Upload a stream of known length. The stream is read once (to a temporary file, so
	 * that retries can send it again) and not closed.
	 * @param stream the content
	 * @param length the exact number of bytes the stream holds
	 * @param name the attachment's name
	 * @return the upload
	 */
	public static AttachmentUpload of(InputStream stream, long length, String name) {
		Assert.notNull(stream, "stream is required");
		return new AttachmentUpload(null, null, stream, length, name, null, null, false);
	}

	/**
	 * Return a copy with another name.
	 * @param name the attachment's name (1 to 256 characters, no control characters;
	 * checked when uploading)
	 * @return the copy
	 */
	public AttachmentUpload withName(String name) {
		Assert.notNull(name, "name is required");
		return new AttachmentUpload(this.file, this.resource, this.stream, this.streamLength, name, this.contentType,
				this.idempotencyKey, this.awaitScan);
	}

	/**
	 * Return a copy with an explicit content type instead of one derived from the name.
	 * @param contentType the MIME type (checked against the allow-list when uploading)
	 * @return the copy
	 */
	public AttachmentUpload withContentType(String contentType) {
		Assert.notNull(contentType, "contentType is required");
		return new AttachmentUpload(this.file, this.resource, this.stream, this.streamLength, this.name, contentType,
				this.idempotencyKey, this.awaitScan);
	}

	/**
	 * Return a copy with an idempotency key: uploading again with the same key and
	 * content (after a crash, say) gives the same attachment instead of a duplicate.
	 * Without one, a random key is chosen per upload.
	 * @param idempotencyKey the key, 1 to 400 characters
	 * @return the copy
	 */
	public AttachmentUpload withIdempotencyKey(String idempotencyKey) {
		Assert.hasText(idempotencyKey, "idempotencyKey must not be empty");
		return new AttachmentUpload(this.file, this.resource, this.stream, this.streamLength, this.name,
				this.contentType, idempotencyKey, this.awaitScan);
	}

	/**
	 * Return a copy that waits, after the upload, for the malware scan's verdict.
	 * @return the copy
	 */
	public AttachmentUpload awaitingScan() {
		return new AttachmentUpload(this.file, this.resource, this.stream, this.streamLength, this.name,
				this.contentType, this.idempotencyKey, true);
	}

	/**
	 * Describe the upload by its kind of content, name and content type; the idempotency
	 * key and the content itself stay out of logs.
	 * @return the description
	 */
	@Override
	public String toString() {
		String source = (this.file != null) ? "file" : (this.resource != null) ? "resource" : "stream";
		return "AttachmentUpload[" + source + ", name=" + this.name + ", contentType=" + this.contentType
				+ ", awaitScan=" + this.awaitScan + "]";
	}

}
