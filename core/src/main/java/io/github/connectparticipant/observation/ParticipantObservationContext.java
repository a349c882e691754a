package io.github.connectparticipant.observation;

import java.util.Locale;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * What the library's observations have in common: the operation observed, and once it
 * ended, its outcome and error code. Never carries tokens or URLs.
 *
 * @see OperationObservationContext
 * @see AttemptObservationContext
 */
public abstract class ParticipantObservationContext extends Observation.Context {

	private final String operation;

	private Outcome outcome = Outcome.UNKNOWN;

	private @Nullable String errorCode;

	/**
	 * Create a context.
	 * @param operation the operation observed
	 */
	protected ParticipantObservationContext(String operation) {
		Assert.hasText(operation, "operation must not be empty");
		this.operation = operation;
	}

	/**
	 * Return the operation observed: a service method such as {@code attachment.upload}
	 * for an operation, the call's name such as {@code StartAttachmentUpload} for an
	 * attempt.
	 * @return the operation's name
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Return how the observed work ended.
	 * @return the outcome, {@link Outcome#UNKNOWN} while it runs
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Return the error code of a failure: the service's (such as
	 * {@code ThrottlingException}), else the exception's simple class name.
	 * @return the error code, or {@code null} unless the work failed
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Record that the work succeeded.
	 */
	public void succeeded() {
		this.outcome = Outcome.SUCCESS;
		this.errorCode = null;
	}

	/**
	 * Record that the work failed.
	 * @param outcome {@link Outcome#RETRY} or {@link Outcome#ERROR}
	 * @param errorCode the failure's error code
	 */
	public void failed(Outcome outcome, String errorCode) {
		Assert.isTrue(outcome == Outcome.RETRY || outcome == Outcome.ERROR, "outcome must be RETRY or ERROR");
		Assert.hasText(errorCode, "errorCode must not be empty");
		this.outcome = outcome;
		this.errorCode = errorCode;
	}

	/**
	 * How observed work ended.
	 */
	public enum Outcome {

		/** The work has not ended yet. */
		UNKNOWN,

		/** The work succeeded. */
		SUCCESS,

		/** An attempt failed in a way worth another attempt, which follows. */
		RETRY,

		/** The work failed for good. */
		ERROR;

		private final String value = name().toLowerCase(Locale.ROOT);

		/**
		 * Return the outcome as a key value: {@code success}, {@code retry},
		 * {@code error} or {@code unknown}.
		 * @return the value
		 */
		public String value() {
			return this.value;
		}

	}

}
