package io.github.connectparticipant.sample.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.sample.chat.Chat;
import io.github.connectparticipant.sample.problem.InvalidInputException;
import io.github.connectparticipant.transcript.TranscriptAttachment;
import io.github.connectparticipant.transcript.TranscriptFilter;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Uploads and downloads a chat's attachments:
 * <ul>
 * <li>{@code POST /api/chats/{chat}/attachments}, multipart with a {@code file} part (and
 * {@code awaitScan=true} to wait for the malware scan): 201 with the attachment's id,
 * name, type, size and status;</li>
 * <li>{@code GET /api/chats/{chat}/attachments/{id}}: the file, streamed, with its type
 * and a safe {@code Content-Disposition}.</li>
 * </ul>
 * The content type comes from the file name's extension, checked against the starter's
 * allow-list; the part's own {@code Content-Type} is used only for a name without an
 * extension.
 */
@RestController
@RequestMapping("/api/chats/{chat}/attachments")
class AttachmentController {

	/**
	 * The most bytes accepted after a multipart body's closing boundary (its epilogue,
	 * which clients leave empty).
	 */
	private static final int MAX_EPILOGUE = 1024;

	private final AttachmentService attachments;

	private final TranscriptService transcripts;

	private final ConnectParticipantSettings settings;

	AttachmentController(AttachmentService attachments, TranscriptService transcripts,
			ConnectParticipantSettings settings) {
		this.attachments = attachments;
		this.transcripts = transcripts;
		this.settings = settings;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<AttachmentView> upload(@PathVariable("chat") Chat target, @RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "false") boolean awaitScan, HttpServletRequest request) throws IOException {
		String name = AttachmentFileNames.uploadName(file.getOriginalFilename());
		if (name == null) {
			throw new InvalidInputException("the file part needs a file name, such as invoice.pdf");
		}
		requireWholeBody(request);
		AttachmentUpload upload;
		try (InputStream content = file.getInputStream()) {
			upload = AttachmentUpload.of(content, file.getSize(), name);
			String contentType = partContentType(name, file.getContentType());
			if (contentType != null) {
				upload = upload.withContentType(contentType);
			}
			if (awaitScan) {
				upload = upload.awaitingScan();
			}
			Attachment attachment = this.attachments.upload(target.connection(), upload);
			AttachmentView view = AttachmentView.of(target, attachment);
			return ResponseEntity.created(URI.create(view.href())).body(view);
		}
	}

	/**
	 * Read what follows the multipart's closing boundary, so that a request whose body
	 * ends before its declared {@code Content-Length} is refused before anything is
	 * uploaded. The multipart parser stops at the closing boundary; without this check
	 * the upload would happen while the container, finding the body short afterwards,
	 * closes the connection without an answer: an attachment the client never hears of.
	 */
	private static void requireWholeBody(HttpServletRequest request) {
		long rest = 0;
		try {
			InputStream body = request.getInputStream();
			byte[] buffer = new byte[8192];
			for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
				rest += read;
				if (rest > MAX_EPILOGUE) {
					throw new InvalidInputException(
							"more than " + MAX_EPILOGUE + " bytes follow the multipart body's closing boundary");
				}
			}
		}
		catch (IOException ex) {
			throw new InvalidInputException("the request body ended before its declared Content-Length");
		}
	}

	/**
	 * Return the part's content type when the name has no extension to derive one from.
	 */
	private @Nullable String partContentType(String name, @Nullable String partType) {
		int dot = name.lastIndexOf('.');
		boolean hasExtension = dot >= 0 && dot < name.length() - 1;
		if (hasExtension || partType == null) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(partType);
			return type.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM) ? null
					: type.getType() + "/" + type.getSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	@GetMapping("/{attachmentId}")
	ResponseEntity<StreamingResponseBody> download(@PathVariable("chat") Chat target,
			@PathVariable String attachmentId) {
		TranscriptAttachment attachment = find(target, attachmentId).orElseThrow(UnknownAttachmentException::new);
		if (attachment.status() != AttachmentStatus.APPROVED) {
			throw new AttachmentNotDownloadableException(attachment.status());
		}
		InputStream content = this.attachments.open(target.connection(), attachment.id());
		StreamingResponseBody body = (out) -> {
			try (content) {
				content.transferTo(out);
			}
		};
		return ResponseEntity.ok()
			.contentType(mediaType(attachment.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					AttachmentFileNames.contentDisposition(attachment.name(), "attachment-" + attachment.id()))
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(body);
	}

	private Optional<TranscriptAttachment> find(Chat chat, String attachmentId) {
		if (attachmentId.isBlank() || attachmentId.length() > 256) {
			return Optional.empty();
		}
		try (Stream<TranscriptItem> items = this.transcripts.stream(chat.connection(),
				TranscriptQuery.newestFirst().withMaxResults(100), TranscriptFilter.attachments())) {
			return items.flatMap((item) -> item.attachments().stream())
				.filter((candidate) -> attachmentId.equals(candidate.id()))
				.findFirst();
		}
	}

	private MediaType mediaType(@Nullable String contentType) {
		if (contentType != null) {
			try {
				MediaType type = MediaType.parseMediaType(contentType);
				String value = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
				if (this.settings.allowedContentTypes().containsValue(value)) {
					return type;
				}
			}
			catch (InvalidMediaTypeException ex) {
				// fall through
			}
		}
		return MediaType.APPLICATION_OCTET_STREAM;
	}

	/**
	 * An uploaded attachment.
	 *
	 * @param id the attachment's id
	 * @param name its name
	 * @param contentType its MIME type
	 * @param size its size in bytes
	 * @param status where it stands in the malware scan
	 * @param href where to download it once {@code APPROVED}
	 */
	record AttachmentView(String id, String name, String contentType, long size, AttachmentStatus status, String href) {

		static AttachmentView of(Chat chat, Attachment attachment) {
			return new AttachmentView(attachment.id(), attachment.name(), attachment.contentType(), attachment.size(),
					attachment.status(), "/api/chats/" + chat.id() + "/attachments/" + attachment.id());
		}

	}

}
