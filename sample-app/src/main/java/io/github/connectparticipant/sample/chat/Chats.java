package io.github.connectparticipant.sample.chat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.connectparticipant.connection.ParticipantConnection;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The chats the application keeps, by opaque handle: 128 random bits, URL-safe, that
 * reveal nothing and map to the participant connection on the server. At most
 * {@code sample.chats.max-open} are kept; beyond that the least recently used is
 * forgotten.
 */
@Component
public class Chats {

	private static final int HANDLE_BYTES = 16;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Chat> chats;

	Chats(SampleProperties properties) {
		int maxOpen = properties.getChats().getMaxOpen();
		Assert.isTrue(maxOpen >= 1, "sample.chats.max-open must be at least 1");
		this.chats = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Chat> eldest) {
				return size() > maxOpen;
			}

		};
	}

	/**
	 * Keep a new chat under a fresh handle.
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
		synchronized (this.chats) {
			this.chats.put(id, chat);
		}
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

}
