package io.github.connectparticipant.sample.transcript;

import java.time.Instant;
import java.util.List;

import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.sample.chat.Chat;
import io.github.connectparticipant.transcript.ParticipantRole;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptItemType;
import org.jspecify.annotations.Nullable;

/**
 * A transcript item as clients see it: a page item, and one line of the JSON-lines
 * export.
 *
 * @param id the item's id
 * @param type message, attachment or event
 * @param role who wrote it
 * @param displayName the writer's display name
 * @param contentType the content's MIME type (events:
 * {@code application/vnd.amazonaws.connect.event.*})
 * @param content the content, if any
 * @param time when it was written
 * @param attachments the attachments of an attachment item, each with its scan status and
 * where to download it
 */
record TranscriptItemView(String id, TranscriptItemType type, @Nullable ParticipantRole role,
		@Nullable String displayName, @Nullable String contentType, @Nullable String content, @Nullable Instant time,
		List<AttachmentRef> attachments) {

	static TranscriptItemView of(Chat chat, TranscriptItem item) {
		List<AttachmentRef> attachments = item.attachments()
			.stream()
			.map((attachment) -> new AttachmentRef(attachment.id(), attachment.name(), attachment.contentType(),
					attachment.status(), "/api/chats/" + chat.id() + "/attachments/" + attachment.id()))
			.toList();
		return new TranscriptItemView(item.id(), item.type(), item.role(), item.displayName(), item.contentType(),
				item.content(), item.time(), attachments);
	}

	/**
	 * An attachment of a transcript item.
	 *
	 * @param id the attachment's id
	 * @param name its name
	 * @param contentType its MIME type
	 * @param status where it stands in the malware scan; only {@code APPROVED} ones can
	 * be downloaded
	 * @param href where to download it
	 */
	record AttachmentRef(String id, @Nullable String name, @Nullable String contentType, AttachmentStatus status,
			String href) {
	}

}
