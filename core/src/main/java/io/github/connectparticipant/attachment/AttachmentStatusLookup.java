package io.github.connectparticipant.attachment;

import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.connection.ParticipantConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.connectparticipant.model.AttachmentItem;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;

/**
 * An attachment's status, as the chat's transcript shows it: the service has no call that
 * returns one attachment's status, so the transcript is read newest items first until the
 * attachment appears.
 */
final class AttachmentStatusLookup {

	private static final int MAX_ATTACHMENT_ID_LENGTH = 256;

	private static final int PAGE_SIZE = 100;

	private final AttachmentWire wire;

	AttachmentStatusLookup(AttachmentWire wire) {
		this.wire = wire;
	}

	/**
	 * Look for the attachment in the transcript, newest items first.
	 * @return its status, or {@link AttachmentStatus#UNKNOWN} when the transcript does
	 * not show it
	 */
	AttachmentStatus find(ParticipantConnection connection, String attachmentId) {
		String nextToken = null;
		do {
			String pageToken = nextToken;
			GetTranscriptResponse page = connection.withToken((token) -> this.wire.executor()
				.call(ParticipantOperation.GET_TRANSCRIPT,
						(context) -> this.wire.client()
							.getTranscript((request) -> context.bounded(request.connectionToken(token)
								.maxResults(PAGE_SIZE)
								.scanDirection("BACKWARD")
								.sortOrder("DESCENDING")
								.nextToken(pageToken)))));
			if (page.hasTranscript()) {
				for (Item item : page.transcript()) {
					AttachmentStatus status = statusIn(item, attachmentId);
					if (status != null) {
						return status;
					}
				}
			}
			nextToken = (page.nextToken() == null || page.nextToken().isEmpty()) ? null : page.nextToken();
		}
		while (nextToken != null);
		return AttachmentStatus.UNKNOWN;
	}

	private static @Nullable AttachmentStatus statusIn(Item item, String attachmentId) {
		if (item.hasAttachments()) {
			for (AttachmentItem candidate : item.attachments()) {
				if (attachmentId.equals(candidate.attachmentId())) {
					return AttachmentStatus.fromValue(candidate.statusAsString());
				}
			}
		}
		return null;
	}

	/**
	 * Refuse locally what the service would refuse: an attachment id is 1 to 256
	 * characters.
	 */
	static void checkAttachmentId(String attachmentId) {
		Assert.hasText(attachmentId, "attachmentId must not be empty");
		int length = attachmentId.codePointCount(0, attachmentId.length());
		if (length > MAX_ATTACHMENT_ID_LENGTH) {
			throw InvalidRequestException.refusedBeforeSending(ParticipantOperation.GET_ATTACHMENT,
					"the attachment id has " + length + " characters; Amazon Connect's ids have 1 to "
							+ MAX_ATTACHMENT_ID_LENGTH);
		}
	}

}
