package io.github.connectparticipant.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** An attachment of a contact; guarded by the contact's lock. */
final class Attachment {

	final String id;

	final String contactId;

	final String participantId;

	final String name;

	final String contentType;

	final long size;

	final Instant startedAt;

	boolean uploaded;

	boolean completed;

	/** Whether a CompleteAttachmentUpload of the attachment is in progress. */
	boolean completing;

	Instant completedAt;

	Duration scanDelay = Duration.ZERO;

	AttachmentStatus verdict;

	Attachment(String id, String contactId, String participantId, String name, String contentType, long size,
			Instant startedAt) {
		this.id = id;
		this.contactId = contactId;
		this.participantId = participantId;
		this.name = name;
		this.contentType = contentType;
		this.size = size;
		this.startedAt = startedAt;
	}

	AttachmentStatus status(Instant now) {
		if (!this.completed) {
			return this.completing ? AttachmentStatus.COMPLETING
					: this.uploaded ? AttachmentStatus.UPLOADED : AttachmentStatus.UPLOADING;
		}
		return now.isBefore(this.completedAt.plus(this.scanDelay)) ? AttachmentStatus.IN_PROGRESS : this.verdict;
	}

	/** The path of its object on the emulator's S3-like endpoint. */
	String objectPath() {
		return "/attachments/" + this.contactId + "/" + this.id;
	}

	/**
	 * The {@code Content-Disposition} of its object: the name in ASCII, and in UTF-8 as
	 * well when it is not ASCII.
	 */
	String contentDisposition() {
		StringBuilder ascii = new StringBuilder();
		for (char c : this.name.toCharArray()) {
			ascii.append((c < 0x20 || c > 0x7e || c == '"' || c == '\\') ? '_' : c);
		}
		String value = "attachment; filename=\"" + ascii + "\"";
		if (!ascii.toString().equals(this.name)) {
			value += "; filename*=UTF-8''" + URLEncoder.encode(this.name, StandardCharsets.UTF_8).replace("+", "%20");
		}
		return value;
	}

}
