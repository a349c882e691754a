package io.github.connectparticipant.sample.chat;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.retry.RequestPacer;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.sample.problem.InvalidInputException;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.services.connect.model.StartChatContactResponse;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;

/**
 * Starts chats and sends their text messages.
 * <p>
 * A chat starts with Amazon Connect's StartChatContact (the Connect API, signed with AWS
 * credentials), whose ParticipantToken goes straight into a
 * {@link ParticipantConnectionFactory#fromParticipantToken refreshing participant
 * connection}; the connection is created at once so that a chat that cannot be joined
 * fails here. The chat is kept under an opaque handle; no token leaves this class except
 * inside the connection. Both StartChatContact and SendMessage run with the library's
 * retry policy and one ClientToken per logical call, so a retried call never starts a
 * second chat or sends a message twice. Both AWS SDK clients are built when first needed,
 * not when the service is created: building one loads much of the AWS SDK, which would
 * otherwise slow the application's start (the starter builds its own client once the
 * application is ready, and {@link ConnectApi} Amazon Connect's at the first chat).
 */
@Service
public class ChatService {

	/**
	 * Longest display name Amazon Connect accepts.
	 */
	static final int MAX_DISPLAY_NAME_LENGTH = 256;

	/**
	 * Longest {@code text/plain} message Amazon Connect accepts.
	 */
	static final int MAX_MESSAGE_LENGTH = 1024;

	private final ConnectApi connect;

	private final Supplier<ConnectParticipantClient> participant;

	private final ParticipantConnectionFactory connections;

	private final ContactTarget target;

	private final RetryExecutor executor;

	private final Chats chats;

	ChatService(ConnectApi connect, ObjectProvider<ConnectParticipantClient> participant,
			ParticipantConnectionFactory connections, ContactTarget target, ConnectParticipantSettings settings,
			ObjectProvider<ObservationRegistry> observationRegistry, Chats chats) {
		this.connect = connect;
		this.participant = SingletonSupplier.of(participant::getObject);
		this.connections = connections;
		this.target = target;
		this.executor = new RetryExecutor(settings, observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				new RequestPacer(settings), null);
		this.chats = chats;
	}

	/**
	 * Start a chat for a customer.
	 * @param displayName the customer's display name
	 * @return the chat
	 * @throws InvalidInputException if the display name is empty, too long or holds
	 * control characters
	 * @throws ConnectParticipantException if Amazon Connect refuses the chat or cannot be
	 * reached within the attempt budget
	 */
	public Chat start(@Nullable String displayName) {
		String name = checkDisplayName(displayName);
		String clientToken = UUID.randomUUID().toString();
		StartChatContactResponse response = this.executor
			.observe("chat.start", () -> this.executor.call(ParticipantOperation.START_CHAT_CONTACT,
					(attempt) -> this.connect.startChatContact((request) -> request.instanceId(this.target.instanceId())
						.contactFlowId(this.target.contactFlowId())
						.participantDetails((details) -> details.displayName(name))
						.clientToken(clientToken)
						.overrideConfiguration(attempt.sdkTimeouts()))));
		ParticipantConnection connection = this.connections.fromParticipantToken(response.participantToken());
		connection.connectionToken(); // CreateParticipantConnection now; the token stays
										// inside the connection
		return this.chats.add(name, response.contactId(), connection);
	}

	/**
	 * Send a text message as the chat's customer.
	 * @param chat the chat
	 * @param content the message, 1 to 1024 characters
	 * @return the message's id and time
	 * @throws InvalidInputException if the message is empty or too long
	 * @throws ConnectParticipantException if the service refuses the message (the chat
	 * has ended, say) or cannot be reached within the attempt budget
	 */
	public SentMessage send(Chat chat, @Nullable String content) {
		if (content == null || content.isBlank()) {
			throw new InvalidInputException("content must not be empty");
		}
		int length = content.codePointCount(0, content.length());
		if (length > MAX_MESSAGE_LENGTH) {
			throw new InvalidInputException(
					"content has " + length + " characters; a message holds at most " + MAX_MESSAGE_LENGTH);
		}
		String clientToken = UUID.randomUUID().toString();
		SendMessageResponse response = this.executor.observe("message.send",
				() -> chat.connection()
					.withToken((token) -> this.executor.call(ParticipantOperation.SEND_MESSAGE,
							(attempt) -> this.participant.get()
								.sendMessage((request) -> request.connectionToken(token)
									.contentType("text/plain")
									.content(content)
									.clientToken(clientToken)
									.overrideConfiguration(attempt.sdkTimeouts())))));
		return new SentMessage(response.id(), parseTime(response.absoluteTime()));
	}

	private static String checkDisplayName(@Nullable String displayName) {
		String name = (displayName != null) ? displayName.strip() : "";
		if (name.isEmpty()) {
			throw new InvalidInputException("displayName must not be empty");
		}
		int length = name.codePointCount(0, name.length());
		if (length > MAX_DISPLAY_NAME_LENGTH) {
			throw new InvalidInputException(
					"displayName has " + length + " characters; the limit is " + MAX_DISPLAY_NAME_LENGTH);
		}
		if (name.codePoints().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("displayName must not contain control characters");
		}
		return name;
	}

	private static @Nullable Instant parseTime(@Nullable String time) {
		try {
			return (time != null) ? Instant.parse(time) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A message that was sent.
	 *
	 * @param id the message's id
	 * @param time when the service wrote it, if it said
	 */
	public record SentMessage(String id, @Nullable Instant time) {
	}

}
