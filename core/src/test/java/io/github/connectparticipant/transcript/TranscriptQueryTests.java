package io.github.connectparticipant.transcript;

import java.time.Instant;
import java.util.List;

import io.github.connectparticipant.ServiceTime;
import io.github.connectparticipant.attachment.AttachmentStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The transcript model's own rules, checked before anything is sent.
 */
class TranscriptQueryTests {

	@Test
	void everythingLeftOutTakesTheServiceDefault() {
		TranscriptQuery query = TranscriptQuery.newestFirst();
		assertThat(query.maxResults()).isNull();
		assertThat(query.direction()).isNull();
		assertThat(query.sortOrder()).isNull();
		assertThat(query.startPosition()).isNull();
		assertThat(query.effectiveDirection()).isEqualTo(ScanDirection.BACKWARD);
		assertThat(TranscriptQuery.builder().startPosition(StartPosition.mostRecent(3)).build().effectiveDirection())
			.isEqualTo(ScanDirection.FORWARD);
	}

	@Test
	void forwardNeedsAStartPosition() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TranscriptQuery.builder().direction(ScanDirection.FORWARD).build())
			.withMessageContaining("FORWARD needs a start position")
			.withMessageContaining("StartPosition.beginning()");
		assertThat(TranscriptQuery.oldestFirst().direction()).isEqualTo(ScanDirection.FORWARD);
		assertThat(TranscriptQuery.oldestFirst().startPosition().time()).isEqualTo(Instant.EPOCH);
	}

	@Test
	void maxResultsIsOneToOneHundred() {
		assertThatIllegalArgumentException().isThrownBy(() -> TranscriptQuery.builder().maxResults(0).build())
			.withMessageContaining("1 to 100");
		assertThatIllegalArgumentException().isThrownBy(() -> TranscriptQuery.builder().maxResults(101).build());
		assertThat(TranscriptQuery.builder().maxResults(100).build().maxResults()).isEqualTo(100);
	}

	@Test
	void startPositionTakesExactlyOneValueInRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StartPosition(null, null, null))
			.withMessageContaining("exactly one");
		assertThatIllegalArgumentException().isThrownBy(() -> new StartPosition("id", Instant.EPOCH, null));
		assertThatIllegalArgumentException().isThrownBy(() -> StartPosition.mostRecent(101));
		assertThatIllegalArgumentException().isThrownBy(() -> StartPosition.mostRecent(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> StartPosition.ofItemId(""));
		assertThatIllegalArgumentException().isThrownBy(() -> StartPosition.ofItemId("x".repeat(257)));
		assertThat(StartPosition.mostRecent(0).mostRecent()).isZero();
	}

	@Test
	void timesAreSentWithMillisecondPrecision() {
		assertThat(ServiceTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
		assertThat(ServiceTime.format(Instant.parse("2019-11-08T02:41:28.172987Z")))
			.isEqualTo("2019-11-08T02:41:28.172Z");
		assertThat(ServiceTime.parse("2019-11-08T02:41:28.172Z")).isEqualTo(Instant.parse("2019-11-08T02:41:28.172Z"));
		assertThat(ServiceTime.parse("2019-11-08T03:41:28.172+01:00"))
			.isEqualTo(Instant.parse("2019-11-08T02:41:28.172Z"));
		assertThat(ServiceTime.parse("yesterday")).isNull();
	}

	@Test
	void emptyNextTokenEndsPagingLikeNone() {
		assertThat(new TranscriptPage(List.of(), "", null).nextToken()).isNull();
		assertThat(new TranscriptPage(List.of(), "", null).hasNextPage()).isFalse();
		assertThat(new TranscriptPage(List.of(), "abc", null).hasNextPage()).isTrue();
	}

	@Test
	void unknownServiceValuesMapToUnknown() {
		assertThat(TranscriptItemType.fromValue("HOLOGRAM")).isEqualTo(TranscriptItemType.UNKNOWN);
		assertThat(ParticipantRole.fromValue("ROBOT")).isEqualTo(ParticipantRole.UNKNOWN);
		assertThat(ParticipantRole.fromValue(null)).isNull();
		assertThat(AttachmentStatus.fromValue("QUARANTINED")).isEqualTo(AttachmentStatus.UNKNOWN);
	}

	@Test
	void filtersCombine() {
		TranscriptItem agentMessage = item(TranscriptItemType.MESSAGE, ParticipantRole.AGENT);
		TranscriptItem customerMessage = item(TranscriptItemType.MESSAGE, ParticipantRole.CUSTOMER);
		TranscriptItem agentAttachment = item(TranscriptItemType.ATTACHMENT, ParticipantRole.AGENT);
		TranscriptItem event = item(TranscriptItemType.EVENT, null);
		TranscriptFilter agentMessages = TranscriptFilter.messages().and(TranscriptFilter.roles(ParticipantRole.AGENT));
		assertThat(List.of(agentMessage, customerMessage, agentAttachment, event).stream().filter(agentMessages::test))
			.containsExactly(agentMessage);
		assertThat(TranscriptFilter.attachments().test(agentAttachment)).isTrue();
		assertThat(TranscriptFilter.roles(ParticipantRole.CUSTOMER, ParticipantRole.SYSTEM).test(event)).isFalse();
		assertThat(event.isEvent()).isTrue();
	}

	private static TranscriptItem item(TranscriptItemType type, ParticipantRole role) {
		return new TranscriptItem("id", type, role, null, null, null, null, null, List.of(), null, null, null);
	}

}
