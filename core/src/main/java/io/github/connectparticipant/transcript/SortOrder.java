package io.github.connectparticipant.transcript;

/**
 * How the items of each page are sorted by time.
 */
public enum SortOrder {

	/**
	 * Oldest first.
	 */
	ASCENDING,

	/**
	 * Newest first (the service's default).
	 */
	DESCENDING

}
