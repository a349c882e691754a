package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.github.connectparticipant.emulator.Wire.CompleteAttachmentUploadRequest;
import io.github.connectparticipant.emulator.Wire.GetAttachmentRequest;
import io.github.connectparticipant.emulator.Wire.GetAttachmentResponse;
import io.github.connectparticipant.emulator.Wire.StartAttachmentUploadRequest;
import io.github.connectparticipant.emulator.Wire.StartAttachmentUploadResponse;
import io.github.connectparticipant.emulator.Wire.UploadMetadata;

/**
 * The attachment operations: an upload started with a pre-signed PUT URL, completed with
 * a malware scan (the EICAR test file is infected), then downloaded with a pre-signed GET
 * URL once approved.
 */
final class AttachmentOperations {

	private final OperationContext context;

	AttachmentOperations(OperationContext context) {
		this.context = context;
	}

	Wire.Response startAttachmentUpload(ApiCall call) {
		// an ended chat is refused by the idempotency check, which still answers a
		// replay of an earlier request
		Participant participant = this.context.tokens().authenticate(call.bearer(), false);
		Contact contact = this.context.store().contact(participant.contactId);
		EmulatorSettings current = this.context.store().settings();
		StartAttachmentUploadRequest request = call.request(StartAttachmentUploadRequest.class);
		String contentType = request.contentType();
		long size = request.attachmentSizeInBytes();
		String name = request.attachmentName();
		if (!current.allowedContentTypes().contains(contentType)) {
			throw ApiException.validation("ContentType " + contentType + " is not an allowed attachment type; allowed: "
					+ current.allowedContentTypes());
		}
		if (size > current.maxAttachmentSize()) {
			throw ApiException.validation("AttachmentSizeInBytes " + size + " exceeds the maximum attachment size of "
					+ current.maxAttachmentSize() + " bytes");
		}
		if (name.chars().anyMatch(Character::isISOControl) || name.isBlank()) {
			throw ApiException.validation("AttachmentName must not be blank or contain control characters");
		}
		return this.context.idempotency()
			.run(contact, Operation.START_ATTACHMENT_UPLOAD, participant, call.body(), () -> {
				if (contact.attachments.size() >= current.maxAttachmentsPerContact()) {
					throw ApiException.quotaExceeded("The contact has reached its quota of "
							+ current.maxAttachmentsPerContact() + " attachments");
				}
				Instant now = this.context.store().clock().instant();
				Attachment attachment = new Attachment(UUID.randomUUID().toString(), contact.id, participant.id, name,
						contentType, size, now);
				contact.attachments.put(attachment.id, attachment);
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("Content-Type", contentType);
				headers.put("Content-Length", Long.toString(size));
				headers.put("Content-Disposition", attachment.contentDisposition());
				headers.put("x-amz-meta-contact-id", contact.id);
				Map<String, String> signed = new TreeMap<>();
				headers.forEach((header, value) -> signed.put(header.toLowerCase(Locale.ROOT), value));
				Duration expiry = current.uploadUrlExpiry();
				String url = this.context.presigner()
					.sign(this.context.baseUri(), "PUT", attachment.objectPath(), now, expiry, signed);
				return new StartAttachmentUploadResponse(attachment.id,
						new UploadMetadata(url, Wire.time(now.plus(expiry)), headers));
			});
	}

	/**
	 * Complete an upload in two steps under the contact's lock, with the scan (and what
	 * an injected stall makes the request wait for) between them: while an attachment is
	 * being completed, another CompleteAttachmentUpload of it, this one repeated
	 * included, answers {@code ConflictException}, as the service model says.
	 */
	Wire.Response completeAttachmentUpload(ApiCall call) {
		// an ended chat is refused by the idempotency check, which still answers a
		// replay of an earlier request
		Participant participant = this.context.tokens().authenticate(call.bearer(), false);
		Contact contact = this.context.store().contact(participant.contactId);
		String attachmentId = call.request(CompleteAttachmentUploadRequest.class).attachmentIds().get(0);
		Operation operation = Operation.COMPLETE_ATTACHMENT_UPLOAD;
		boolean begun = false;
		Attachment attachment;
		synchronized (contact) {
			boolean replay = this.context.idempotency().hasReplay(contact, operation, participant, call.body());
			attachment = contact.attachments.get(attachmentId);
			if (!replay && !contact.ended) {
				if (attachment == null || !attachment.participantId.equals(participant.id)) {
					throw ApiException
						.validation("AttachmentIds[0] does not name an attachment this participant started");
				}
				if (attachment.completing) {
					throw ApiException.conflict("The attachment is already being completed");
				}
				if (!attachment.uploaded) {
					throw ApiException
						.validation("The attachment's object has not been uploaded to its pre-signed URL");
				}
				begun = !attachment.completed;
				attachment.completing = begun;
			}
		}
		if (!begun) {
			// a replay, a repeat of a completed upload (a no-op), or an ended chat's
			// refusal
			return this.context.idempotency()
				.run(contact, operation, participant, call.body(), () -> Wire.Empty.INSTANCE);
		}
		try {
			call.whileWorking().run();
			boolean infected = containsEicar(attachment);
			return this.context.idempotency().run(contact, operation, participant, call.body(), () -> {
				attachment.verdict = infected ? AttachmentStatus.REJECTED : AttachmentStatus.APPROVED;
				attachment.completed = true;
				attachment.completedAt = this.context.store().clock().instant();
				attachment.scanDelay = this.context.store().settings().scanDelay();
				contact.append(Item.attachment(participant, attachment, this.context.store().now(contact)));
				return Wire.Empty.INSTANCE;
			});
		}
		finally {
			synchronized (contact) {
				attachment.completing = false;
			}
		}
	}

	private boolean containsEicar(Attachment attachment) {
		try {
			return this.context.objects().containsEicar(attachment.id);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Wire.Response getAttachment(ApiCall call) {
		Participant participant = this.context.tokens().authenticate(call.bearer(), false);
		Contact contact = this.context.store().contact(participant.contactId);
		GetAttachmentRequest request = call.request(GetAttachmentRequest.class);
		Attachment attachment;
		AttachmentStatus status;
		synchronized (contact) {
			attachment = contact.attachments.get(request.attachmentId());
			if (attachment == null) {
				throw ApiException.validation("AttachmentId does not name an attachment of this contact");
			}
			status = attachment.status(this.context.store().clock().instant());
		}
		switch (status) {
			case UPLOADING, UPLOADED, COMPLETING ->
				throw ApiException.validation("The attachment upload has not been completed");
			case IN_PROGRESS -> throw ApiException.validation("The attachment is still being scanned (IN_PROGRESS)");
			case REJECTED -> throw ApiException.validation("The attachment was REJECTED by the malware scan");
			case APPROVED -> {
				// answered below
			}
		}
		Instant now = this.context.store().clock().instant();
		Duration expiry = Duration
			.ofSeconds((request.urlExpiryInSeconds() != null) ? request.urlExpiryInSeconds() : 300);
		String url = this.context.presigner()
			.sign(this.context.baseUri(), "GET", attachment.objectPath(), now, expiry, Map.of());
		return new GetAttachmentResponse(url, Wire.time(now.plus(expiry)), attachment.size);
	}

}
