package io.github.connectparticipant.observation;

import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.observation.ParticipantObservationContext.Outcome;
import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default conventions' values and contextual names follow the context they are asked
 * for, whatever the contexts asked before: outcomes, error codes, attempt numbers and
 * operation names.
 */
class DefaultObservationConventionsTests {

	private final DefaultOperationObservationConvention operations = new DefaultOperationObservationConvention();

	private final DefaultAttemptObservationConvention attempts = new DefaultAttemptObservationConvention();

	@Test
	void anOperationsValuesFollowItsOutcome() {
		OperationObservationContext context = new OperationObservationContext("transcript.page");
		assertThat(this.operations.getContextualName(context)).isEqualTo("connect-participant transcript.page");
		context.succeeded();
		assertThat(this.operations.getLowCardinalityKeyValues(context)).containsExactlyInAnyOrder(
				KeyValue.of("operation", "transcript.page"), KeyValue.of("outcome", "success"),
				KeyValue.of("error.code", "none"));
		context.failed(Outcome.ERROR, "ResourceNotFoundException");
		assertThat(this.operations.getLowCardinalityKeyValues(context)).containsExactlyInAnyOrder(
				KeyValue.of("operation", "transcript.page"), KeyValue.of("outcome", "error"),
				KeyValue.of("error.code", "ResourceNotFoundException"));
		OperationObservationContext other = new OperationObservationContext("transcript.page");
		other.failed(Outcome.ERROR, "AccessDeniedException");
		assertThat(this.operations.getLowCardinalityKeyValues(other))
			.contains(KeyValue.of("error.code", "AccessDeniedException"));
	}

	@Test
	void anAttemptsValuesFollowItsCallOutcomeAndNumber() {
		for (int number = 1; number <= 40; number++) {
			AttemptObservationContext context = new AttemptObservationContext(ParticipantOperation.GET_TRANSCRIPT,
					number, 40);
			context.failed(Outcome.RETRY, "ThrottlingException");
			assertThat(this.attempts.getContextualName(context)).isEqualTo("connect-participant GetTranscript attempt");
			assertThat(this.attempts.getHighCardinalityKeyValues(context))
				.containsExactly(KeyValue.of("attempt", Integer.toString(number)));
			assertThat(this.attempts.getLowCardinalityKeyValues(context)).containsExactlyInAnyOrder(
					KeyValue.of("operation", "GetTranscript"), KeyValue.of("outcome", "retry"),
					KeyValue.of("error.code", "ThrottlingException"));
		}
	}

	@Test
	void everyOperationNameGetsItsOwnValuesBeyondTheOnesKept() {
		for (int i = 0; i < 500; i++) {
			String operation = "custom.operation" + i;
			OperationObservationContext context = new OperationObservationContext(operation);
			context.succeeded();
			assertThat(this.operations.getContextualName(context)).isEqualTo("connect-participant " + operation);
			assertThat(this.operations.getLowCardinalityKeyValues(context))
				.contains(KeyValue.of("operation", operation), KeyValue.of("outcome", "success"));
		}
	}

}
