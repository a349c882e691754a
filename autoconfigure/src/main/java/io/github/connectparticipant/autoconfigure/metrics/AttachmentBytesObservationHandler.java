package io.github.connectparticipant.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.beans.factory.ObjectProvider;

import io.github.connectparticipant.observation.OperationObservationContext;

/**
 * Counts the attachment bytes each observed operation moved
 * ({@link OperationObservationContext#getUploadedBytes()},
 * {@link OperationObservationContext#getDownloadedBytes()}) in the {@value #BYTES_METER}
 * counter, tagged {@code direction=upload|download}, when the operation stops.
 */
public class AttachmentBytesObservationHandler implements ObservationHandler<OperationObservationContext> {

	/**
	 * Name of the counter of attachment bytes.
	 */
	public static final String BYTES_METER = "connect.participant.attachment.bytes";

	private static final String ATTACHMENT_OPERATIONS = "attachment.";

	private final ObjectProvider<MeterRegistry> meterRegistry;

	/**
	 * Create a handler.
	 * @param meterRegistry where the counter lives, looked up when bytes are first
	 * counted
	 */
	public AttachmentBytesObservationHandler(ObjectProvider<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Only operations on attachments move attachment bytes: the handler takes no part in
	 * the observations of the others (transcripts, connections, chat messages), which
	 * Micrometer then calls it for at no step.
	 */
	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof OperationObservationContext operation
				&& operation.getOperation().startsWith(ATTACHMENT_OPERATIONS);
	}

	@Override
	public void onStop(OperationObservationContext context) {
		count("upload", context.getUploadedBytes());
		count("download", context.getDownloadedBytes());
	}

	private void count(String direction, long bytes) {
		if (bytes <= 0) {
			return;
		}
		MeterRegistry registry = this.meterRegistry.getIfAvailable();
		if (registry != null) {
			Counter.builder(BYTES_METER)
				.baseUnit("bytes")
				.description("Attachment bytes transferred by the Amazon Connect Participant starter")
				.tag("direction", direction)
				.register(registry)
				.increment(bytes);
		}
	}

}
