package io.github.connectparticipant.transcript;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * What to read of a chat's transcript. Every part is optional; what is left out takes the
 * service's default:
 * <ul>
 * <li>{@code maxResults}: 1 to 100 items per page (service default 10);</li>
 * <li>{@code direction}: {@link ScanDirection#BACKWARD} from the newest item when no
 * start position is given, {@link ScanDirection#FORWARD} when one is; {@code FORWARD}
 * without a start position is refused here, as the service would;</li>
 * <li>{@code sortOrder}: how each page is sorted (service default
 * {@link SortOrder#DESCENDING});</li>
 * <li>{@code startPosition}: where to start, inclusive;</li>
 * <li>{@code contactId}: which contact of the contact chain (default: the current
 * one).</li>
 * </ul>
 * <pre class="code">
 * TranscriptQuery newestFirst = TranscriptQuery.builder().build();
 * TranscriptQuery oldestFirst = TranscriptQuery.builder().forward(StartPosition.beginning()).build();
 * </pre>
 *
 * @param maxResults items per page, 1 to 100
 * @param direction which way to read
 * @param sortOrder how each page is sorted
 * @param startPosition where to start
 * @param contactId the contact whose transcript to read
 */
public record TranscriptQuery(@Nullable Integer maxResults, @Nullable ScanDirection direction,
		@Nullable SortOrder sortOrder, @Nullable StartPosition startPosition, @Nullable String contactId) {

	/**
	 * Check the values and the service's rules.
	 */
	public TranscriptQuery {
		Assert.isTrue(maxResults == null || (maxResults >= 1 && maxResults <= 100), "maxResults must be 1 to 100");
		Assert.isTrue(direction != ScanDirection.FORWARD || startPosition != null,
				"ScanDirection FORWARD needs a start position (an item id, a time or a count back from the most "
						+ "recent item): use StartPosition.beginning() to read from the oldest item");
		Assert.isTrue(contactId == null || (!contactId.isEmpty() && contactId.length() <= 256),
				"contactId must be 1 to 256 characters");
	}

	/**
	 * Return a query for the newest items first, with every other value the service's
	 * default.
	 * @return the query
	 */
	public static TranscriptQuery newestFirst() {
		return builder().build();
	}

	/**
	 * Return a query for the whole transcript, oldest item first.
	 * @return the query
	 */
	public static TranscriptQuery oldestFirst() {
		return builder().forward(StartPosition.beginning()).sortOrder(SortOrder.ASCENDING).build();
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the direction the service will read in: the one given, else its default.
	 * @return the effective direction
	 */
	public ScanDirection effectiveDirection() {
		if (this.direction != null) {
			return this.direction;
		}
		return (this.startPosition != null) ? ScanDirection.FORWARD : ScanDirection.BACKWARD;
	}

	/**
	 * Return a copy of this query with another page size.
	 * @param maxResults items per page, 1 to 100
	 * @return the copy
	 */
	public TranscriptQuery withMaxResults(int maxResults) {
		return new TranscriptQuery(maxResults, this.direction, this.sortOrder, this.startPosition, this.contactId);
	}

	/**
	 * Return a copy of this query with another sort order.
	 * @param sortOrder the sort order
	 * @return the copy
	 */
	public TranscriptQuery withSortOrder(SortOrder sortOrder) {
		return new TranscriptQuery(this.maxResults, this.direction, sortOrder, this.startPosition, this.contactId);
	}

	/**
	 * Builder of {@link TranscriptQuery}.
	 */
	public static final class Builder {

		private @Nullable Integer maxResults;

		private @Nullable ScanDirection direction;

		private @Nullable SortOrder sortOrder;

		private @Nullable StartPosition startPosition;

		private @Nullable String contactId;

		private Builder() {
		}

		/**
		 * Set the items per page.
		 * @param maxResults 1 to 100
		 * @return this builder
		 */
		public Builder maxResults(int maxResults) {
			this.maxResults = maxResults;
			return this;
		}

		/**
		 * Set the direction.
		 * @param direction the direction
		 * @return this builder
		 */
		public Builder direction(ScanDirection direction) {
			this.direction = direction;
			return this;
		}

		/**
		 * Read forward (towards newer items) from a start position.
		 * @param startPosition where to start
		 * @return this builder
		 */
		public Builder forward(StartPosition startPosition) {
			this.direction = ScanDirection.FORWARD;
			this.startPosition = startPosition;
			return this;
		}

		/**
		 * Read backward (towards older items) from a start position.
		 * @param startPosition where to start
		 * @return this builder
		 */
		public Builder backward(StartPosition startPosition) {
			this.direction = ScanDirection.BACKWARD;
			this.startPosition = startPosition;
			return this;
		}

		/**
		 * Set how each page is sorted.
		 * @param sortOrder the sort order
		 * @return this builder
		 */
		public Builder sortOrder(SortOrder sortOrder) {
			this.sortOrder = sortOrder;
			return this;
		}

		/**
		 * Set where to start.
		 * @param startPosition the start position
		 * @return this builder
		 */
		public Builder startPosition(StartPosition startPosition) {
			this.startPosition = startPosition;
			return this;
		}

		/**
		 * Set the contact of the contact chain whose transcript to read.
		 * @param contactId the contact id
		 * @return this builder
		 */
		public Builder contactId(String contactId) {
			this.contactId = contactId;
			return this;
		}

		/**
		 * Build the query.
		 * @return the query
		 * @throws IllegalArgumentException if a value is out of range, or FORWARD is
		 * asked for without a start position
		 */
		public TranscriptQuery build() {
			return new TranscriptQuery(this.maxResults, this.direction, this.sortOrder, this.startPosition,
					this.contactId);
		}

	}

}
