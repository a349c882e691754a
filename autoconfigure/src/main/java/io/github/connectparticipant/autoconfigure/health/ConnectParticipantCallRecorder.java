package io.github.connectparticipant.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Keeps how the library's recent calls went, per path (attachments, transcripts), from
 * its observations: the outcome of each logical operation and whether attempts were
 * throttled. Only counts and error codes are kept, never tokens or URLs.
 */
public class ConnectParticipantCallRecorder implements ObservationHandler<Observation.Context> {

	static final String OPERATION_OBSERVATION = "connect.participant.operation";

	static final String ATTEMPT_OBSERVATION = "connect.participant.attempt";

	private static final int CAPACITY = 200;

	private final Clock clock;

	private final Duration window;

	private final PathCalls attachments = new PathCalls();

	private final PathCalls transcripts = new PathCalls();

	/**
	 * Create a recorder that looks back over the given window.
	 * @param window how far back calls count
	 */
	public ConnectParticipantCallRecorder(Duration window) {
		this(window, Clock.systemUTC());
	}

	ConnectParticipantCallRecorder(Duration window, Clock clock) {
		this.window = window;
		this.clock = clock;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		String name = context.getName();
		return OPERATION_OBSERVATION.equals(name) || ATTEMPT_OBSERVATION.equals(name);
	}

	@Override
	public void onStop(Observation.Context context) {
		String operation = value(context, "operation");
		String outcome = value(context, "outcome");
		String code = value(context, "error.code");
		if (operation == null || outcome == null) {
			return;
		}
		PathCalls calls = path(context.getName(), operation);
		if (calls == null) {
			return;
		}
		Instant now = this.clock.instant();
		if (ATTEMPT_OBSERVATION.equals(context.getName())) {
			if (code != null && isThrottling(code)) {
				calls.throttled(now);
			}
			return;
		}
		calls.record(now, "success".equals(outcome), "success".equals(outcome) ? null : code);
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

	private @Nullable PathCalls path(String observation, String operation) {
		if (OPERATION_OBSERVATION.equals(observation)) {
			if (operation.startsWith("attachment.")) {
				return this.attachments;
			}
			return operation.startsWith("transcript.") ? this.transcripts : null;
		}
		return switch (operation) {
			case "StartAttachmentUpload", "CompleteAttachmentUpload", "GetAttachment", "UploadObject",
					"DownloadObject" ->
				this.attachments;
			case "GetTranscript" -> this.transcripts;
			default -> null;
		};
	}

	private static boolean isThrottling(String code) {
		String lower = code.toLowerCase(Locale.ROOT);
		return lower.contains("throttl") || lower.equals("slowdown") || lower.equals("429")
				|| lower.contains("toomanyrequests");
	}

	private static @Nullable String value(Observation.Context context, String key) {
		KeyValue keyValue = context.getLowCardinalityKeyValue(key);
		return (keyValue != null) ? keyValue.getValue() : null;
	}

	/**
	 * Recent calls of one path.
	 * @param calls logical operations in the window
	 * @param failures failed operations in the window
	 * @param throttledAttempts attempts answered with throttling in the window
	 * @param lastSuccess time of the last successful operation, if any
	 * @param lastFailure time of the last failed operation, if any
	 * @param lastErrorCode error code of the last failure, if any
	 * @param consecutiveFailures failures since the last success
	 */
	public record Snapshot(int calls, int failures, int throttledAttempts, @Nullable Instant lastSuccess,
			@Nullable Instant lastFailure, @Nullable String lastErrorCode, int consecutiveFailures) {

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

		private int consecutiveFailures;

		synchronized void record(Instant time, boolean success, @Nullable String code) {
			this.calls.addLast(new Call(time, success));
			if (this.calls.size() > CAPACITY) {
				this.calls.removeFirst();
			}
			if (success) {
				this.lastSuccess = time;
				this.consecutiveFailures = 0;
			}
			else {
				this.lastFailure = time;
				this.lastErrorCode = code;
				this.consecutiveFailures++;
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
			for (Call call : this.calls) {
				if (!call.time().isBefore(since)) {
					total++;
					failures += call.success() ? 0 : 1;
				}
			}
			int throttled = (int) this.throttles.stream().filter((t) -> !t.isBefore(since)).count();
			return new Snapshot(total, failures, throttled, this.lastSuccess, this.lastFailure, this.lastErrorCode,
					this.consecutiveFailures);
		}

	}

	private record Call(Instant time, boolean success) {
	}

}
