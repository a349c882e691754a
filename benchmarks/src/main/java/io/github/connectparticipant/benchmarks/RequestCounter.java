package io.github.connectparticipant.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP answers an SDK client receives, by operation and status: every attempt,
 * the SDK's own retries included.
 */
public final class RequestCounter implements ExecutionInterceptor {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
		String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		this.counts.computeIfAbsent(operation + " " + context.httpResponse().statusCode(), (key) -> new LongAdder())
			.increment();
	}

	/** Answers with this status to requests of this operation. */
	public long count(String operation, int status) {
		LongAdder adder = this.counts.get(operation + " " + status);
		return (adder != null) ? adder.sum() : 0;
	}

	/** Answers of any status to requests of this operation. */
	public long total(String operation) {
		long total = 0;
		for (Map.Entry<String, LongAdder> entry : this.counts.entrySet()) {
			if (entry.getKey().startsWith(operation + " ")) {
				total += entry.getValue().sum();
			}
		}
		return total;
	}

	public void reset() {
		this.counts.clear();
	}

}
