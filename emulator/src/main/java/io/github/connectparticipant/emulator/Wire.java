package io.github.connectparticipant.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations' requests and answers as they cross the wire: records whose components
 * are the service's members in camelCase ({@link #mapper()} writes them in the service's
 * PascalCase), absent members left out. Requests are read after the service model has
 * validated the body, so their types always fit.
 */
final class Wire {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private Wire() {
	}

	/** A time as the service writes it: ISO 8601 in UTC, with milliseconds. */
	static String time(Instant instant) {
		return TIME.format(instant);
	}

	/**
	 * The emulator's JSON mapper: strict on input (duplicate members and trailing tokens
	 * are errors), PascalCase member names for records.
	 */
	static JsonMapper mapper() {
		return JsonMapper.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
			.build();
	}

	/** An answer of an API operation. */
	sealed interface Response permits Empty, StartChatContactResponse, CreateParticipantConnectionResponse,
			ItemResponse, GetTranscriptResponse, StartAttachmentUploadResponse, GetAttachmentResponse,
			DescribeViewResponse, GetAuthenticationUrlResponse {

	}

	/** The answer without members. */
	record Empty() implements Response {

		static final Empty INSTANCE = new Empty();

	}

	// ---------------------------------------------------------------- Amazon Connect

	record StartChatContactRequest(String instanceId, String contactFlowId, ParticipantDetails participantDetails,
			ChatMessage initialMessage, String clientToken) {
	}

	record ParticipantDetails(String displayName) {
	}

	record ChatMessage(String contentType, String content) {
	}

	record StartChatContactResponse(String contactId, String participantId,
			String participantToken) implements Response {

		@Override
		public String toString() {
			return "StartChatContactResponse[" + this.contactId + ", " + this.participantId + "]";
		}

	}

	record StopContactRequest(String contactId, String instanceId) {
	}

	// ---------------------------------------------------------------- Participant API

	record CreateParticipantConnectionRequest(List<String> type, Boolean connectParticipant) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreateParticipantConnectionResponse(Websocket websocket,
			ConnectionCredentials connectionCredentials) implements Response {
	}

	record Websocket(String url, String connectionExpiry) {

		@Override
		public String toString() {
			return "Websocket[" + this.connectionExpiry + "]";
		}

	}

	record ConnectionCredentials(String connectionToken, String expiry) {

		@Override
		public String toString() {
			return "ConnectionCredentials[" + this.expiry + "]";
		}

	}

	/** A request that may carry a ClientToken. */
	record ClientTokenRequest(String clientToken) {
	}

	record SendRequest(String contentType, String content, String clientToken) {
	}

	/** SendMessage's and SendEvent's answer. */
	record ItemResponse(String id, String absoluteTime) implements Response {
	}

	record GetTranscriptRequest(String contactId, Integer maxResults, String nextToken, String scanDirection,
			String sortOrder, StartPosition startPosition) {
	}

	record StartPosition(String id, String absoluteTime, Integer mostRecent) {

		/** The positions given, by their member names, with their values as text. */
		Map<String, String> given() {
			Map<String, String> given = new LinkedHashMap<>();
			if (this.id != null) {
				given.put("Id", this.id);
			}
			if (this.absoluteTime != null) {
				given.put("AbsoluteTime", this.absoluteTime);
			}
			if (this.mostRecent != null) {
				given.put("MostRecent", this.mostRecent.toString());
			}
			return given;
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record GetTranscriptResponse(String initialContactId, List<TranscriptItem> transcript,
			String nextToken) implements Response {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TranscriptItem(String absoluteTime, String content, String contentType, String id, ItemType type,
			String participantId, String displayName, ParticipantRole participantRole, String contactId,
			List<AttachmentItem> attachments, MessageMetadata messageMetadata, String initialContactId) {

		/** The item as the chat WebSocket pushes it: with the contact it started in. */
		TranscriptItem pushed() {
			return new TranscriptItem(this.absoluteTime, this.content, this.contentType, this.id, this.type,
					this.participantId, this.displayName, this.participantRole, this.contactId, this.attachments,
					this.messageMetadata, this.contactId);
		}

		/** The status of its attachment, or null. */
		AttachmentStatus attachmentStatus() {
			return (this.attachments != null) ? this.attachments.get(0).status() : null;
		}

	}

	record AttachmentItem(String contentType, String attachmentId, String attachmentName, AttachmentStatus status) {
	}

	record MessageMetadata(String messageId, List<ReceiptItem> receipts) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ReceiptItem(String deliveredTimestamp, String readTimestamp, String recipientParticipantId) {
	}

	record StartAttachmentUploadRequest(String contentType, long attachmentSizeInBytes, String attachmentName,
			String clientToken) {
	}

	record StartAttachmentUploadResponse(String attachmentId, UploadMetadata uploadMetadata) implements Response {
	}

	record UploadMetadata(String url, String urlExpiry, Map<String, String> headersToInclude) {

		@Override
		public String toString() {
			return "UploadMetadata[" + this.urlExpiry + "]";
		}

	}

	record CompleteAttachmentUploadRequest(List<String> attachmentIds, String clientToken) {
	}

	record GetAttachmentRequest(String attachmentId, Integer urlExpiryInSeconds) {
	}

	record GetAttachmentResponse(String url, String urlExpiry, long attachmentSizeInBytes) implements Response {

		@Override
		public String toString() {
			return "GetAttachmentResponse[" + this.urlExpiry + ", " + this.attachmentSizeInBytes + "]";
		}

	}

	record DescribeViewResponse(JsonNode view) implements Response {
	}

	record GetAuthenticationUrlRequest(String sessionId, String redirectUri) {
	}

	record GetAuthenticationUrlResponse(String authenticationUrl) implements Response {
	}

}
