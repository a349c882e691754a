package io.github.connectparticipant.transcript;

import io.github.connectparticipant.attachment.AttachmentStatus;
import org.jspecify.annotations.Nullable;

/**
 * An attachment as a transcript item shows it.
 *
 * @param id the attachment id
 * @param name the attachment's name
 * @param contentType its MIME type
 * @param status where it stands in the malware scan
 */
public record TranscriptAttachment(String id, @Nullable String name, @Nullable String contentType,
		AttachmentStatus status) {
}
