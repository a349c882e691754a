package io.github.connectparticipant.sample.transcript;

import io.github.connectparticipant.sample.chat.Chat;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/chats/{chat}/events}: the chat live, as Server-Sent Events
 * ({@code text/event-stream}) for a browser's {@code EventSource}, which sends
 * {@code Last-Event-ID} when it reconnects; see {@link TranscriptStreams}.
 */
@RestController
class TranscriptEventsController {

	private final TranscriptStreams streams;

	TranscriptEventsController(TranscriptStreams streams) {
		this.streams = streams;
	}

	@GetMapping("/api/chats/{chat}/events")
	SseEmitter events(@PathVariable Chat chat,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		return this.streams.open(chat, lastEventId);
	}

}
