package io.github.connectparticipant.chat;

import io.github.connectparticipant.transcript.TranscriptItem;

/**
 * What a {@link SocketLink} tells its session.
 */
interface LinkEvents {

	/**
	 * The service confirmed the link's subscription to {@code aws/chat}.
	 */
	void subscribed(SocketLink link);

	/**
	 * An item pushed on the link.
	 */
	void item(SocketLink link, TranscriptItem item);

	/**
	 * The link is lost: closed, failed, or silent; told once.
	 */
	void lost(SocketLink link, String why);

	/**
	 * The link reached the age set by {@link SocketLink#rotateAfter}: it is to be
	 * replaced.
	 */
	void rotationDue(SocketLink link);

}
