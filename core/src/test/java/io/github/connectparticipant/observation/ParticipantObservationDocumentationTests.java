package io.github.connectparticipant.observation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.observation.ParticipantObservationContext.Outcome;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.ObservationConvention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation names every observation and every key the default conventions emit,
 * in every state of a context, and nothing they do not emit.
 */
class ParticipantObservationDocumentationTests {

	@Test
	void theOperationConventionEmitsExactlyTheDocumentedKeys() {
		DefaultOperationObservationConvention convention = new DefaultOperationObservationConvention();
		assertThat(convention.getName()).isEqualTo(ParticipantObservationDocumentation.OPERATION.getName());
		for (OperationObservationContext context : List.of(new OperationObservationContext("attachment.upload"),
				succeeded(new OperationObservationContext("attachment.upload")),
				failed(new OperationObservationContext("transcript.page")))) {
			assertEmitsDocumentedKeys(ParticipantObservationDocumentation.OPERATION, convention, context);
		}
	}

	@Test
	void theAttemptConventionEmitsExactlyTheDocumentedKeys() {
		DefaultAttemptObservationConvention convention = new DefaultAttemptObservationConvention();
		assertThat(convention.getName()).isEqualTo(ParticipantObservationDocumentation.ATTEMPT.getName());
		for (ParticipantOperation call : ParticipantOperation.values()) {
			for (AttemptObservationContext context : List.of(new AttemptObservationContext(call, 1, 4),
					succeeded(new AttemptObservationContext(call, 2, 4)),
					failed(new AttemptObservationContext(call, 4, 4)))) {
				assertEmitsDocumentedKeys(ParticipantObservationDocumentation.ATTEMPT, convention, context);
			}
		}
	}

	@Test
	void aRunningContextHasAnUnknownOutcomeAndNoError() {
		KeyValues values = new DefaultOperationObservationConvention()
			.getLowCardinalityKeyValues(new OperationObservationContext("attachment.status"));
		assertThat(values).containsExactlyInAnyOrder(KeyValue.of("operation", "attachment.status"),
				KeyValue.of("outcome", "unknown"), KeyValue.of("error.code", "none"));
	}

	private static <T extends ParticipantObservationContext> void assertEmitsDocumentedKeys(
			ParticipantObservationDocumentation documentation, ObservationConvention<T> convention, T context) {
		assertThat(convention.supportsContext(context)).isTrue();
		assertThat(keys(convention.getLowCardinalityKeyValues(context)))
			.isEqualTo(names(documentation.getLowCardinalityKeyNames()));
		assertThat(keys(convention.getHighCardinalityKeyValues(context)))
			.isEqualTo(names(documentation.getHighCardinalityKeyNames()));
	}

	private static <T extends ParticipantObservationContext> T succeeded(T context) {
		context.succeeded();
		return context;
	}

	private static <T extends ParticipantObservationContext> T failed(T context) {
		context.failed(Outcome.ERROR, "ThrottlingException");
		return context;
	}

	private static Set<String> keys(KeyValues values) {
		Set<String> keys = new HashSet<>();
		values.forEach((value) -> keys.add(value.getKey()));
		return keys;
	}

	private static Set<String> names(KeyName[] names) {
		Set<String> result = new HashSet<>();
		Arrays.stream(names).forEach((name) -> result.add(name.asString()));
		return result;
	}

}
