package io.github.connectparticipant.autoconfigure.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import io.github.connectparticipant.OperationTimeoutException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.observation.AttemptObservationContext;
import io.github.connectparticipant.observation.ParticipantObservationContext;
import io.github.connectparticipant.observation.ParticipantObservationContext.Outcome;

/**
 * Keeps how the library's recent calls went, per path (attachments, transcripts), from
 * its observations: the outcome of each logical operation and whether attempts were
 * throttled. Only counts and error codes are kept, never tokens or URLs.
 * <p>
 * A failed operation is the service's failure when it ran out of retries (server errors,
 * throttling, I/O errors) or out of time: a {@link RetriesExhaustedException} or an
 * {@link OperationTimeoutException}. Everything else is the caller's: a file refused
 * before sending, a request the service refused as invalid, a rejected scan, access
 * denied for an ended chat, a conflict, a quota, a wrong argument. Those are counted, but
 * the service answered them as it should.
 */
public class ConnectParticipantCallRecorder implements ObservationHandler<ParticipantObservationContext> {

	private static final int CAPACITY = 200;

	private final InstantSource clock;

	private final Duration window;

	private final PathCalls attachments = new PathCalls();

	private final PathCalls transcripts = new PathCalls();

	/**
	 * Create a recorder that looks back over the given window.
	 * @param window how far back calls count
	 */
	public ConnectParticipantCallRecorder(Duration window) {
		this(window, InstantSource.system());
	}

	ConnectParticipantCallRecorder(Duration window, InstantSource clock) {
		this.window = window;
		this.clock = clock;
	}

	/**
	 * Only the observations of the paths kept (attachments, transcripts): the recorder
	 * takes no part in those of connections and chat messages, which Micrometer then
	 * calls it for at no step. A context's operation and call are fixed when it is made,
	 * as Micrometer asks here.
	 */
	@Override
	public boolean supportsContext(Observation.Context context) {
		if (context instanceof AttemptObservationContext attempt) {
			return path(attempt.getCall()) != null;
		}
		return context instanceof ParticipantObservationContext participant && path(participant.getOperation()) != null;
	}

	@Override
	public void onStop(ParticipantObservationContext context) {
		if (context instanceof AttemptObservationContext attempt) {
			// only a throttled attempt is kept: most attempts end here without the clock
			String code = attempt.getErrorCode();
			PathCalls calls = (code != null && isThrottling(code)) ? path(attempt.getCall()) : null;
			if (calls != null) {
				calls.throttled(this.clock.instant());
			}
			return;
		}
		PathCalls calls = path(context.getOperation());
		if (calls == null || context.getOutcome() == Outcome.UNKNOWN) {
			return;
		}
		boolean success = context.getOutcome() == Outcome.SUCCESS;
		Throwable error = context.getError();
		calls.record(this.clock.instant(), success, success ? null : context.getErrorCode(),
				!success && isServiceFailure(error), error);
	}

	private static boolean isServiceFailure(@Nullable Throwable error) {
		return error instanceof RetriesExhaustedException || error instanceof OperationTimeoutException;
	}

	/**
	 * What recent attachment calls look like.
	 * @return a snapshot
	 */
	public Snapshot attachments() {
		return this.attachments.snapshot(this.clock.instant().minus(this.window));
	}

	/**
	 * What recent transcript calls look like.
	 * @return a snapshot
	 */
	public Snapshot transcripts() {
		return this.transcripts.snapshot(this.clock.instant().minus(this.window));
	}

	private @Nullable PathCalls path(String operation) {
		if (operation.startsWith("attachment.")) {
			return this.attachments;
		}
		return operation.startsWith("transcript.") ? this.transcripts : null;
	}

	private @Nullable PathCalls path(ParticipantOperation call) {
		return switch (call) {
			case START_ATTACHMENT_UPLOAD, COMPLETE_ATTACHMENT_UPLOAD, GET_ATTACHMENT, UPLOAD_OBJECT, DOWNLOAD_OBJECT ->
				this.attachments;
			case GET_TRANSCRIPT -> this.transcripts;
			default -> null;
		};
	}

	private static boolean isThrottling(String code) {
		String lower = code.toLowerCase(Locale.ROOT);
		return lower.contains("throttl") || lower.equals("slowdown") || lower.equals("429")
				|| lower.contains("toomanyrequests");
	}

	/**
	 * Recent calls of one path.
	 *
	 * @param calls logical operations in the window
	 * @param failures failed operations in the window, the callers' mistakes included
	 * @param serviceFailures operations in the window that failed for the service's
	 * reasons
	 * @param throttledAttempts attempts answered with throttling in the window
	 * @param lastSuccess time of the last successful operation, if any
	 * @param lastFailure time of the last failed operation, if any
	 * @param lastErrorCode error code of the last failure, if any
	 * @param serviceFailuresSinceSuccess service failures in the window after the last
	 * success
	 */
	public record Snapshot(int calls, int failures, int serviceFailures, int throttledAttempts,
			@Nullable Instant lastSuccess, @Nullable Instant lastFailure, @Nullable String lastErrorCode,
			int serviceFailuresSinceSuccess) {

		/**
		 * Share of failed operations in the window, 0 when there were none.
		 * @return the error rate, 0 to 1
		 */
		public double errorRate() {
			return (this.calls == 0) ? 0 : (double) this.failures / this.calls;
		}

	}

	private static final class PathCalls {

		private final Deque<Call> calls = new ArrayDeque<>();

		private final Deque<Instant> throttles = new ArrayDeque<>();

		private @Nullable Instant lastSuccess;

		private @Nullable Instant lastFailure;

		private @Nullable String lastErrorCode;

		/**
		 * The failure recorded last: an operation that runs another one (an upload
		 * waiting for the scan) ends with the same exception, which counts once.
		 */
		private @Nullable Throwable lastError;

		synchronized void record(Instant time, boolean success, @Nullable String code, boolean serviceFailure,
				@Nullable Throwable error) {
			if (error != null && error == this.lastError) {
				return;
			}
			this.lastError = error;
			this.calls.addLast(new Call(time, success, serviceFailure));
			if (this.calls.size() > CAPACITY) {
				this.calls.removeFirst();
			}
			if (success) {
				this.lastSuccess = time;
			}
			else {
				this.lastFailure = time;
				this.lastErrorCode = code;
			}
		}

		synchronized void throttled(Instant time) {
			this.throttles.addLast(time);
			if (this.throttles.size() > CAPACITY) {
				this.throttles.removeFirst();
			}
		}

		synchronized Snapshot snapshot(Instant since) {
			int total = 0;
			int failures = 0;
			int serviceFailures = 0;
			int sinceSuccess = 0;
			for (Call call : this.calls) {
				if (!call.time().isBefore(since)) {
					total++;
					failures += call.success() ? 0 : 1;
					serviceFailures += call.serviceFailure() ? 1 : 0;
					if (call.success()) {
						sinceSuccess = 0;
					}
					else if (call.serviceFailure()) {
						sinceSuccess++;
					}
				}
			}
			int throttled = (int) this.throttles.stream().filter((t) -> !t.isBefore(since)).count();
			return new Snapshot(total, failures, serviceFailures, throttled, this.lastSuccess, this.lastFailure,
					this.lastErrorCode, sinceSuccess);
		}

	}

	private record Call(Instant time, boolean success, boolean serviceFailure) {
	}

}
