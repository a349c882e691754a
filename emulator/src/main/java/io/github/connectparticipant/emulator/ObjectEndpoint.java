package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import io.github.connectparticipant.emulator.FaultPolicy.Fault;
import io.github.connectparticipant.emulator.FaultPolicy.Refusal;
import io.github.connectparticipant.emulator.FaultPolicy.TruncatedResponse;
import io.github.connectparticipant.emulator.Routes.ObjectKey;

/**
 * The S3-like endpoint of attachments' pre-signed URLs: a PUT of the exact signed length
 * stores an upload's object, a GET or HEAD (with a single byte range or none) reads an
 * approved attachment's. Errors are S3's XML {@code Error} documents.
 */
final class ObjectEndpoint {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final OperationContext context;

	private final FaultPolicy faults;

	ObjectEndpoint(OperationContext context, FaultPolicy faults) {
		this.context = context;
		this.faults = faults;
	}

	void handle(HttpExchange exchange, String method, ObjectKey key) throws IOException {
		if (!Set.of("PUT", "GET", "HEAD").contains(method)) {
			exchange.getResponseHeaders().set("Allow", "GET, HEAD, PUT");
			sendError(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource");
			return;
		}
		Operation operation = "PUT".equals(method) ? Operation.UPLOAD_OBJECT : Operation.DOWNLOAD_OBJECT;
		Fault fault;
		try {
			fault = this.faults.admit(operation, key.contactId());
		}
		catch (Refusal ex) {
			if (ex.reason() == Refusal.Reason.THROTTLED) {
				sendError(exchange, 503, "SlowDown", "Please reduce your request rate.");
			}
			else {
				sendError(exchange, 500, "InternalError", "We encountered an internal error. Please try again.");
			}
			return;
		}
		Presigner.S3Error error = this.context.presigner()
			.verify("PUT".equals(method) ? "PUT" : "GET", "/attachments/" + key.contactId() + "/" + key.attachmentId(),
					exchange.getRequestURI().getRawQuery(), this.context.store().clock().instant(),
					(name) -> exchange.getRequestHeaders().getFirst(name));
		if ("PUT".equals(method)) {
			upload(exchange, key, error, fault);
		}
		else {
			download(exchange, method, key, error, fault);
		}
	}

	private void upload(HttpExchange exchange, ObjectKey key, Presigner.S3Error signatureError, Fault fault)
			throws IOException {
		String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
		if (contentLength == null) {
			closeAfterError(exchange, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
			return;
		}
		if (signatureError != null) {
			closeAfterError(exchange, signatureError.status(), signatureError.code(), signatureError.message());
			return;
		}
		Attachment attachment = this.context.store().attachmentAt(key.contactId(), key.attachmentId());
		if (attachment == null) {
			sendError(exchange, 404, "NoSuchUpload", "The specified upload does not exist.");
			return;
		}
		long length;
		try {
			length = Long.parseLong(contentLength.trim());
		}
		catch (NumberFormatException ex) {
			sendError(exchange, 400, "InvalidArgument", "Content-Length is not a number");
			return;
		}
		if (length != attachment.size) {
			closeAfterError(exchange, 403, "SignatureDoesNotMatch", "Content-Length differs from the signed length");
			return;
		}
		try (InputStream in = exchange.getRequestBody();
				ObjectStore.Received received = this.context.objects().receive(attachment.id, in, length)) {
			// a repeated PUT of a completed attachment (a client retrying its whole
			// upload) is accepted with the same bytes only: what was scanned is never
			// replaced
			if (!this.context.store().storeObject(attachment, received) && !received.matchesStored()) {
				closeAfterError(exchange, 403, "AccessDenied",
						"The attachment is complete; only its identical content may be PUT again");
				return;
			}
		}
		catch (ObjectStore.IncompleteBodyException ex) {
			closeAfterError(exchange, 400, "IncompleteBody", ex.getMessage());
			return;
		}
		fault.afterWork();
		exchange.getResponseHeaders().set("ETag", "\"" + attachment.id + "\"");
		exchange.sendResponseHeaders(200, -1);
	}

	private void download(HttpExchange exchange, String method, ObjectKey key, Presigner.S3Error signatureError,
			Fault fault) throws IOException {
		if (signatureError != null) {
			sendError(exchange, signatureError.status(), signatureError.code(), signatureError.message());
			return;
		}
		Attachment attachment = this.context.store().attachmentAt(key.contactId(), key.attachmentId());
		if (attachment == null || this.context.store().status(attachment) != AttachmentStatus.APPROVED) {
			sendError(exchange, 404, "NoSuchKey", "The specified key does not exist.");
			return;
		}
		fault.afterWork();
		Headers headers = exchange.getResponseHeaders();
		long size = attachment.size;
		ByteRange range = ByteRange.parse(exchange.getRequestHeaders().getFirst("Range"), size);
		if (range == null) {
			headers.set("Content-Range", "bytes */" + size);
			sendError(exchange, 416, "InvalidRange", "The requested range is not satisfiable");
			return;
		}
		int status = range.partial() ? 206 : 200;
		if (range.partial()) {
			headers.set("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
		}
		long length = range.length();
		headers.set("Content-Type", attachment.contentType);
		headers.set("Content-Disposition", attachment.contentDisposition());
		headers.set("Accept-Ranges", "bytes");
		headers.set("ETag", "\"" + attachment.id + "\"");
		headers.set("Last-Modified", HTTP_DATE.format(attachment.startedAt));
		if ("HEAD".equals(method)) {
			headers.set("Content-Length", Long.toString(length));
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		long limit = fault.bytesSent(length);
		exchange.sendResponseHeaders(status, length);
		OutputStream out = exchange.getResponseBody();
		try (InputStream in = Files.newInputStream(this.context.objects().path(attachment.id))) {
			in.skipNBytes(range.start());
			byte[] buffer = new byte[64 * 1024];
			long remaining = limit;
			while (remaining > 0) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (n < 0) {
					break;
				}
				out.write(buffer, 0, n);
				remaining -= n;
			}
		}
		if (limit < length) {
			out.flush();
			throw new TruncatedResponse();
		}
		out.close();
	}

	/**
	 * An error after which the connection closes: the client may still be sending a body
	 * the emulator does not want.
	 */
	private void closeAfterError(HttpExchange exchange, int status, String code, String message) throws IOException {
		exchange.getResponseHeaders().set("Connection", "close");
		sendError(exchange, status, code, message);
	}

	private void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
		String requestId = exchange.getResponseHeaders().getFirst("x-amzn-RequestId");
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
				+ escapeXml(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>";
		exchange.getResponseHeaders().set("x-amz-request-id", requestId);
		Exchanges.send(exchange, status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
	}

	private static String escapeXml(String value) {
		return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
