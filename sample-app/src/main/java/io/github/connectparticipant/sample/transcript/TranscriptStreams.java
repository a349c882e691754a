package io.github.connectparticipant.sample.transcript;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.chat.ChatEndReason;
import io.github.connectparticipant.sample.chat.Chat;
import io.github.connectparticipant.sample.chat.ChatFeed;
import io.github.connectparticipant.sample.problem.Problems;
import io.github.connectparticipant.transcript.SortOrder;
import io.github.connectparticipant.transcript.StartPosition;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The chats' live transcripts as Server-Sent Events: each item an {@value #ITEM} event
 * whose id is the item's id and whose data is its {@link TranscriptItemView}, and the
 * chat's end a {@value #CHAT_ENDED} event, after which the stream completes.
 * <p>
 * A new stream first replays the transcript, from its first item or, for a client that
 * comes back with a {@code Last-Event-ID}, from that item on (inclusive, so that a status
 * the item gained meanwhile is seen); items the chat's session delivers during the replay
 * are held and sent after it. A client may therefore see an item twice: it keeps the
 * latest by id, as an attachment's status change repeats its item anyway. At most
 * {@value #MAX_STREAMS_PER_CHAT} streams per chat; each is dropped when it completes,
 * times out ({@code spring.mvc.async.request-timeout}) or fails. No thread waits on a
 * stream: events are written by the session's delivery turn.
 */
@Component
class TranscriptStreams implements ChatFeed {

	/**
	 * Name of the event that carries a transcript item.
	 */
	static final String ITEM = "item";

	/**
	 * Name of the event that says the chat has ended.
	 */
	static final String CHAT_ENDED = "chat-ended";

	/**
	 * Most streams open at once on one chat (browser tabs, say).
	 */
	static final int MAX_STREAMS_PER_CHAT = 8;

	private static final String CHAT_ENDED_TYPE = "application/vnd.amazonaws.connect.event.chat.ended";

	private static final int MAX_EVENT_ID_LENGTH = 256;

	private final TranscriptService transcripts;

	private final Map<String, List<Subscriber>> streams = new ConcurrentHashMap<>();

	TranscriptStreams(TranscriptService transcripts) {
		this.transcripts = transcripts;
	}

	/**
	 * Open a stream of the chat's transcript.
	 * @param chat the chat
	 * @param lastEventId the id of the last item the client has, or {@code null}
	 * @return the stream, with the replayed items queued
	 * @throws ErrorResponseException (429) if the chat has too many streams open
	 */
	SseEmitter open(Chat chat, @Nullable String lastEventId) {
		Subscriber subscriber = new Subscriber(new SseEmitter());
		List<Subscriber> subscribers = this.streams.compute(chat.id(), (id, current) -> {
			List<Subscriber> list = (current != null) ? current : new CopyOnWriteArrayList<>();
			if (list.size() < MAX_STREAMS_PER_CHAT) {
				list.add(subscriber);
			}
			return list;
		});
		if (!subscribers.contains(subscriber)) {
			throw new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, Problems.of(HttpStatus.TOO_MANY_REQUESTS,
					"TOO_MANY_STREAMS",
					"This chat has " + MAX_STREAMS_PER_CHAT + " event streams open already; close one and try again"),
					null);
		}
		SseEmitter emitter = subscriber.emitter;
		emitter.onCompletion(() -> drop(chat, subscriber));
		emitter.onTimeout(() -> {
			drop(chat, subscriber);
			subscriber.complete();
		});
		emitter.onError((ex) -> drop(chat, subscriber));
		try {
			boolean ended = replay(chat, lastEventId, subscriber);
			if (ended) {
				subscriber.end(ChatEndReason.CHAT_ENDED);
			}
			subscriber.live();
		}
		catch (RuntimeException ex) {
			drop(chat, subscriber);
			throw ex;
		}
		return emitter;
	}

	/**
	 * Send the transcript from the given item (or the first) on; an id the service does
	 * not know starts over from the first item.
	 * @return whether the transcript holds the chat's end
	 */
	private boolean replay(Chat chat, @Nullable String lastEventId, Subscriber subscriber) {
		String from = (lastEventId != null && !lastEventId.isBlank() && lastEventId.length() <= MAX_EVENT_ID_LENGTH)
				? lastEventId : null;
		if (from != null) {
			try {
				return replay(chat, StartPosition.ofItemId(from), subscriber);
			}
			catch (InvalidRequestException ex) {
				// not an item of this chat: the client gets the whole transcript
			}
		}
		return replay(chat, StartPosition.beginning(), subscriber);
	}

	private boolean replay(Chat chat, StartPosition from, Subscriber subscriber) {
		TranscriptQuery query = TranscriptQuery.builder().forward(from).sortOrder(SortOrder.ASCENDING).build();
		List<TranscriptItem> items;
		try (Stream<TranscriptItem> stream = this.transcripts.stream(chat.connection(), query)) {
			items = stream.toList();
		}
		boolean ended = false;
		for (TranscriptItem item : items) {
			subscriber.replayed(itemEvent(chat, item));
			ended |= isChatEnd(item);
		}
		return ended;
	}

	@Override
	public void item(Chat chat, TranscriptItem item) {
		for (Subscriber subscriber : subscribers(chat)) {
			if (!subscriber.send(itemEvent(chat, item))) {
				drop(chat, subscriber);
			}
		}
	}

	@Override
	public void ended(Chat chat, ChatEndReason reason) {
		for (Subscriber subscriber : subscribers(chat)) {
			if (reason == ChatEndReason.CLOSED || reason == ChatEndReason.FAILED) {
				// the chat goes on: the client comes back and gets it from the transcript
				subscriber.complete();
			}
			else {
				subscriber.end(reason);
			}
		}
	}

	/**
	 * End every stream when the application stops, before the web server's graceful
	 * shutdown, which would otherwise wait for them; the clients reconnect to whatever
	 * serves next.
	 */
	@EventListener(ContextClosedEvent.class)
	void completeAll() {
		this.streams.values().forEach((subscribers) -> subscribers.forEach(Subscriber::complete));
	}

	private List<Subscriber> subscribers(Chat chat) {
		return this.streams.getOrDefault(chat.id(), List.of());
	}

	private void drop(Chat chat, Subscriber subscriber) {
		this.streams.computeIfPresent(chat.id(), (id, list) -> {
			list.remove(subscriber);
			return list.isEmpty() ? null : list;
		});
	}

	private static Event itemEvent(Chat chat, TranscriptItem item) {
		return new Event(item.id(), ITEM, TranscriptItemView.of(chat, item));
	}

	private static boolean isChatEnd(TranscriptItem item) {
		return CHAT_ENDED_TYPE.equals(item.contentType());
	}

	/**
	 * One event, built anew for each stream it goes to (an event builder is spent once
	 * built).
	 */
	private record Event(@Nullable String id, String name, Object data) {

		SseEmitter.SseEventBuilder toBuilder() {
			SseEmitter.SseEventBuilder builder = SseEmitter.event().name(this.name);
			if (this.id != null) {
				builder.id(this.id);
			}
			return builder.data(this.data, MediaType.APPLICATION_JSON);
		}

	}

	/**
	 * Data of the {@value #CHAT_ENDED} event.
	 *
	 * @param reason why the chat is over for this participant
	 */
	record ChatEndedView(ChatEndReason reason) {
	}

	/**
	 * One client's stream: live events are held while the transcript is replayed.
	 */
	private static final class Subscriber {

		private final SseEmitter emitter;

		private @Nullable List<Event> held = new ArrayList<>();

		private boolean completed;

		Subscriber(SseEmitter emitter) {
			this.emitter = emitter;
		}

		synchronized void replayed(Event event) {
			write(event);
		}

		synchronized boolean send(Event event) {
			if (this.held != null) {
				this.held.add(event);
				return true;
			}
			return write(event);
		}

		/** The replay is done: send what was held. */
		synchronized void live() {
			List<Event> events = this.held;
			this.held = null;
			if (events != null) {
				events.forEach(this::write);
			}
		}

		synchronized void end(ChatEndReason reason) {
			send(new Event(null, CHAT_ENDED, new ChatEndedView(reason)));
		}

		synchronized void complete() {
			if (!this.completed) {
				this.completed = true;
				this.emitter.complete();
			}
		}

		private boolean write(Event event) {
			if (this.completed) {
				return false;
			}
			try {
				this.emitter.send(event.toBuilder());
				if (CHAT_ENDED.equals(event.name())) {
					complete();
				}
				return true;
			}
			catch (IOException | IllegalStateException ex) {
				// the client has gone: the container reports the failure to the emitter
				this.completed = true;
				return false;
			}
		}

	}

}
