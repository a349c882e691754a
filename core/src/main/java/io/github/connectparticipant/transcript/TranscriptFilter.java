package io.github.connectparticipant.transcript;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Which transcript items to keep when streaming a transcript. <pre class="code">
 * transcripts.stream(connection, query, TranscriptFilter.messages().and(TranscriptFilter.roles(ParticipantRole.AGENT)))
 * </pre>
 */
@FunctionalInterface
public interface TranscriptFilter {

	/**
	 * Return whether to keep an item.
	 * @param item the item
	 * @return whether to keep it
	 */
	boolean test(TranscriptItem item);

	/**
	 * Keep every item.
	 * @return the filter
	 */
	static TranscriptFilter all() {
		return (item) -> true;
	}

	/**
	 * Keep messages only.
	 * @return the filter
	 */
	static TranscriptFilter messages() {
		return TranscriptItem::isMessage;
	}

	/**
	 * Keep attachments only.
	 * @return the filter
	 */
	static TranscriptFilter attachments() {
		return TranscriptItem::isAttachment;
	}

	/**
	 * Keep items written by participants of these roles.
	 * @param first a role
	 * @param others more roles
	 * @return the filter
	 */
	static TranscriptFilter roles(ParticipantRole first, ParticipantRole... others) {
		Assert.notNull(first, "first is required");
		Assert.noNullElements(others, "others must not contain null");
		Set<ParticipantRole> roles = EnumSet.of(first, others);
		return (item) -> item.role() != null && roles.contains(item.role());
	}

	/**
	 * Keep items this filter and another both keep.
	 * @param other the other filter
	 * @return the combined filter
	 */
	default TranscriptFilter and(TranscriptFilter other) {
		Assert.notNull(other, "other is required");
		return (item) -> test(item) && other.test(item);
	}

}
