package io.github.connectparticipant.attachment;

import io.github.connectparticipant.InvalidRequestException;

/**
 * An upload was refused before anything was sent, because its content, size, type or name
 * breaks one of the rules Amazon Connect applies. {@link #getRule()} says which; the
 * message gives the limit. The one rule found while sending is {@link Rule#SIZE_MISMATCH}
 * of a file or resource that changed after it was checked: the PUT is then broken off
 * before its last byte, so nothing is stored.
 */
public class InvalidAttachmentException extends InvalidRequestException {

	private static final long serialVersionUID = 1L;

	private final Rule rule;

	/**
	 * Create a new exception.
	 * @param rule the rule broken
	 * @param message which value broke it, and the limit
	 */
	public InvalidAttachmentException(Rule rule, String message) {
		super(rule.name() + ": " + message + ". Nothing was sent", "upload", null, null, 0, null);
		this.rule = rule;
	}

	/**
	 * Create a new exception for a rule found broken while sending, when the request was
	 * broken off.
	 * @param rule the rule broken
	 * @param message which value broke it, and what became of the request
	 * @param operation the operation broken off
	 */
	InvalidAttachmentException(Rule rule, String message, String operation) {
		super(rule.name() + ": " + message, operation, null, null, 0, null);
		this.rule = rule;
	}

	/**
	 * Return the rule the upload broke.
	 * @return the rule
	 */
	public Rule getRule() {
		return this.rule;
	}

	/**
	 * The rules an upload is checked against before anything is sent.
	 */
	public enum Rule {

		/**
		 * The content is empty.
		 */
		EMPTY,

		/**
		 * The content is larger than the configured maximum (at most 100 MB).
		 */
		TOO_LARGE,

		/**
		 * The content type, given or derived from the name's extension, is not in the
		 * allow-list.
		 */
		TYPE_NOT_ALLOWED,

		/**
		 * The name is empty.
		 */
		NAME_EMPTY,

		/**
		 * The name is longer than 256 characters.
		 */
		NAME_TOO_LONG,

		/**
		 * The name contains control characters.
		 */
		NAME_CONTROL_CHARACTERS,

		/**
		 * A stream held fewer or more bytes than its declared length.
		 */
		SIZE_MISMATCH,

		/**
		 * The content could not be read.
		 */
		UNREADABLE

	}

}
