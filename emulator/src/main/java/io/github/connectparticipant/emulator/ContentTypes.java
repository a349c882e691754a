package io.github.connectparticipant.emulator;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content types of chat messages and events, and the limits SendMessage documents.
 */
final class ContentTypes {

	static final String EVENT_PREFIX = "application/vnd.amazonaws.connect.event.";

	static final String JOINED = EVENT_PREFIX + "participant.joined";

	static final String LEFT = EVENT_PREFIX + "participant.left";

	static final String ENDED = EVENT_PREFIX + "chat.ended";

	static final String TYPING = EVENT_PREFIX + "typing";

	static final String ACKNOWLEDGED = EVENT_PREFIX + "connection.acknowledged";

	static final String DELIVERED = EVENT_PREFIX + "message.delivered";

	static final String READ = EVENT_PREFIX + "message.read";

	static final String METADATA = EVENT_PREFIX + "message.metadata";

	/** Message content types and their maximum lengths. */
	static final Map<String, Integer> MESSAGE_TYPES = Map.of("text/plain", 1024, "text/markdown", 1024,
			"application/json", 12000, "application/vnd.amazonaws.connect.message.interactive.response", 12288);

	/** The event content types SendEvent accepts. */
	static final Set<String> EVENT_TYPES = Set.of(TYPING, ACKNOWLEDGED, DELIVERED, READ);

	private ContentTypes() {
	}

	/**
	 * Refuses a message of an unknown type or over its type's length.
	 * @param prefix what the member names are prefixed with in the error, e.g.
	 * {@code InitialMessage.}
	 */
	static void checkMessage(String contentType, String content, String prefix) {
		Integer max = MESSAGE_TYPES.get(contentType);
		if (max == null) {
			throw ApiException
				.validation(prefix + "ContentType must be one of " + new TreeSet<>(MESSAGE_TYPES.keySet()));
		}
		if (content.codePointCount(0, content.length()) > max) {
			throw ApiException
				.validation(prefix + "Content of type " + contentType + " must be at most " + max + " characters");
		}
	}

	/** Refuses an event type SendEvent does not take. */
	static void checkEvent(String contentType) {
		if (!EVENT_TYPES.contains(contentType)) {
			throw ApiException.validation("ContentType must be one of " + new TreeSet<>(EVENT_TYPES));
		}
	}

	/** Whether an event is a receipt for a message (delivered or read). */
	static boolean isReceipt(String contentType) {
		return DELIVERED.equals(contentType) || READ.equals(contentType);
	}

}
