package io.github.connectparticipant.transcript;

/**
 * Which way a transcript is read from its start position.
 */
public enum ScanDirection {

	/**
	 * From the start position towards newer items. Needs a start position.
	 */
	FORWARD,

	/**
	 * From the start position (the newest item when none is given) towards older items.
	 */
	BACKWARD

}
