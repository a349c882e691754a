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
		for (ParticipantRole role : values()) {
			if (role.name().equals(value)) {
				return role;
			}
		}
		return UNKNOWN;
	}

}
