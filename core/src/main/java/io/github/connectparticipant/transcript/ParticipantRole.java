package io.github.connectparticipant.transcript;

import org.jspecify.annotations.Nullable;

/**
 * The role of the participant who wrote a transcript item.
 */
public enum ParticipantRole {

	/**
	 * A contact-center agent.
	 */
	AGENT,

	/**
	 * The customer.
	 */
	CUSTOMER,

	/**
	 * Amazon Connect itself (for example a flow's message).
	 */
	SYSTEM,

	/**
	 * A custom bot.
	 */
	CUSTOM_BOT,

	/**
	 * A supervisor.
	 */
	SUPERVISOR,

	/**
	 * A role this version of the library does not know.
	 */
	UNKNOWN;

	/**
	 * Return the role for the service's value.
	 * @param value the service's role, possibly {@code null}
	 * @return the role, {@code null} when none was given, {@link #UNKNOWN} when not
	 * recognised
	 */
	public static @Nullable ParticipantRole fromValue(@Nullable String value) {
		if (value == null) {
			return null;
		}
		// a switch rather than values() (a copy for every item) or a map (whose lookup
		// JIT-compiles slower)
		return switch (value) {
			case "AGENT" -> AGENT;
			case "CUSTOMER" -> CUSTOMER;
			case "SYSTEM" -> SYSTEM;
			case "CUSTOM_BOT" -> CUSTOM_BOT;
			case "SUPERVISOR" -> SUPERVISOR;
			default -> UNKNOWN;
		};
	}

}
