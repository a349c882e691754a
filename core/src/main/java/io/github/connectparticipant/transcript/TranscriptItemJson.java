package io.github.connectparticipant.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.connectparticipant.model.AttachmentItem;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.Receipt;

/**
 * Reads a transcript item written as JSON in the service's {@code Item} shape, as the
 * chat WebSocket pushes them ({@code aws/chat} frames), into the same
 * {@link TranscriptItem} that GetTranscript's items become. Members the shape does not
 * know are ignored.
 */
public final class TranscriptItemJson {

	private TranscriptItemJson() {
	}

	/**
	 * Read one item.
	 * @param json the item's JSON object
	 * @return the item
	 * @throws IllegalArgumentException if the text is not a JSON object, or the item has
	 * no {@code Id}
	 */
	public static TranscriptItem parse(String json) {
		JsonNode node;
		try {
			node = JsonNode.parser().parse(json);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("The item is not valid JSON", ex);
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("The item is not a JSON object");
		}
		Map<String, JsonNode> fields = node.asObject();
		String id = text(fields, "Id");
		if (id == null || id.isEmpty()) {
			throw new IllegalArgumentException("The item has no Id");
		}
		Item.Builder item = Item.builder()
			.id(id)
			.absoluteTime(text(fields, "AbsoluteTime"))
			.content(text(fields, "Content"))
			.contentType(text(fields, "ContentType"))
			.type(text(fields, "Type"))
			.participantId(text(fields, "ParticipantId"))
			.displayName(text(fields, "DisplayName"))
			.participantRole(text(fields, "ParticipantRole"))
			.contactId(text(fields, "ContactId"))
			.relatedContactId(text(fields, "RelatedContactId"));
		List<AttachmentItem> attachments = objects(fields, "Attachments",
				(a) -> AttachmentItem.builder()
					.attachmentId(text(a, "AttachmentId"))
					.attachmentName(text(a, "AttachmentName"))
					.contentType(text(a, "ContentType"))
					.status(text(a, "Status"))
					.build());
		if (!attachments.isEmpty()) {
			item.attachments(attachments);
		}
		JsonNode metadata = fields.get("MessageMetadata");
		if (metadata != null && metadata.isObject()) {
			Map<String, JsonNode> m = metadata.asObject();
			List<Receipt> receipts = objects(m, "Receipts",
					(r) -> Receipt.builder()
						.deliveredTimestamp(text(r, "DeliveredTimestamp"))
						.readTimestamp(text(r, "ReadTimestamp"))
						.recipientParticipantId(text(r, "RecipientParticipantId"))
						.build());
			item.messageMetadata(software.amazon.awssdk.services.connectparticipant.model.MessageMetadata.builder()
				.messageId(text(m, "MessageId"))
				.receipts(receipts)
				.messageProcessingStatus(text(m, "MessageProcessingStatus"))
				.build());
		}
		return TranscriptItems.of(item.build());
	}

	private static @Nullable String text(Map<String, JsonNode> fields, String name) {
		JsonNode value = fields.get(name);
		return (value != null && !value.isNull() && !value.isArray() && !value.isObject()) ? value.text() : null;
	}

	/**
	 * Read each element of an array member with {@code reader}, an element that is not an
	 * object as one without members.
	 */
	private static <T> List<T> objects(Map<String, JsonNode> fields, String name,
			Function<Map<String, JsonNode>, T> reader) {
		JsonNode value = fields.get(name);
		if (value == null || !value.isArray()) {
			return List.of();
		}
		List<T> read = new ArrayList<>();
		for (JsonNode element : value.asArray()) {
			read.add(reader.apply(element.isObject() ? element.asObject() : Map.of()));
		}
		return read;
	}

}
