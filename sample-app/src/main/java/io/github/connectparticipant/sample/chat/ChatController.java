package io.github.connectparticipant.sample.chat;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.connectparticipant.sample.chat.ChatService.SentMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts chats and sends messages:
 * <ul>
 * <li>{@code POST /api/chats} {@code {"displayName": "Ada"}}: 201 with the chat's opaque
 * id;</li>
 * <li>{@code GET /api/chats/{chat}}: the chat;</li>
 * <li>{@code POST /api/chats/{chat}/messages} {@code {"content": "Hello"}}: 201 with the
 * message's id and time.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/chats")
class ChatController {

	private final ChatService service;

	ChatController(ChatService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ChatView> start(@RequestBody StartChatRequest request) {
		Chat chat = this.service.start(request.displayName());
		ChatView view = ChatView.of(chat);
		return ResponseEntity.created(URI.create(view.links().get("self"))).body(view);
	}

	@GetMapping("/{chat}")
	ChatView get(@PathVariable Chat chat) {
		return ChatView.of(chat);
	}

	@PostMapping(path = "/{chat}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SentMessage> send(@PathVariable Chat chat, @RequestBody SendMessageRequest request) {
		SentMessage sent = this.service.send(chat, request.content());
		return ResponseEntity.status(HttpStatus.CREATED).body(sent);
	}

	/**
	 * Body of {@code POST /api/chats}.
	 *
	 * @param displayName the customer's display name, 1 to 256 characters
	 */
	record StartChatRequest(@Nullable String displayName) {
	}

	/**
	 * Body of {@code POST /api/chats/{chat}/messages}.
	 *
	 * @param content the text, 1 to 1024 characters
	 */
	record SendMessageRequest(@Nullable String content) {
	}

	/**
	 * A chat as clients see it: no token, only the opaque id.
	 *
	 * @param id the chat's opaque id
	 * @param displayName the customer's display name
	 * @param contactId Amazon Connect's contact id
	 * @param startedAt when the chat started
	 * @param links where to go next
	 */
	record ChatView(String id, String displayName, String contactId, Instant startedAt, Map<String, String> links) {

		static ChatView of(Chat chat) {
			String self = "/api/chats/" + chat.id();
			Map<String, String> links = new LinkedHashMap<>();
			links.put("self", self);
			links.put("messages", self + "/messages");
			links.put("attachments", self + "/attachments");
			links.put("transcript", self + "/transcript");
			links.put("export", self + "/transcript/export");
			links.put("events", self + "/events");
			return new ChatView(chat.id(), chat.displayName(), chat.contactId(), chat.startedAt(), links);
		}

	}

}
