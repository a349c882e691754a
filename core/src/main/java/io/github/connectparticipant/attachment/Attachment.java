package io.github.connectparticipant.attachment;

import org.springframework.util.Assert;

/**
 * An uploaded attachment.
 *
 * @param id the attachment id Amazon Connect gave it
 * @param name its name
 * @param contentType its MIME type
 * @param size its size in bytes
 * @param status where it stands in the malware scan: {@link AttachmentStatus#IN_PROGRESS}
 * right after the upload, {@link AttachmentStatus#APPROVED} once the scan was awaited
 */
public record Attachment(String id, String name, String contentType, long size, AttachmentStatus status) {

	/**
	 * Check the values.
	 */
	public Attachment {
		Assert.hasText(id, "id must not be empty");
		Assert.hasText(name, "name must not be empty");
		Assert.hasText(contentType, "contentType must not be empty");
		Assert.isTrue(size >= 0, "size must not be negative");
		Assert.notNull(status, "status is required");
	}

	/**
	 * Return a copy of this attachment with another status.
	 * @param status the status
	 * @return the copy
	 */
	public Attachment withStatus(AttachmentStatus status) {
		return new Attachment(this.id, this.name, this.contentType, this.size, status);
	}

}
