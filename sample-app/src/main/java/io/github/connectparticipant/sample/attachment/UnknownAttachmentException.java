package io.github.connectparticipant.sample.attachment;

import io.github.connectparticipant.sample.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The chat's transcript shows no attachment with this id: answered with 404.
 */
public class UnknownAttachmentException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	UnknownAttachmentException() {
		super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "UNKNOWN_ATTACHMENT",
				"The chat's transcript shows no attachment with this id"), null);
	}

}
