package io.github.connectparticipant.sample.chat;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample application under {@code sample.*}: where chats are started on
 * Amazon Connect, and how many are kept open.
 *
 * @param connect Amazon Connect's own API, which StartChatContact belongs to
 * @param chats the chats the application keeps
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue Connect connect, @DefaultValue Chats chats) {

	/**
	 * Amazon Connect's own API, which StartChatContact belongs to.
	 *
	 * @param instanceId id of the Amazon Connect instance chats are started on. Required
	 * with Amazon Connect; any value is accepted by the embedded emulator.
	 * @param contactFlowId id of the contact flow the started chats run. Required with
	 * Amazon Connect; any value is accepted by the embedded emulator.
	 * @param endpoint endpoint of Amazon Connect's API, overriding the one derived from
	 * connect.participant.region. Ignored while the embedded emulator runs.
	 */
	public record Connect(@Nullable String instanceId, @Nullable String contactFlowId, @Nullable URI endpoint) {
	}

	/**
	 * The chats the application keeps.
	 *
	 * @param maxOpen largest number of chats kept; beyond it the least recently used chat
	 * is forgotten and its handle answers 404
	 */
	public record Chats(@DefaultValue("1000") int maxOpen) {
	}

}
