package io.github.connectparticipant.observation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import io.github.connectparticipant.ConnectParticipantException;

/**
 * Starts the library's observations ({@link ParticipantObservationDocumentation}) with
 * their conventions: a custom one when set, else a {@code GlobalObservationConvention}
 * the registry holds for the context, else the default.
 */
public final class ParticipantObservations {

	private static final OperationObservationConvention DEFAULT_OPERATION_CONVENTION = new DefaultOperationObservationConvention();

	private static final AttemptObservationConvention DEFAULT_ATTEMPT_CONVENTION = new DefaultAttemptObservationConvention();

	private final ObservationRegistry registry;

	private @Nullable OperationObservationConvention operationConvention;

	private @Nullable AttemptObservationConvention attemptConvention;

	/**
	 * Create observations reported to a registry.
	 * @param registry where to report observations ({@link ObservationRegistry#NOOP} for
	 * none)
	 */
	public ParticipantObservations(ObservationRegistry registry) {
		Assert.notNull(registry, "registry is required");
		this.registry = registry;
	}

	/**
	 * Set the convention of {@link ParticipantObservationDocumentation#OPERATION}, in
	 * place of the registry's and the default.
	 * @param convention the convention, or {@code null} for the registry's or the default
	 */
	public void setOperationConvention(@Nullable OperationObservationConvention convention) {
		this.operationConvention = convention;
	}

	/**
	 * Set the convention of {@link ParticipantObservationDocumentation#ATTEMPT}, in place
	 * of the registry's and the default.
	 * @param convention the convention, or {@code null} for the registry's or the default
	 */
	public void setAttemptConvention(@Nullable AttemptObservationConvention convention) {
		this.attemptConvention = convention;
	}

	/**
	 * Start the observation of an operation.
	 * @param context the operation's context
	 * @return the started observation
	 */
	public Observation start(OperationObservationContext context) {
		return ParticipantObservationDocumentation.OPERATION.start(this.operationConvention,
				DEFAULT_OPERATION_CONVENTION, () -> context, this.registry);
	}

	/**
	 * Start the observation of an attempt.
	 * @param context the attempt's context
	 * @return the started observation
	 */
	public Observation start(AttemptObservationContext context) {
		return ParticipantObservationDocumentation.ATTEMPT.start(this.attemptConvention, DEFAULT_ATTEMPT_CONVENTION,
				() -> context, this.registry);
	}

	/**
	 * Run one operation, observed as
	 * {@link ParticipantObservationDocumentation#OPERATION}.
	 * @param <T> the result type
	 * @param operation the service method, such as {@code attachment.status}
	 * @param action the operation
	 * @return the action's result
	 */
	public <T> T observe(String operation, Supplier<T> action) {
		return observe(operation, action, (context, result) -> {
		});
	}

	/**
	 * Run one operation that uploads attachment bytes, observed as
	 * {@link ParticipantObservationDocumentation#OPERATION} with the bytes its result
	 * reports.
	 * @param <T> the result type
	 * @param operation the service method, such as {@code attachment.upload}
	 * @param action the operation
	 * @param bytes the bytes a result uploaded
	 * @return the action's result
	 */
	public <T> T observeUpload(String operation, Supplier<T> action, ToLongFunction<? super T> bytes) {
		return observe(operation, action, (context, result) -> context.addUploadedBytes(bytes.applyAsLong(result)));
	}

	/**
	 * Run one operation that downloads attachment bytes, observed as
	 * {@link ParticipantObservationDocumentation#OPERATION} with the bytes its result
	 * reports.
	 * @param <T> the result type
	 * @param operation the service method, such as {@code attachment.download}
	 * @param action the operation
	 * @param bytes the bytes a result downloaded
	 * @return the action's result
	 */
	public <T> T observeDownload(String operation, Supplier<T> action, ToLongFunction<? super T> bytes) {
		return observe(operation, action, (context, result) -> context.addDownloadedBytes(bytes.applyAsLong(result)));
	}

	/**
	 * Open a stream of attachment bytes, observed as
	 * {@link ParticipantObservationDocumentation#OPERATION} from opening to closing, with
	 * the bytes read from it.
	 * @param operation the service method, such as {@code attachment.open}
	 * @param open opens the stream
	 * @return the stream, which stops the observation when closed
	 */
	public InputStream observeStream(String operation, Supplier<InputStream> open) {
		OperationObservationContext context = new OperationObservationContext(operation);
		Observation observation = start(context);
		InputStream stream;
		try (Observation.Scope scope = observation.openScope()) {
			stream = open.get();
		}
		catch (RuntimeException | Error ex) {
			stop(observation, context, ex);
			throw ex;
		}
		return new ObservedStream(stream, observation, context);
	}

	/**
	 * Return whether observations go nowhere: their contexts need not be made.
	 * @return whether the registry is a no-op
	 */
	public boolean isNoop() {
		return this.registry.isNoop();
	}

	private <T> T observe(String operation, Supplier<T> action, OnSuccess<T> onSuccess) {
		if (isNoop()) {
			return action.get();
		}
		OperationObservationContext context = new OperationObservationContext(operation);
		Observation observation = start(context);
		Throwable failure = null;
		try (Observation.Scope scope = observation.openScope()) {
			T result = action.get();
			onSuccess.record(context, result);
			return result;
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			stop(observation, context, failure);
		}
	}

	private static void stop(Observation observation, OperationObservationContext context,
			@Nullable Throwable failure) {
		if (failure == null) {
			context.succeeded();
		}
		else {
			String code = (failure instanceof ConnectParticipantException library && library.getErrorCode() != null)
					? library.getErrorCode() : failure.getClass().getSimpleName();
			context.failed(ParticipantObservationContext.Outcome.ERROR, code);
			observation.error(failure);
		}
		observation.stop();
	}

	@FunctionalInterface
	private interface OnSuccess<T> {

		void record(OperationObservationContext context, T result);

	}

	/**
	 * Counts the bytes read and stops the observation when closed, with the first read
	 * failure if any.
	 */
	private static final class ObservedStream extends FilterInputStream {

		private final Observation observation;

		private final OperationObservationContext context;

		private @Nullable IOException failure;

		private boolean closed;

		ObservedStream(InputStream in, Observation observation, OperationObservationContext context) {
			super(in);
			this.observation = observation;
			this.context = context;
		}

		@Override
		public int read() throws IOException {
			try {
				int b = super.read();
				if (b >= 0) {
					this.context.addDownloadedBytes(1);
				}
				return b;
			}
			catch (IOException ex) {
				this.failure = (this.failure != null) ? this.failure : ex;
				throw ex;
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			try {
				int n = super.read(buffer, offset, length);
				if (n > 0) {
					this.context.addDownloadedBytes(n);
				}
				return n;
			}
			catch (IOException ex) {
				this.failure = (this.failure != null) ? this.failure : ex;
				throw ex;
			}
		}

		@Override
		public void close() throws IOException {
			if (this.closed) {
				return;
			}
			this.closed = true;
			try {
				super.close();
			}
			finally {
				stop(this.observation, this.context, this.failure);
			}
		}

	}

}
