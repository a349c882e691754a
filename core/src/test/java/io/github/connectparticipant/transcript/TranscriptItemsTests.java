package io.github.connectparticipant.transcript;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the service's names of item types and participant roles become the library's.
 */
class TranscriptItemsTests {

	@Test
	void namesAreLookedUpExactly() {
		// every constant, so that one added without its case in fromValue fails here
		for (TranscriptItemType type : TranscriptItemType.values()) {
			assertThat(TranscriptItemType.fromValue(type.name())).isSameAs(type);
		}
		assertThat(TranscriptItemType.fromValue(null)).isEqualTo(TranscriptItemType.UNKNOWN);
		assertThat(TranscriptItemType.fromValue("message")).isEqualTo(TranscriptItemType.UNKNOWN);
		assertThat(TranscriptItemType.fromValue("")).isEqualTo(TranscriptItemType.UNKNOWN);
		for (ParticipantRole role : ParticipantRole.values()) {
			assertThat(ParticipantRole.fromValue(role.name())).isSameAs(role);
		}
		assertThat(ParticipantRole.fromValue(null)).isNull();
		assertThat(ParticipantRole.fromValue("agent")).isEqualTo(ParticipantRole.UNKNOWN);
		assertThat(ParticipantRole.fromValue("")).isEqualTo(ParticipantRole.UNKNOWN);
	}

}
