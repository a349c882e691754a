package io.github.connectparticipant.retry;

import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.observation.ParticipantObservationDocumentation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.LogCapture;
import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.QuotaExceededException;
import io.github.connectparticipant.RecordedObservations;
import io.github.connectparticipant.RequestConflictException;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.TestClients;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.AccessDeniedException;
import software.amazon.awssdk.services.connectparticipant.model.ThrottlingException;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry layer on its own, fed failures of the kinds the SDK and the HTTP client
 * throw. The wire behaviour is proven against the emulator in the integration tests.
 */
class RetryExecutorTests {

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	private final RetryExecutor executor = TestClients.executor(this.settings);

	@Test
	void retriesThrottlingServerAndIoErrorsUntilSuccess() {
		List<Exception> failures = List.of(throttling(), serverError(), new IOException("connection reset"));
		AtomicInteger attempts = new AtomicInteger();
		String result = this.executor.call(ParticipantOperation.GET_TRANSCRIPT, (context) -> {
			int number = attempts.incrementAndGet();
			assertThat(context.number()).isEqualTo(number);
			if (number <= failures.size()) {
				throw failures.get(number - 1);
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(attempts).hasValue(4);
	}

	@Test
	void theSecondAttemptWaitsForTheBackoffAfterAFirstAttemptThatFailed() {
		RetryExecutor slow = TestClients.executor(TestClients.fastSettings()
			.initialBackoff(Duration.ofMillis(300))
			.maxBackoff(Duration.ofMillis(300))
			.build());
		List<Long> starts = new ArrayList<>();
		String result = slow.call(ParticipantOperation.GET_TRANSCRIPT, (context) -> {
			starts.add(System.nanoTime());
			if (context.isFirst()) {
				throw throttling();
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(starts).hasSize(2);
		// the backoff is a lower bound: ExponentialRandomBackOffPolicy only ever adds
		// jitter
		assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void exhaustedRetriesSayHowManyAttemptsWereMade() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> this.executor.call(ParticipantOperation.SEND_MESSAGE, (context) -> {
				attempts.incrementAndGet();
				throw throttling();
			}))
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(4);
				assertThat(ex.getOperation()).isEqualTo("SendMessage");
				assertThat(ex.getErrorCode()).isEqualTo("ThrottlingException");
				assertThat(ex.getRequestId()).isEqualTo("request-1");
				assertThat(ex.getMessage()).contains("after 4 attempts").contains("Rate exceeded");
			});
		assertThat(attempts).hasValue(4);
	}

	@Test
	void clientErrorsAreNotRetriedAndKeepTheirMeaning() {
		assertNotRetried(sdkError(ValidationException.builder(), 400, "ValidationException"),
				InvalidRequestException.class);
		assertNotRetried(sdkError(AccessDeniedException.builder(), 403, "AccessDeniedException"),
				ParticipantAccessDeniedException.class);
		assertNotRetried(new HttpStatusException(402, "ServiceQuotaExceededException", "too many", null, false),
				QuotaExceededException.class);
		assertNotRetried(HttpStatusException.of(409, "", null), RequestConflictException.class);
		assertNotRetried(HttpStatusException.of(403,
				"<Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error>", "r-9"),
				ParticipantAccessDeniedException.class);
		assertNotRetried(SdkClientException.create("Unable to unmarshall response"), ConnectParticipantException.class);
	}

	@Test
	void programmingErrorsAndErrorsAreNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		IllegalStateException bug = new IllegalStateException("a bug");
		assertThatThrownBy(() -> this.executor.call(ParticipantOperation.SEND_EVENT, (context) -> {
			attempts.incrementAndGet();
			throw bug;
		})).isSameAs(bug);
		assertThat(attempts).hasValue(1);
		StackOverflowError error = new StackOverflowError();
		assertThatThrownBy(() -> this.executor.call(ParticipantOperation.SEND_EVENT, (context) -> {
			attempts.incrementAndGet();
			throw error;
		})).isSameAs(error);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void maxAttemptsBoundsTheAttemptsOfEveryCall() {
		for (int maxAttempts : new int[] { 1, 2, 5 }) {
			RetryExecutor executor = TestClients.executor(TestClients.fastSettings().maxAttempts(maxAttempts).build());
			for (int call = 0; call < 2; call++) {
				AtomicInteger attempts = new AtomicInteger();
				assertThatExceptionOfType(RetriesExhaustedException.class)
					.isThrownBy(() -> executor.call(ParticipantOperation.SEND_EVENT, (context) -> {
						assertThat(context.maxAttempts()).isEqualTo(maxAttempts);
						attempts.incrementAndGet();
						throw serverError();
					}))
					.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(maxAttempts));
				assertThat(attempts).hasValue(maxAttempts);
				Integer number = executor.call(ParticipantOperation.SEND_EVENT, (context) -> context.number());
				assertThat(number).isEqualTo(1);
			}
		}
	}

	private void assertNotRetried(Exception failure, Class<? extends ConnectParticipantException> expected) {
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> this.executor.call(ParticipantOperation.SEND_EVENT, (context) -> {
			attempts.incrementAndGet();
			throw failure;
		})).isExactlyInstanceOf(expected).satisfies((ex) -> {
			assertThat(((ConnectParticipantException) ex).getAttempts()).isEqualTo(1);
			assertThat(ex.getCause()).isSameAs(failure);
		});
		assertThat(attempts).hasValue(1);
	}

	@Test
	void sdkClientErrorsCausedByIoAreRetried() {
		AtomicInteger attempts = new AtomicInteger();
		this.executor.call(ParticipantOperation.SEND_EVENT, (context) -> {
			if (attempts.incrementAndGet() == 1) {
				throw SdkClientException.create("Unable to execute HTTP request",
						new java.net.SocketException("reset"));
			}
			return null;
		});
		assertThat(attempts).hasValue(2);
	}

	@Test
	void transfersRetryServerErrorsAndTimeoutsButNotForbidden() {
		AtomicInteger attempts = new AtomicInteger();
		this.executor.transfer(ParticipantOperation.UPLOAD_OBJECT, (context) -> {
			int number = attempts.incrementAndGet();
			if (number == 1) {
				throw HttpStatusException.of(503, "<Error><Code>SlowDown</Code></Error>", null);
			}
			if (number == 2) {
				throw new HttpTimeoutException("request timed out");
			}
			return null;
		});
		assertThat(attempts).hasValue(3);
	}

	@Test
	void callTimeoutBoundsAllAttempts() {
		RetryExecutor patient = TestClients
			.executor(TestClients.fastSettings().maxAttempts(1000).callTimeout(Duration.ofMillis(300)).build());
		List<Duration> timeouts = new ArrayList<>();
		long start = System.nanoTime();
		assertThatExceptionOfType(OperationTimeoutException.class)
			.isThrownBy(() -> patient.call(ParticipantOperation.SEND_EVENT, (context) -> {
				timeouts.add(context.timeout());
				Thread.sleep(20);
				throw new IOException("reset");
			}))
			.withMessageContaining("callTimeout")
			.withMessageContaining("IOException");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(timeouts).hasSizeGreaterThan(1)
			.allSatisfy((timeout) -> assertThat(timeout).isLessThanOrEqualTo(Duration.ofMillis(300)));
	}

	@Test
	void messagesNeverCarryUrlQueries() {
		String url = "http://127.0.0.1:1234/attachments/c/a?X-Amz-Signature=secret-signature&X-Amz-Expires=300";
		assertThatThrownBy(() -> this.executor.call(ParticipantOperation.SEND_EVENT, (context) -> {
			throw new IllegalStateException("could not reach " + url);
		})).isInstanceOf(IllegalStateException.class);
		assertThat(Failures.redact("GET " + url + " failed"))
			.isEqualTo("GET http://127.0.0.1:1234/attachments/c/a?<redacted> failed");
		assertThatThrownBy(() -> this.executor.call(ParticipantOperation.SEND_EVENT, (context) -> {
			throw SdkClientException.create("Unable to execute HTTP request to " + url, new IOException(url));
		})).isInstanceOf(RetriesExhaustedException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret-signature").contains("<redacted>"));
	}

	@Test
	void eachOperationAndAttemptIsObserved() {
		RecordedObservations observations = new RecordedObservations();
		RetryExecutor observed = TestClients.executor(this.settings, observations.registry());
		AtomicInteger attempts = new AtomicInteger();
		observed.observe("transcript.page", () -> observed.call(ParticipantOperation.GET_TRANSCRIPT, (context) -> {
			if (attempts.incrementAndGet() == 1) {
				throw throttling();
			}
			return null;
		}));
		List<Observation.Context> contexts = observations.started();
		assertThat(contexts).extracting(Observation.Context::getName)
			.containsExactly(ParticipantObservationDocumentation.OPERATION.getName(),
					ParticipantObservationDocumentation.ATTEMPT.getName(),
					ParticipantObservationDocumentation.ATTEMPT.getName());
		assertThat(observations.stopped()).hasSize(3);
		assertThat(lowCardinality(contexts.get(0))).containsEntry("operation", "transcript.page")
			.containsEntry("outcome", "success")
			.containsEntry("error.code", "none");
		assertThat(lowCardinality(contexts.get(1))).containsEntry("operation", "GetTranscript")
			.containsEntry("outcome", "retry")
			.containsEntry("error.code", "ThrottlingException");
		assertThat(contexts.get(1).getError()).isInstanceOf(ThrottlingException.class);
		assertThat(lowCardinality(contexts.get(2))).containsEntry("outcome", "success");
		assertThat(observations.registry().getCurrentObservation()).isNull();
	}

	@Test
	void failedOperationsAreObservedWithTheirErrorCode() {
		RecordedObservations observations = new RecordedObservations();
		RetryExecutor observed = TestClients.executor(this.settings, observations.registry());
		assertThatThrownBy(() -> observed.observe("upload",
				() -> observed.call(ParticipantOperation.START_ATTACHMENT_UPLOAD, (context) -> {
					throw sdkError(ValidationException.builder(), 400, "ValidationException");
				})))
			.isInstanceOf(InvalidRequestException.class);
		Observation.Context operation = observations.started().get(0);
		assertThat(lowCardinality(operation)).containsEntry("outcome", "error")
			.containsEntry("error.code", "ValidationException");
		assertThat(lowCardinality(observations.started().get(1))).containsEntry("outcome", "error");
	}

	@Test
	void warnsOnceAtTheFirstAttemptWhenTheSdkClientItIsGivenRetriesByItself() {
		try (LogCapture logs = LogCapture.start(Level.WARN, "io.github.connectparticipant");
				ConnectParticipantClient retrying = retryingClient();
				ConnectParticipantClient quiet = TestClients.participant(URI.create("http://127.0.0.1:9"))) {
			List<RetryExecutor> executors = new ArrayList<>();
			for (ConnectParticipantClient client : List.of(retrying, retrying, quiet)) {
				executors.add(new RetryExecutor(this.settings, ObservationRegistry.NOOP,
						new RequestPacer(this.settings), client));
			}
			// the client may be a proxy that builds it on first use: nothing reads it
			// before
			assertThat(logs.lines()).isEmpty();
			for (RetryExecutor executor : executors) {
				executor.call(ParticipantOperation.GET_TRANSCRIPT, (context) -> "read");
				executor.call(ParticipantOperation.GET_TRANSCRIPT, (context) -> "read again");
			}
			assertThat(logs.lines()).singleElement().asString().contains("retries by itself").contains("doNotRetry");
		}
	}

	/**
	 * A client with the SDK's default retries (nothing is sent to its endpoint).
	 */
	private static ConnectParticipantClient retryingClient() {
		return ConnectParticipantClient.builder()
			.region(Region.US_WEST_2)
			.endpointOverride(URI.create("http://127.0.0.1:9"))
			.credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
			.httpClientBuilder(software.amazon.awssdk.http.apache5.Apache5HttpClient.builder())
			.build();
	}

	private static java.util.Map<String, String> lowCardinality(Observation.Context context) {
		return RecordedObservations.lowCardinality(context);
	}

	private static ThrottlingException throttling() {
		return (ThrottlingException) ThrottlingException.builder()
			.statusCode(429)
			.requestId("request-1")
			.awsErrorDetails(
					AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
			.build();
	}

	private static Exception serverError() {
		return software.amazon.awssdk.services.connectparticipant.model.InternalServerException.builder()
			.statusCode(500)
			.awsErrorDetails(
					AwsErrorDetails.builder().errorCode("InternalServerException").errorMessage("oops").build())
			.build();
	}

	private static Exception sdkError(software.amazon.awssdk.awscore.exception.AwsServiceException.Builder builder,
			int status, String code) {
		return builder.statusCode(status)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build())
			.build();
	}

}
