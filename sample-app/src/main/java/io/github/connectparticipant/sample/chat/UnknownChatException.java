package io.github.connectparticipant.sample.chat;

import io.github.connectparticipant.sample.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No chat has this handle (never started here, or forgotten): answered with 404.
 */
public class UnknownChatException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	UnknownChatException() {
		super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "UNKNOWN_CHAT",
				"No chat has this id; start one with POST /api/chats"), null);
	}

}
