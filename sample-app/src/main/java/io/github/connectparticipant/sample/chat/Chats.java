package io.github.connectparticipant.sample.chat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.connectparticipant.connection.ParticipantConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The chats the application keeps, by opaque handle: 128 random bits, URL-safe, that
 * reveal nothing and map to the participant connection on the server. Each chat kept has
 * its chat session open ({@link ChatSessionKeeper}). At most
 * {@code sample.chats.max-open} are kept; beyond that the least recently used is
 * forgotten and its session closed.
 * <p>
 * As a {@link Converter} bean it turns a handle in a request path into its chat, so that
 * a controller takes {@code @PathVariable Chat chat}; a handle no chat has fails the
 * conversion with {@link UnknownChatException}, answered with 404.
 */
@Component
public class Chats implements Converter<String, Chat> {

	private static final int HANDLE_BYTES = 16;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Chat> chats;

	private final ChatSessionKeeper sessions;

	/** The chat the last {@link #add} pushed out, guarded by {@link #chats}. */
	private @Nullable Chat forgotten;

	Chats(SampleProperties properties, ChatSessionKeeper sessions) {
		this.sessions = sessions;
		int maxOpen = properties.chats().maxOpen();
		Assert.isTrue(maxOpen >= 1, "sample.chats.max-open must be at least 1");
		this.chats = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Chat> eldest) {
				if (size() > maxOpen) {
					Chats.this.forgotten = eldest.getValue();
					return true;
				}
				return false;
			}

		};
	}

	/**
	 * Keep a new chat under a fresh handle and open its session.
	 * @param displayName the customer's display name
	 * @param contactId the contact id
	 * @param connection the customer's connection
	 * @return the chat
	 */
	Chat add(String displayName, String contactId, ParticipantConnection connection) {
		byte[] bytes = new byte[HANDLE_BYTES];
		this.random.nextBytes(bytes);
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Chat chat = new Chat(id, displayName, contactId, Instant.now(), connection);
		Chat pushedOut;
		synchronized (this.chats) {
			this.chats.put(id, chat);
			pushedOut = this.forgotten;
			this.forgotten = null;
		}
		if (pushedOut != null) {
			this.sessions.close(pushedOut);
		}
		this.sessions.open(chat);
		return chat;
	}

	/**
	 * Return the chat with this handle.
	 * @param id the handle
	 * @return the chat
	 * @throws UnknownChatException if no chat has this handle
	 */
	public Chat get(String id) {
		Chat chat;
		synchronized (this.chats) {
			chat = this.chats.get(id);
		}
		if (chat == null) {
			throw new UnknownChatException();
		}
		return chat;
	}

	@Override
	public Chat convert(String id) {
		return get(id);
	}

}
