package io.github.connectparticipant.autoconfigure;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.transcript.TranscriptFilter;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptPage;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;

/**
 * The starter's {@link TranscriptService} bean: the service that does the work is created
 * on first use ({@link ConnectParticipantWarmUp} creates it once the application is
 * ready), so that the start-up does not load its classes. Every call is the delegate's.
 */
final class DeferredTranscriptService implements TranscriptService {

	private final Deferred<? extends TranscriptService> delegate;

	DeferredTranscriptService(Deferred<? extends TranscriptService> delegate) {
		this.delegate = delegate;
	}

	Deferred<? extends TranscriptService> delegate() {
		return this.delegate;
	}

	@Override
	public TranscriptPage page(ParticipantConnection connection, TranscriptQuery query) {
		return this.delegate.get().page(connection, query);
	}

	@Override
	public TranscriptPage page(ParticipantConnection connection, TranscriptQuery query, @Nullable String nextToken) {
		return this.delegate.get().page(connection, query, nextToken);
	}

	@Override
	public Stream<TranscriptItem> stream(ParticipantConnection connection, TranscriptQuery query) {
		return this.delegate.get().stream(connection, query);
	}

	@Override
	public Stream<TranscriptItem> stream(ParticipantConnection connection, TranscriptQuery query,
			TranscriptFilter filter) {
		return this.delegate.get().stream(connection, query, filter);
	}

	@Override
	public String toString() {
		return "DeferredTranscriptService";
	}

}
