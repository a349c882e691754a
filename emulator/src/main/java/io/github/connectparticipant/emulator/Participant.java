package io.github.connectparticipant.emulator;

/** A participant of a contact; guarded by the contact's lock. */
final class Participant {

	final String id;

	final String contactId;

	final ParticipantRole role;

	final String displayName;

	boolean connected;

	boolean disconnected;

	Participant(String id, String contactId, ParticipantRole role, String displayName) {
		this.id = id;
		this.contactId = contactId;
		this.role = role;
		this.displayName = displayName;
	}

	@Override
	public String toString() {
		return "Participant[" + this.id + ", " + this.role + "]";
	}

}
