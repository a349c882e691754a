package io.github.connectparticipant.transcript;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.ServiceTime;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptRequest;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;

/**
 * The {@link TranscriptService} over the SDK's {@link ConnectParticipantClient}.
 * <p>
 * A {@link #stream stream} read past its first {@value #PAGES_BEFORE_READ_AHEAD} pages by
 * a caller that works on its items is taken to be an export and from then on reads one
 * page ahead: while the caller works through page {@code n}, page {@code n + 1} is
 * requested on a background thread, so the caller's work and the round trip overlap. At
 * most one page is read ahead (the stream holds at most two pages), and closing the
 * stream cancels the page being read ahead and sends no further request. The next page is
 * read ahead only when the caller spent at least a quarter of a round trip on its last
 * page: a caller that only collects or counts the items would gain nothing from it but a
 * hand-over between threads. A stream used to look at the first items
 * ({@code findFirst()}, {@code limit(n)} within two pages) sends only the requests it
 * needs. A page that fails while read ahead fails the stream when the caller reaches it,
 * after every item before it. When the caller reaches a page that the background thread
 * has not started on yet (a busy machine), the caller reads it itself instead of waiting
 * for that thread. A page read ahead is read in the caller's context: its current
 * observation (and so its trace), and anything else registered with Micrometer's context
 * propagation. <pre class="code">
 * TranscriptService transcripts = new DefaultTranscriptService(client, settings, ObservationRegistry.NOOP,
 *         new RequestPacer(settings));
 * </pre>
 */
public final class DefaultTranscriptService implements TranscriptService {

	/**
	 * Pages a stream reads only when needed before it starts reading one page ahead.
	 */
	static final int PAGES_BEFORE_READ_AHEAD = 2;

	/**
	 * The next page is read ahead when the caller spent at least 1/{@value} of a round
	 * trip on its last page.
	 */
	static final int READ_AHEAD_WORK_SHARE = 4;

	private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

	private final ConnectParticipantClient client;

	private final ConnectParticipantSettings settings;

	private final RetryExecutor executor;

	private final ReadAheadThreads readAhead = new ReadAheadThreads();

	/**
	 * Create a service.
	 * @param client the SDK client, built with anonymous credentials and its own retries
	 * off
	 * @param settings the settings
	 * @param observationRegistry where to report observations
	 * ({@link ObservationRegistry#NOOP} for none)
	 * @param pacer the request pacer, shared by the services that call the same account
	 */
	public DefaultTranscriptService(ConnectParticipantClient client, ConnectParticipantSettings settings,
			ObservationRegistry observationRegistry, RequestPacer pacer) {
		Assert.notNull(client, "client is required");
		Assert.notNull(settings, "settings is required");
		Assert.notNull(observationRegistry, "observationRegistry is required");
		Assert.notNull(pacer, "pacer is required");
		this.client = client;
		this.settings = settings;
		this.executor = new RetryExecutor(settings, observationRegistry, pacer, client);
	}

	/**
	 * Return how many pages are being read ahead, or are about to be, for this service's
	 * streams: none means that a stream whose caller does not move on sends nothing more.
	 * @return the number of pages being read ahead
	 */
	int readAheadsInFlight() {
		return this.readAhead.inFlight();
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
		GetTranscriptResponse response = connection
			.withToken((connectionToken) -> this.executor.call(ParticipantOperation.GET_TRANSCRIPT, (context) -> {
				if (Thread.currentThread().isInterrupted()) {
					// a page read ahead for a stream that was closed: send nothing more
					throw new InterruptedException("the transcript stream was closed");
				}
				return this.client
					.getTranscript((request) -> context.bounded(request(request, connectionToken, query, nextToken)));
			}));
		return new TranscriptPage(items(response), response.nextToken(), response.initialContactId());
	}

	private static List<TranscriptItem> items(GetTranscriptResponse response) {
		if (!response.hasTranscript()) {
			return Collections.emptyList();
		}
		List<Item> transcript = response.transcript();
		List<TranscriptItem> items = new ArrayList<>(transcript.size());
		for (Item item : transcript) {
			items.add(TranscriptItems.of(item));
		}
		return items;
	}

	private static GetTranscriptRequest.Builder request(GetTranscriptRequest.Builder request, String connectionToken,
			TranscriptQuery query, @Nullable String nextToken) {
		request.connectionToken(connectionToken)
			.maxResults(query.maxResults())
			.scanDirection((query.direction() != null) ? query.direction().name() : null)
			.sortOrder((query.sortOrder() != null) ? query.sortOrder().name() : null)
			.contactId(query.contactId())
			.nextToken(nextToken);
		StartPosition start = query.startPosition();
		if (start != null) {
			request.startPosition((position) -> position.id(start.itemId())
				.absoluteTime((start.time() != null) ? ServiceTime.format(start.time()) : null)
				.mostRecent(start.mostRecent()));
		}
		return request;
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
		TranscriptQuery paged = (query.maxResults() != null) ? query
				: query.withMaxResults(this.settings.transcriptPageSize());
		if (paged.sortOrder() == null) {
			paged = paged.withSortOrder(
					(paged.effectiveDirection() == ScanDirection.FORWARD) ? SortOrder.ASCENDING : SortOrder.DESCENDING);
		}
		TranscriptQuery pageQuery = paged;
		PagingSpliterator pages = new PagingSpliterator((token) -> page(connection, pageQuery, token), this.readAhead);
		return StreamSupport.stream(pages, false).onClose(pages::close).filter(filter::test);
	}

	/**
	 * Walks the pages of a transcript: the first {@value #PAGES_BEFORE_READ_AHEAD} when
	 * the current one is used up, each later one while the page before it is consumed, as
	 * long as the caller works on its pages long enough for that to pay.
	 */
	private static final class PagingSpliterator extends Spliterators.AbstractSpliterator<TranscriptItem> {

		private final Function<@Nullable String, TranscriptPage> pages;

		private final ExecutorService readAhead;

		private Iterator<TranscriptItem> items = Collections.emptyIterator();

		private @Nullable String nextToken;

		private boolean finished;

		private int pagesRead;

		/** When the current page was handed to the caller ({@link System#nanoTime()}). */
		private long pageStarted;

		/** How long the current page took to read (its round trip). */
		private long pageReadNanos;

		/**
		 * The page after the current one, being read ahead; {@code null} when none is.
		 */
		private @Nullable ReadAhead ahead;

		private volatile boolean closed;

		PagingSpliterator(Function<@Nullable String, TranscriptPage> pages, ExecutorService readAhead) {
			super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
			this.pages = pages;
			this.readAhead = readAhead;
		}

		@Override
		public boolean tryAdvance(Consumer<? super TranscriptItem> action) {
			while (!this.items.hasNext()) {
				if (this.closed) {
					throw new IllegalStateException("The transcript stream is closed");
				}
				if (this.finished) {
					return false;
				}
				// Reading ahead overlaps the caller's work on a page with the next round
				// trip; it is worth a
				// hand-over between threads only when the caller spent a good part of a
				// round trip on its
				// last page (a caller that only collects or counts the items gains
				// nothing from it).
				boolean worthReadingAhead = this.pagesRead > 0
						&& (System.nanoTime() - this.pageStarted) * READ_AHEAD_WORK_SHARE >= this.pageReadNanos;
				Fetched fetched = nextPage();
				TranscriptPage page = fetched.page();
				this.pagesRead++;
				this.pageReadNanos = fetched.nanos();
				this.items = page.items().iterator();
				this.nextToken = page.nextToken();
				this.finished = (this.nextToken == null);
				if (!this.finished && this.pagesRead > PAGES_BEFORE_READ_AHEAD && worthReadingAhead) {
					readAhead(this.nextToken);
				}
				this.pageStarted = System.nanoTime();
			}
			action.accept(this.items.next());
			return true;
		}

		private Fetched nextPage() {
			ReadAhead pending = this.ahead;
			if (pending == null) {
				return read(this.nextToken);
			}
			this.ahead = null;
			if (pending.claim()) {
				// the background thread has not started on it: read it here rather than
				// wait for that thread
				pending.future().cancel(false);
				return read(pending.token());
			}
			try {
				return pending.future().get();
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (cause instanceof Error error) {
					throw error;
				}
				throw ConnectParticipantException.failed(ParticipantOperation.GET_TRANSCRIPT.operationName(),
						"the next transcript page could not be read", cause);
			}
			catch (InterruptedException ex) {
				pending.future().cancel(true);
				Thread.currentThread().interrupt();
				throw ConnectParticipantException.interrupted(ParticipantOperation.GET_TRANSCRIPT,
						"waiting for the next transcript page", 0, ex);
			}
			catch (CancellationException ex) {
				throw new IllegalStateException("The transcript stream is closed", ex);
			}
		}

		private Fetched read(@Nullable String token) {
			long start = System.nanoTime();
			TranscriptPage page = this.pages.apply(token);
			return new Fetched(page, System.nanoTime() - start);
		}

		/**
		 * Start reading the page after the current one on a background thread, in the
		 * caller's context: its current observation (and so its trace), and any other
		 * thread-local state registered with Micrometer's context propagation.
		 */
		private void readAhead(String token) {
			AtomicBoolean claimed = new AtomicBoolean();
			Future<Fetched> future = this.readAhead.submit(CONTEXT.captureAll().wrap(() -> {
				if (!claimed.compareAndSet(false, true)) {
					// read by the stream's own thread, or the stream was closed
					return null;
				}
				return read(token);
			}));
			this.ahead = new ReadAhead(token, claimed, future);
		}

		/**
		 * Cancel the page being read ahead, interrupting its request if it was sent: no
		 * further request is sent for this stream.
		 */
		void close() {
			this.closed = true;
			ReadAhead pending = this.ahead;
			this.ahead = null;
			if (pending != null) {
				pending.claim();
				pending.future().cancel(true);
			}
		}

		/**
		 * A page and how long it took to read.
		 */
		private record Fetched(TranscriptPage page, long nanos) {
		}

		/**
		 * A page being read ahead: whichever thread claims it first reads it.
		 */
		private record ReadAhead(String token, AtomicBoolean claimed, Future<Fetched> future) {

			boolean claim() {
				return this.claimed.compareAndSet(false, true);
			}

		}

	}

}
