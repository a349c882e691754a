package io.github.connectparticipant.transcript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Single pages, the item model, filters and lazy streaming against the emulator.
 */
class TranscriptServiceIntegrationTests {

	private static final String GET = ParticipantOperation.GET_TRANSCRIPT.operationName();

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private void addAgentMessages(int count) {
		for (int i = 0; i < count; i++) {
			fixture.emulator().addMessage(fixture.chat().contactId(), "AGENT", "Alex", "message " + i);
		}
	}

	@Test
	void firstPageHasTheServiceDefaultsNewestFirstTenItems() {
		addAgentMessages(25);
		TranscriptPage page = fixture.transcripts().page(fixture.connection(), TranscriptQuery.newestFirst());
		assertThat(page.items()).hasSize(10);
		assertThat(page.items()).extracting(TranscriptItem::content)
			.containsExactly("message 24", "message 23", "message 22", "message 21", "message 20", "message 19",
					"message 18", "message 17", "message 16", "message 15");
		assertThat(page.hasNextPage()).isTrue();
		TranscriptPage next = fixture.transcripts()
			.page(fixture.connection(), TranscriptQuery.newestFirst(), page.nextToken());
		assertThat(next.items().get(0).content()).isEqualTo("message 14");
	}

	@Test
	void itemsCarryEveryField() {
		Instant before = Instant.now().minusSeconds(1);
		fixture.emulator().addMessage(fixture.chat().contactId(), "AGENT", "Alex", "Hello there");
		String messageId = fixture.client()
			.sendMessage((request) -> request.connectionToken(fixture.connection().connectionToken())
				.contentType("text/plain")
				.content("Hi Alex"))
			.id();
		Attachment attachment = fixture.attachments()
			.upload(fixture.connection(),
					AttachmentUpload.of(new ByteArrayResource(new byte[] { 1, 2, 3 }))
						.withName("photo.png")
						.awaitingScan());
		fixture.client()
			.sendEvent((request) -> request.connectionToken(fixture.connection().connectionToken())
				.contentType("application/vnd.amazonaws.connect.event.message.read")
				.content("{\"messageId\":\"" + messageId + "\"}"));
		fixture.emulator().endChat(fixture.chat().contactId());
		List<TranscriptItem> items;
		try (Stream<TranscriptItem> stream = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst())) {
			items = stream.toList();
		}
		assertThat(items).allSatisfy((item) -> {
			assertThat(item.id()).isNotEmpty();
			assertThat(item.time()).isAfter(before);
			assertThat(item.contactId()).isEqualTo(fixture.chat().contactId());
		});
		assertThat(items.get(0).type()).isEqualTo(TranscriptItemType.EVENT);
		assertThat(items.get(0).contentType()).isEqualTo("application/vnd.amazonaws.connect.event.participant.joined");
		assertThat(items.get(0).role()).isEqualTo(ParticipantRole.CUSTOMER);
		assertThat(items.get(0).isEvent()).isTrue();
		TranscriptItem agent = items.stream().filter((item) -> "Hello there".equals(item.content())).findFirst().get();
		assertThat(agent.type()).isEqualTo(TranscriptItemType.MESSAGE);
		assertThat(agent.role()).isEqualTo(ParticipantRole.AGENT);
		assertThat(agent.displayName()).isEqualTo("Alex");
		assertThat(agent.contentType()).isEqualTo("text/plain");
		TranscriptItem customer = items.stream().filter((item) -> item.id().equals(messageId)).findFirst().get();
		assertThat(customer.role()).isEqualTo(ParticipantRole.CUSTOMER);
		assertThat(customer.participantId()).isEqualTo(fixture.chat().participantId());
		assertThat(customer.displayName()).isEqualTo("Customer");
		assertThat(customer.messageMetadata()).isNotNull();
		assertThat(customer.messageMetadata().messageId()).isEqualTo(messageId);
		assertThat(customer.messageMetadata().receipts()).singleElement().satisfies((receipt) -> {
			assertThat(receipt.recipientParticipantId()).isEqualTo(fixture.chat().participantId());
			assertThat(receipt.readAt()).isNotNull();
			assertThat(receipt.deliveredAt()).isNotNull();
		});
		TranscriptItem shared = items.stream().filter(TranscriptItem::isAttachment).findFirst().get();
		assertThat(shared.attachments()).singleElement().satisfies((shown) -> {
			assertThat(shown.id()).isEqualTo(attachment.id());
			assertThat(shown.name()).isEqualTo("photo.png");
			assertThat(shown.contentType()).isEqualTo("image/png");
			assertThat(shown.status()).isEqualTo(AttachmentStatus.APPROVED);
		});
		assertThat(items.get(items.size() - 1).contentType())
			.isEqualTo("application/vnd.amazonaws.connect.event.chat.ended");
		assertThat(items).extracting(TranscriptItem::time).isSorted();
	}

	@Test
	void forwardWithoutAStartPositionIsRefusedBeforeAnythingIsSent() {
		assertThatIllegalArgumentException().isThrownBy(() -> fixture.transcripts()
			.page(fixture.connection(),
					TranscriptQuery.builder().direction(ScanDirection.FORWARD).maxResults(5).build()));
		assertThat(fixture.emulator().requestCount(GET)).isZero();
	}

	@Test
	void startPositions() {
		addAgentMessages(30);
		List<TranscriptItem> all;
		try (Stream<TranscriptItem> items = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst())) {
			all = items.toList();
		}
		String fourth = all.stream().filter((item) -> "message 4".equals(item.content())).findFirst().get().id();
		TranscriptPage fromId = fixture.transcripts()
			.page(fixture.connection(),
					TranscriptQuery.builder()
						.forward(StartPosition.ofItemId(fourth))
						.sortOrder(SortOrder.ASCENDING)
						.maxResults(3)
						.build());
		assertThat(fromId.items()).extracting(TranscriptItem::content)
			.containsExactly("message 4", "message 5", "message 6");
		TranscriptPage mostRecent = fixture.transcripts()
			.page(fixture.connection(),
					TranscriptQuery.builder()
						.startPosition(StartPosition.mostRecent(2))
						.sortOrder(SortOrder.ASCENDING)
						.build());
		assertThat(mostRecent.items()).extracting(TranscriptItem::content)
			.containsExactly("message 27", "message 28", "message 29");
		Instant time = fromId.items().get(0).time();
		TranscriptPage fromTime = fixture.transcripts()
			.page(fixture.connection(),
					TranscriptQuery.builder().backward(StartPosition.ofTime(time)).maxResults(100).build());
		assertThat(fromTime.items()).allSatisfy((item) -> assertThat(item.time()).isBeforeOrEqualTo(time));
		assertThat(fromTime.items()).extracting(TranscriptItem::content).contains("message 4", "message 0");
	}

	@Test
	void nextTokenOfAnotherQueryIsRefusedWithoutRetry() {
		addAgentMessages(15);
		String token = fixture.transcripts().page(fixture.connection(), TranscriptQuery.newestFirst()).nextToken();
		long before = fixture.emulator().requestCount(GET);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> fixture.transcripts()
				.page(fixture.connection(), TranscriptQuery.builder().sortOrder(SortOrder.ASCENDING).build(), token))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("ValidationException");
				assertThat(ex.getAttempts()).isEqualTo(1);
			});
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(before + 1);
	}

	@Test
	void pageCallsAreRetried() {
		addAgentMessages(3);
		fixture.emulator()
			.setFaults(5, List.of(FaultRule.times(GET, "THROTTLE", 1), FaultRule.times(GET, "SERVER_ERROR", 1),
					FaultRule.times(GET, "DROP_BEFORE", 1)));
		assertThat(fixture.transcripts().page(fixture.connection(), TranscriptQuery.newestFirst()).items())
			.extracting(TranscriptItem::content)
			.startsWith("message 2", "message 1", "message 0");
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(4);
	}

	@Test
	void streamFetchesPagesOnlyWhenNeeded() {
		addAgentMessages(250);
		try (Stream<TranscriptItem> items = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.builder().maxResults(50).build())) {
			assertThat(fixture.emulator().requestCount(GET)).isZero();
			assertThat(items.limit(60)).hasSize(60);
		}
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(2);
	}

	@Test
	void streamUsesTheConfiguredPageSizeWhenTheQueryGivesNone() {
		addAgentMessages(20);
		TranscriptService smallPages = fixture.transcripts(TestClients.fastSettings().transcriptPageSize(7).build());
		try (Stream<TranscriptItem> items = smallPages.stream(fixture.connection(), TranscriptQuery.newestFirst())) {
			// the customer's and the agent's joined events and 20 messages: pages of 7,
			// 7, 7 and 1
			assertThat(items).hasSize(22);
		}
		assertThat(fixture.emulator().requestCount(GET)).isEqualTo(4);
	}

	@Test
	void streamFilters() {
		fixture.emulator().addMessage(fixture.chat().contactId(), "AGENT", "Alex", "from agent");
		fixture.emulator().addMessage(fixture.chat().contactId(), "CUSTOM_BOT", "Bot", "from bot");
		fixture.client()
			.sendMessage((request) -> request.connectionToken(fixture.connection().connectionToken())
				.contentType("text/plain")
				.content("from customer"));
		fixture.attachments()
			.upload(fixture.connection(),
					AttachmentUpload.of(new ByteArrayResource(new byte[] { 1 })).withName("a.txt"));
		assertThat(contents(TranscriptFilter.messages())).containsExactly("from agent", "from bot", "from customer");
		assertThat(contents(TranscriptFilter.messages()
			.and(TranscriptFilter.roles(ParticipantRole.AGENT, ParticipantRole.CUSTOM_BOT))))
			.containsExactly("from agent", "from bot");
		try (Stream<TranscriptItem> customer = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst(),
					TranscriptFilter.roles(ParticipantRole.CUSTOMER))) {
			assertThat(customer).extracting(TranscriptItem::type)
				.containsExactly(TranscriptItemType.EVENT, TranscriptItemType.MESSAGE, TranscriptItemType.ATTACHMENT);
		}
		try (Stream<TranscriptItem> attachments = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst(), TranscriptFilter.attachments())) {
			assertThat(attachments).singleElement()
				.satisfies((item) -> assertThat(item.attachments().get(0).name()).isEqualTo("a.txt"));
		}
	}

	private List<String> contents(TranscriptFilter filter) {
		try (Stream<TranscriptItem> items = fixture.transcripts()
			.stream(fixture.connection(), TranscriptQuery.oldestFirst(), filter)) {
			return items.map(TranscriptItem::content).toList();
		}
	}

	@Test
	void transcriptStaysReadableAfterTheChatEnded() {
		addAgentMessages(2);
		fixture.connection().connectionToken();
		fixture.emulator().endChat(fixture.chat().contactId());
		fixture.emulator().advanceClock(Duration.ofMinutes(1));
		assertThat(fixture.transcripts().page(fixture.connection(), TranscriptQuery.newestFirst()).items())
			.isNotEmpty();
	}

}
