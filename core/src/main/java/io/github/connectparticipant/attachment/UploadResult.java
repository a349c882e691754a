package io.github.connectparticipant.attachment;

import io.github.connectparticipant.ConnectParticipantException;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The outcome of one upload of a batch: the attachment, or why it failed.
 *
 * @param upload what was to be uploaded
 * @param attachment the attachment, when the upload succeeded
 * @param failure why the upload failed, when it did
 */
public record UploadResult(AttachmentUpload upload, @Nullable Attachment attachment,
		@Nullable ConnectParticipantException failure) {

	/**
	 * Check that exactly one of attachment and failure is given.
	 */
	public UploadResult {
		Assert.notNull(upload, "upload is required");
		Assert.isTrue((attachment == null) != (failure == null), "Exactly one of attachment and failure is required");
	}

	/**
	 * Return whether the upload succeeded.
	 * @return whether there is an attachment
	 */
	public boolean isSuccess() {
		return this.attachment != null;
	}

}
