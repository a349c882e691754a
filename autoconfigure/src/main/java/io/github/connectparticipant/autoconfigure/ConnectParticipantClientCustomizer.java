package io.github.connectparticipant.autoconfigure;

import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClientBuilder;

/**
 * Callback that adjusts the auto-configured {@code ConnectParticipantClient}'s builder
 * before the client is built (on its first use), without replacing the client.
 * Customizers run in {@link org.springframework.core.Ordered} order, after the starter's
 * own settings.
 */
@FunctionalInterface
public interface ConnectParticipantClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the client
	 */
	void customize(ConnectParticipantClientBuilder builder);

}
