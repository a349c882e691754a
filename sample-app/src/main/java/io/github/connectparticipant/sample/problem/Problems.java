package io.github.connectparticipant.sample.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the application's problem details: the status's reason phrase as the title (the
 * type stays {@code about:blank}), a sentence saying what went wrong as the detail, and a
 * stable, machine-readable {@code code}.
 */
public final class Problems {

	/**
	 * Name of the problem detail member that holds the machine-readable code.
	 */
	public static final String CODE = "code";

	private Problems() {
	}

	/**
	 * Return a problem detail.
	 * @param status the HTTP status
	 * @param code a stable, machine-readable code such as {@code UNKNOWN_CHAT}
	 * @param detail what went wrong and what to do next
	 * @return the problem detail
	 */
	public static ProblemDetail of(HttpStatus status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty(CODE, code);
		return problem;
	}

}
