package io.github.connectparticipant.sample.attachment;

import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.sample.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The attachment exists but cannot be downloaded in its state: still being scanned, or
 * rejected by the scan. Answered with 409.
 */
public class AttachmentNotDownloadableException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	AttachmentNotDownloadableException(AttachmentStatus status) {
		super(HttpStatus.CONFLICT, problem(status), null);
	}

	private static ProblemDetail problem(AttachmentStatus status) {
		String detail = switch (status) {
			case IN_PROGRESS ->
				"The attachment is still being scanned for malware; try again when its status is APPROVED";
			case REJECTED -> "The malware scan rejected the attachment; it can never be downloaded";
			default -> "The attachment's status is " + status + "; only APPROVED attachments can be downloaded";
		};
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "ATTACHMENT_NOT_DOWNLOADABLE", detail);
		problem.setProperty("attachmentStatus", status.name());
		return problem;
	}

}
