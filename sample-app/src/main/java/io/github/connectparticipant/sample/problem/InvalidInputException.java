package io.github.connectparticipant.sample.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request's input breaks a rule checked before anything is sent: answered with 400.
 */
public class InvalidInputException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param detail which value breaks which rule
	 */
	public InvalidInputException(String detail) {
		super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "INVALID_INPUT", detail), null);
	}

}
