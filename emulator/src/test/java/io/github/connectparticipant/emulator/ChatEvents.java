package io.github.connectparticipant.emulator;

/**
 * The event content types the tests expect on the wire, written out here rather than
 * taken from the emulator so that a wrong name in the emulator fails a test.
 */
final class ChatEvents {

	static final String JOINED = "application/vnd.amazonaws.connect.event.participant.joined";

	static final String LEFT = "application/vnd.amazonaws.connect.event.participant.left";

	static final String ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

	static final String TYPING = "application/vnd.amazonaws.connect.event.typing";

	static final String DELIVERED = "application/vnd.amazonaws.connect.event.message.delivered";

	static final String READ = "application/vnd.amazonaws.connect.event.message.read";

	private ChatEvents() {
	}

}
