package io.github.connectparticipant.transcript;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One item of a chat transcript: a message, an attachment or an event.
 *
 * @param id the item's id
 * @param type the item's kind
 * @param role the role of the participant who wrote it, if any
 * @param participantId the id of that participant, if any
 * @param displayName that participant's display name, if any
 * @param contentType the content's MIME type (events use
 * {@code application/vnd.amazonaws.connect.event.*} types)
 * @param content the content, if any
 * @param time when the item was written
 * @param attachments the attachments of an attachment item, with their scan status
 * @param messageMetadata receipts and processing status of a message, if any
 * @param contactId the contact the item belongs to, if given
 * @param relatedContactId a related contact, if given
 */
public record TranscriptItem(String id, TranscriptItemType type, @Nullable ParticipantRole role,
		@Nullable String participantId, @Nullable String displayName, @Nullable String contentType,
		@Nullable String content, @Nullable Instant time, List<TranscriptAttachment> attachments,
		@Nullable MessageMetadata messageMetadata, @Nullable String contactId, @Nullable String relatedContactId) {

	/**
	 * Copy the attachments.
	 */
	public TranscriptItem {
		attachments = List.copyOf(attachments);
	}

	/**
	 * Return whether this item is a message.
	 * @return whether the item's type is {@link TranscriptItemType#MESSAGE}
	 */
	public boolean isMessage() {
		return this.type == TranscriptItemType.MESSAGE;
	}

	/**
	 * Return whether this item is an attachment.
	 * @return whether the item's type is {@link TranscriptItemType#ATTACHMENT}
	 */
	public boolean isAttachment() {
		return this.type == TranscriptItemType.ATTACHMENT;
	}

	/**
	 * Return whether this item is an event (joined, left, ended, typing, receipts...).
	 * @return whether the item is neither a message nor an attachment
	 */
	public boolean isEvent() {
		return !isMessage() && !isAttachment();
	}

}
