package io.github.connectparticipant.emulator;

import java.util.Locale;

/** The roles a chat participant has, as the service names them on the wire. */
enum ParticipantRole {

	AGENT, CUSTOMER, SYSTEM, CUSTOM_BOT, SUPERVISOR;

	/** The role the control API names, or a validation error listing the roles. */
	static ParticipantRole parse(String role) {
		if (role != null) {
			for (ParticipantRole candidate : values()) {
				if (candidate.name().equals(role)) {
					return candidate;
				}
			}
		}
		throw ApiException.validation("role must be one of AGENT, CUSTOMER, SYSTEM, CUSTOM_BOT, SUPERVISOR");
	}

	/** The name a participant of this role gets when the control API gives none. */
	String defaultDisplayName() {
		return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the chat's end makes this participant leave: the customer and the system
	 * are not participants that leave.
	 */
	boolean leavesWhenChatEnds() {
		return this != CUSTOMER && this != SYSTEM;
	}

}
