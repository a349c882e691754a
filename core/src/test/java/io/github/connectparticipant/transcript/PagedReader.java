package io.github.connectparticipant.transcript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Reads a transcript stream page by page as a test's caller, timing each call that begins
 * a page (the call in which the stream reads that page, or takes it from the thread that
 * read it ahead).
 * <p>
 * An {@linkplain #exporting exporting} reader works on each page after its last item, as
 * an export does: first it waits until the page being read ahead is read, so that the
 * stream's own thread reads it rather than the caller getting there first; then it works
 * at least half as long as the page can have taken to read, twice what the stream asks
 * before it reads ahead ({@link DefaultTranscriptService#READ_AHEAD_WORK_SHARE}). A page
 * took no longer to read than from the start of the call that began the page before it
 * (where a page read ahead is asked for) to the end of the call that began it, so the
 * stream reads ahead from the third page on however slowly the machine runs.
 */
public final class PagedReader {

	/** Least work on a page. */
	private static final Duration WORK = Duration.ofMillis(20);

	private final Iterator<TranscriptItem> items;

	private final int pageSize;

	private final @Nullable DefaultTranscriptService service;

	private final List<PageCall> calls = new ArrayList<>();

	private int taken;

	private PagedReader(Stream<TranscriptItem> items, int pageSize, @Nullable DefaultTranscriptService service) {
		this.items = items.iterator();
		this.pageSize = pageSize;
		this.service = service;
	}

	/**
	 * A reader that works on each page as described above.
	 * @param service the service the stream comes from
	 * @param items the stream, whose pages are all full but the last
	 * @param pageSize the items per page
	 */
	public static PagedReader exporting(TranscriptService service, Stream<TranscriptItem> items, int pageSize) {
		return new PagedReader(items, pageSize, (DefaultTranscriptService) service);
	}

	/**
	 * A reader that does no work at all between items.
	 * @param items the stream, whose pages are all full but the last
	 * @param pageSize the items per page
	 */
	public static PagedReader idle(Stream<TranscriptItem> items, int pageSize) {
		return new PagedReader(items, pageSize, null);
	}

	/**
	 * Whether the stream has another item.
	 */
	public boolean hasNext() {
		if (this.taken % this.pageSize == 0 && this.calls.size() == this.taken / this.pageSize) {
			long start = System.nanoTime();
			boolean more = this.items.hasNext();
			this.calls.add(new PageCall(start, System.nanoTime()));
			return more;
		}
		return this.items.hasNext();
	}

	/**
	 * The next item, and the work on its page after the page's last item.
	 */
	public TranscriptItem next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		TranscriptItem item = this.items.next();
		this.taken++;
		if (this.service != null && this.taken % this.pageSize == 0) {
			workOnPage(this.service, this.taken / this.pageSize - 1);
		}
		return item;
	}

	/**
	 * Take the given number of items.
	 */
	public void take(int count) {
		for (int i = 0; i < count; i++) {
			next();
		}
	}

	/**
	 * The ids of the items left.
	 */
	public List<String> remainingIds() {
		List<String> ids = new ArrayList<>();
		while (hasNext()) {
			ids.add(next().id());
		}
		return ids;
	}

	/**
	 * The calls that began each page, in page order (and, at the stream's end, the call
	 * that found no more).
	 */
	public List<PageCall> pageCalls() {
		return List.copyOf(this.calls);
	}

	private void workOnPage(DefaultTranscriptService service, int page) {
		await().atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(2))
			.until(() -> service.readAheadsInFlight() == 0);
		long readBound = this.calls.get(page).end() - this.calls.get(Math.max(0, page - 1)).start();
		long work = Math.max(WORK.toNanos(), 2 * readBound / DefaultTranscriptService.READ_AHEAD_WORK_SHARE);
		long until = System.nanoTime() + work;
		for (long left = work; left > 0; left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	/**
	 * A call that began a page: when it started and ended ({@link System#nanoTime()}).
	 */
	public record PageCall(long start, long end) {

		/**
		 * How long the call took.
		 */
		public long nanos() {
			return this.end - this.start;
		}

	}

}
