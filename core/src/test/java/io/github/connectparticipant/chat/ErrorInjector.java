package io.github.connectparticipant.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes the next call of an operation, or the next WebSocket opening, fail as the JDK and
 * the SDK can fail beyond their exceptions: with an {@link Error}, or with a future that
 * never completes. As an SDK interceptor it fails a service call before it is sent; as a
 * wrapper of a session's socket opener it fails an opening.
 */
final class ErrorInjector implements ExecutionInterceptor {

	private final Map<String, Supplier<? extends Error>> armed = new ConcurrentHashMap<>();

	private final AtomicInteger openings = new AtomicInteger();

	private volatile OpeningFault openingFault = OpeningFault.NONE;

	/**
	 * The next call of the operation throws the error.
	 */
	void failNextCall(String operation, Supplier<? extends Error> error) {
		this.armed.put(operation, error);
	}

	/**
	 * The next WebSocket opening fails as given.
	 */
	void failNextOpening(OpeningFault fault) {
		this.openingFault = fault;
	}

	/**
	 * Return the WebSocket openings asked for so far.
	 */
	int openings() {
		return this.openings.get();
	}

	/**
	 * Wrap a session runtime's socket opener.
	 */
	UnaryOperator<SessionRuntime.SocketOpener> openers() {
		return (opener) -> (uri, listener) -> {
			this.openings.incrementAndGet();
			OpeningFault fault = this.openingFault;
			this.openingFault = OpeningFault.NONE;
			return switch (fault) {
				case NONE -> opener.open(uri, listener);
				case THROWS_ERROR -> throw new InternalError("thrown by the WebSocket client");
				case NEVER_COMPLETES -> new CompletableFuture<>();
			};
		};
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		Supplier<? extends Error> error = (operation != null) ? this.armed.remove(operation) : null;
		if (error != null) {
			throw error.get();
		}
	}

	/**
	 * How a WebSocket opening fails.
	 */
	enum OpeningFault {

		NONE,

		/** The client throws an {@link InternalError} instead of returning a future. */
		THROWS_ERROR,

		/** The client's future never completes. */
		NEVER_COMPLETES

	}

}
