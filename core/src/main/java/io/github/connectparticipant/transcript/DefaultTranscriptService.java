package io.github.connectparticipant.transcript;

import java.util.Collections;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.retry.RetryExecutor;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptResponse;

/**
 * The {@link TranscriptService} over the SDK's {@link ConnectParticipantClient}.
 * <pre class="code">
 * TranscriptService transcripts = new DefaultTranscriptService(client, ConnectParticipantSettings.defaults());
 * </pre>
 */
public final class DefaultTranscriptService implements TranscriptService {

	private static final String OPERATION = "GetTranscript";

	private final ConnectParticipantClient client;

	private final ConnectParticipantSettings settings;

	private final RetryExecutor executor;

	/**
	 * Create a service without observations.
	 * @param client the SDK client, built with anonymous credentials and its own
	 * retries off
	 * @param settings the settings
	 */
	public DefaultTranscriptService(ConnectParticipantClient client, ConnectParticipantSettings settings) {
		this(client, settings, ObservationRegistry.NOOP);
	}

	/**
	 * Create a service.
	 * @param client the SDK client, built with anonymous credentials and its own
	 * retries off
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 */
	public DefaultTranscriptService(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ObservationRegistry observationRegistry) {
		Assert.notNull(client, "client is required");
		Assert.notNull(settings, "settings is required");
		Assert.notNull(observationRegistry, "observationRegistry is required");
		this.client = client;
		this.settings = settings;
		this.executor = new RetryExecutor(settings, observationRegistry);
		RetryExecutor.warnIfSdkRetries(client);
	}

	@Override
	public TranscriptPage page(ParticipantConnection connection, TranscriptQuery query) {
		return page(connection, query, null);
	}

	@Override
	public TranscriptPage page(ParticipantConnection connection, TranscriptQuery query, @Nullable String nextToken) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(query, "query is required");
		Assert.isTrue(nextToken == null || nextToken.length() <= 1000, "nextToken must be at most 1000 characters");
		String token = (nextToken == null || nextToken.isEmpty()) ? null : nextToken;
		return this.executor.observe("transcript.page", () -> fetch(connection, query, token));
	}

	private TranscriptPage fetch(ParticipantConnection connection, TranscriptQuery query, @Nullable String nextToken) {
		GetTranscriptResponse response = connection.withToken((connectionToken) -> this.executor.call(OPERATION,
				(context) -> this.client.getTranscript((request) -> {
					request.connectionToken(connectionToken)
						.maxResults(query.maxResults())
						.scanDirection((query.direction() != null) ? query.direction().name() : null)
						.sortOrder((query.sortOrder() != null) ? query.sortOrder().name() : null)
						.contactId(query.contactId())
						.nextToken(nextToken)
						.overrideConfiguration(context.sdkTimeouts());
					StartPosition start = query.startPosition();
					if (start != null) {
						request.startPosition((position) -> position.id(start.itemId())
							.absoluteTime((start.time() != null) ? TranscriptItems.formatTime(start.time()) : null)
							.mostRecent(start.mostRecent()));
					}
				})));
		return new TranscriptPage(response.hasTranscript()
				? response.transcript().stream().map(TranscriptItems::of).toList() : Collections.emptyList(),
				response.nextToken(), response.initialContactId());
	}

	@Override
	public Stream<TranscriptItem> stream(ParticipantConnection connection, TranscriptQuery query) {
		return stream(connection, query, TranscriptFilter.all());
	}

	@Override
	public Stream<TranscriptItem> stream(ParticipantConnection connection, TranscriptQuery query,
			TranscriptFilter filter) {
		Assert.notNull(connection, "connection is required");
		Assert.notNull(query, "query is required");
		Assert.notNull(filter, "filter is required");
		TranscriptQuery paged = (query.maxResults() != null) ? query : query.withMaxResults(this.settings.transcriptPageSize());
		if (paged.sortOrder() == null) {
			paged = paged.withSortOrder((paged.effectiveDirection() == ScanDirection.FORWARD) ? SortOrder.ASCENDING
					: SortOrder.DESCENDING);
		}
		TranscriptQuery pageQuery = paged;
		return StreamSupport.stream(new PagingSpliterator((token) -> page(connection, pageQuery, token)), false)
			.filter(filter::test);
	}

	/**
	 * Walks the pages of a transcript, reading the next one only when the current one
	 * is used up.
	 */
	private static final class PagingSpliterator extends Spliterators.AbstractSpliterator<TranscriptItem> {

		private final Function<@Nullable String, TranscriptPage> pages;

		private Iterator<TranscriptItem> items = Collections.emptyIterator();

		private @Nullable String nextToken;

		private boolean finished;

		PagingSpliterator(Function<@Nullable String, TranscriptPage> pages) {
			super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
			this.pages = pages;
		}

		@Override
		public boolean tryAdvance(Consumer<? super TranscriptItem> action) {
			while (!this.items.hasNext()) {
				if (this.finished) {
					return false;
				}
				TranscriptPage page = this.pages.apply(this.nextToken);
				this.items = page.items().iterator();
				this.nextToken = page.nextToken();
				this.finished = (this.nextToken == null);
			}
			action.accept(this.items.next());
			return true;
		}

	}

}
