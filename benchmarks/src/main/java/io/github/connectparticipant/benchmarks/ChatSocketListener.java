package io.github.connectparticipant.benchmarks;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * A raw JDK WebSocket's listener on a chat: joins each text frame's fragments, counts the
 * answer to the socket's subscribe down, and hands every other frame on with the time its
 * last fragment arrived.
 */
abstract class ChatSocketListener implements WebSocket.Listener {

	/** The frame that subscribes a chat WebSocket to the chat's items. */
	static final String SUBSCRIBE = "{\"topic\":\"aws/subscribe\",\"content\":{\"topics\":[\"aws/chat\"]}}";

	private static final String SUBSCRIBE_ANSWER = "{\"topic\":\"aws/subscribe\"";

	private final CountDownLatch subscribed;

	private final StringBuilder partial = new StringBuilder();

	/** The last whole frame, for a failure's message. */
	volatile @Nullable String lastFrame;

	ChatSocketListener(CountDownLatch subscribed) {
		this.subscribed = subscribed;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			long now = System.nanoTime();
			String frame = this.partial.toString();
			this.partial.setLength(0);
			this.lastFrame = frame;
			if (frame.startsWith(SUBSCRIBE_ANSWER)) {
				this.subscribed.countDown();
			}
			else {
				onFrame(frame, now);
			}
		}
		webSocket.request(1);
		return null;
	}

	/**
	 * Take a whole frame other than the subscribe's answer.
	 * @param frame the frame
	 * @param receivedNanos {@link System#nanoTime()} when its last fragment arrived
	 */
	abstract void onFrame(String frame, long receivedNanos);

}
