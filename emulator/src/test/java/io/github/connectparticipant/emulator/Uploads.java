package io.github.connectparticipant.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Random;

import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attachment flow as a client runs it: StartAttachmentUpload, a PUT of the bytes to
 * the pre-signed URL with the HeadersToInclude, CompleteAttachmentUpload, and
 * GetAttachment for a download URL.
 */
final class Uploads {

	private Uploads() {
	}

	/** Starts an upload of the content with StartAttachmentUpload. */
	static Upload start(ConnectParticipantClient participant, Clients.Chat chat, String name, String contentType,
			byte[] content, String clientToken) {
		StartAttachmentUploadResponse started = participant
			.startAttachmentUpload((r) -> r.connectionToken(chat.connectionToken())
				.attachmentName(name)
				.contentType(contentType)
				.attachmentSizeInBytes((long) content.length)
				.clientToken(clientToken));
		return new Upload(chat, started.attachmentId(), started.uploadMetadata().url(),
				started.uploadMetadata().headersToInclude(), content);
	}

	/**
	 * Starts the upload, PUTs the content (which must be answered 200) and completes it.
	 */
	static Upload uploadAndComplete(ConnectParticipantClient participant, Clients.Chat chat, String name,
			String contentType, byte[] content, String uploadToken, String completeToken) {
		Upload upload = start(participant, chat, name, contentType, content, uploadToken);
		assertThat(EmulatorHttp.send(upload.put()).statusCode()).isEqualTo(200);
		complete(participant, chat, upload.attachmentId(), completeToken);
		return upload;
	}

	static void complete(ConnectParticipantClient participant, Clients.Chat chat, String attachmentId,
			String clientToken) {
		participant.completeAttachmentUpload(
				(r) -> r.connectionToken(chat.connectionToken()).attachmentIds(attachmentId).clientToken(clientToken));
	}

	/**
	 * A download URL from GetAttachment, valid for the given seconds (or the default when
	 * null).
	 */
	static String downloadUrl(ConnectParticipantClient participant, Clients.Chat chat, String attachmentId,
			Integer expirySeconds) {
		return participant
			.getAttachment((r) -> r.connectionToken(chat.connectionToken())
				.attachmentId(attachmentId)
				.urlExpiryInSeconds(expirySeconds))
			.url();
	}

	/**
	 * The PUT of the content to the upload URL of a StartAttachmentUpload answer, with
	 * its HeadersToInclude.
	 */
	static HttpRequest put(StartAttachmentUploadResponse started, byte[] content) {
		return put(started.uploadMetadata().url(), content, started.uploadMetadata().headersToInclude());
	}

	/** A PUT of the body to a pre-signed upload URL with the given headers. */
	static HttpRequest put(String url, byte[] body, Map<String, String> headers) {
		return put(url, HttpRequest.BodyPublishers.ofByteArray(body), headers);
	}

	/**
	 * A PUT to a pre-signed upload URL with the given headers but Content-Length, which
	 * the JDK client refuses to be given: it sends the body's own length (none for a body
	 * of unknown length, which it sends chunked).
	 */
	static HttpRequest put(String url, HttpRequest.BodyPublisher body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(body);
		headers.forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Length")) {
				request.header(name, value);
			}
		});
		return request.build();
	}

	/**
	 * The request line and headers of a raw HTTP/1.1 PUT to the URL, with every given
	 * header (Content-Length too), up to but not including the blank line that ends the
	 * head.
	 */
	static String rawPutHead(String url, String host, Map<String, String> headers) {
		URI uri = URI.create(url);
		StringBuilder head = new StringBuilder("PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n")
			.append("Host: ")
			.append(host)
			.append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		return head.toString();
	}

	/** Pseudo-random bytes of the size, the same for the same size. */
	static byte[] content(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	/**
	 * An upload started with StartAttachmentUpload, and the content it was started for.
	 */
	record Upload(Clients.Chat chat, String attachmentId, String url, Map<String, String> headers, byte[] content) {

		String contactId() {
			return this.chat.contactId();
		}

		String connectionToken() {
			return this.chat.connectionToken();
		}

		/** The PUT of the content with the HeadersToInclude. */
		HttpRequest put() {
			return Uploads.put(this.url, this.content, this.headers);
		}

	}

}
