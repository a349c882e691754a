package io.github.connectparticipant.observation;

import io.github.connectparticipant.ParticipantOperation;

/**
 * The context of {@link ParticipantObservationDocumentation#ATTEMPT}: one attempt of one
 * call, such as the second attempt of {@code StartAttachmentUpload}.
 */
public class AttemptObservationContext extends ParticipantObservationContext {

	private final ParticipantOperation call;

	private final int attempt;

	private final int maxAttempts;

	/**
	 * Create a context.
	 * @param call the call attempted
	 * @param attempt this attempt's number, starting at 1
	 * @param maxAttempts how many attempts the call may make
	 */
	public AttemptObservationContext(ParticipantOperation call, int attempt, int maxAttempts) {
		super(call.operationName());
		this.call = call;
		this.attempt = attempt;
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Return the call attempted.
	 * @return the call
	 */
	public ParticipantOperation getCall() {
		return this.call;
	}

	/**
	 * Return this attempt's number.
	 * @return the number, starting at 1
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Return how many attempts the call may make.
	 * @return the maximum
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

}
