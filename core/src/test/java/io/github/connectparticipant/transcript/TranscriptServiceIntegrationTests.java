package io.github.connectparticipant.transcript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.InvalidRequestException;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.StartedChat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Single pages, the item model, filters and lazy streaming against the emulator.
 */
@Timeout(60)
class TranscriptServiceIntegrationTests {

	private static final String GET = "GetTranscript";

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private final ConnectParticipantSettings settings = TestClients.fastSettings().build();

	private TranscriptService transcripts;

	private StartedChat chat;

	private ParticipantConnection connection;

	@BeforeEach
	void startChat() {
		this.transcripts = fixture.transcripts(this.settings);
		this.chat = emulator().startChat("Casey");
		this.connection = fixture.connect(this.chat, this.settings);
	}

	private ConnectParticipantEmulator emulator() {
		return fixture.emulator();
	}

	private void addAgentMessages(int count) {
		for (int i = 0; i < count; i++) {
			emulator().addMessage(this.chat.contactId(), "AGENT", "Alex", "message " + i);
		}
	}

	@Test
	void firstPageHasTheServiceDefaultsNewestFirstTenItems() {
		addAgentMessages(25);
		TranscriptPage page = this.transcripts.page(this.connection, TranscriptQuery.newestFirst());
		assertThat(page.items()).hasSize(10);
		assertThat(page.items()).extracting(TranscriptItem::content)
			.containsExactly("message 24", "message 23", "message 22", "message 21", "message 20", "message 19",
					"message 18", "message 17", "message 16", "message 15");
		assertThat(page.hasNextPage()).isTrue();
		TranscriptPage next = this.transcripts.page(this.connection, TranscriptQuery.newestFirst(), page.nextToken());
		assertThat(next.items().get(0).content()).isEqualTo("message 14");
	}

	@Test
	void itemsCarryEveryField() {
		Instant before = Instant.now().minusSeconds(1);
		emulator().addMessage(this.chat.contactId(), "AGENT", "Alex", "Hello Casey");
		String messageId = fixture.client()
			.sendMessage((request) -> request.connectionToken(this.connection.connectionToken())
				.contentType("text/plain")
				.content("Hi Alex"))
			.id();
		Attachment attachment = fixture.attachments(this.settings)
			.upload(this.connection,
					AttachmentUpload.of(new ByteArrayResource(new byte[] { 1, 2, 3 }))
						.withName("photo.png")
						.awaitingScan());
		fixture.client()
			.sendEvent((request) -> request.connectionToken(this.connection.connectionToken())
				.contentType("application/vnd.amazonaws.connect.event.message.read")
				.content("{\"messageId\":\"" + messageId + "\"}"));
		emulator().endChat(this.chat.contactId());
		List<TranscriptItem> items;
		try (Stream<TranscriptItem> stream = this.transcripts.stream(this.connection, TranscriptQuery.oldestFirst())) {
			items = stream.toList();
		}
		assertThat(items).allSatisfy((item) -> {
			assertThat(item.id()).isNotEmpty();
			assertThat(item.time()).isAfter(before);
			assertThat(item.contactId()).isEqualTo(this.chat.contactId());
		});
		assertThat(items.get(0).type()).isEqualTo(TranscriptItemType.EVENT);
		assertThat(items.get(0).contentType()).isEqualTo("application/vnd.amazonaws.connect.event.participant.joined");
		assertThat(items.get(0).role()).isEqualTo(ParticipantRole.CUSTOMER);
		assertThat(items.get(0).isEvent()).isTrue();
		TranscriptItem agent = items.stream().filter((item) -> "Hello Casey".equals(item.content())).findFirst().get();
		assertThat(agent.type()).isEqualTo(TranscriptItemType.MESSAGE);
		assertThat(agent.role()).isEqualTo(ParticipantRole.AGENT);
		assertThat(agent.displayName()).isEqualTo("Alex");
		assertThat(agent.contentType()).isEqualTo("text/plain");
		TranscriptItem customer = items.stream().filter((item) -> item.id().equals(messageId)).findFirst().get();
		assertThat(customer.role()).isEqualTo(ParticipantRole.CUSTOMER);
		assertThat(customer.participantId()).isEqualTo(this.chat.participantId());
		assertThat(customer.displayName()).isEqualTo("Casey");
		assertThat(customer.messageMetadata()).isNotNull();
		assertThat(customer.messageMetadata().messageId()).isEqualTo(messageId);
		assertThat(customer.messageMetadata().receipts()).singleElement().satisfies((receipt) -> {
			assertThat(receipt.recipientParticipantId()).isEqualTo(this.chat.participantId());
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
		assertThatIllegalArgumentException().isThrownBy(() -> this.transcripts.page(this.connection,
				TranscriptQuery.builder().direction(ScanDirection.FORWARD).maxResults(5).build()));
		assertThat(emulator().requestCount(GET)).isZero();
	}

	@Test
	void startPositions() {
		addAgentMessages(30);
		List<TranscriptItem> all;
		try (Stream<TranscriptItem> items = this.transcripts.stream(this.connection, TranscriptQuery.oldestFirst())) {
			all = items.toList();
		}
		String fourth = all.stream().filter((item) -> "message 4".equals(item.content())).findFirst().get().id();
		TranscriptPage fromId = this.transcripts.page(this.connection,
				TranscriptQuery.builder()
					.forward(StartPosition.ofItemId(fourth))
					.sortOrder(SortOrder.ASCENDING)
					.maxResults(3)
					.build());
		assertThat(fromId.items()).extracting(TranscriptItem::content)
			.containsExactly("message 4", "message 5", "message 6");
		TranscriptPage mostRecent = this.transcripts.page(this.connection,
				TranscriptQuery.builder()
					.startPosition(StartPosition.mostRecent(2))
					.sortOrder(SortOrder.ASCENDING)
					.build());
		assertThat(mostRecent.items()).extracting(TranscriptItem::content)
			.containsExactly("message 27", "message 28", "message 29");
		Instant time = fromId.items().get(0).time();
		TranscriptPage fromTime = this.transcripts.page(this.connection,
				TranscriptQuery.builder().backward(StartPosition.ofTime(time)).maxResults(100).build());
		assertThat(fromTime.items()).allSatisfy((item) -> assertThat(item.time()).isBeforeOrEqualTo(time));
		assertThat(fromTime.items()).extracting(TranscriptItem::content).contains("message 4", "message 0");
	}

	@Test
	void nextTokenOfAnotherQueryIsRefusedWithoutRetry() {
		addAgentMessages(15);
		String token = this.transcripts.page(this.connection, TranscriptQuery.newestFirst()).nextToken();
		long before = emulator().requestCount(GET);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.transcripts.page(this.connection,
					TranscriptQuery.builder().sortOrder(SortOrder.ASCENDING).build(), token))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("ValidationException");
				assertThat(ex.getAttempts()).isEqualTo(1);
			});
		assertThat(emulator().requestCount(GET)).isEqualTo(before + 1);
	}

	@Test
	void pageCallsAreRetried() {
		addAgentMessages(3);
		emulator().setFaults(5, List.of(FaultRule.times(GET, "THROTTLE", 1), FaultRule.times(GET, "SERVER_ERROR", 1),
				FaultRule.times(GET, "DROP_BEFORE", 1)));
		assertThat(this.transcripts.page(this.connection, TranscriptQuery.newestFirst()).items())
			.extracting(TranscriptItem::content)
			.startsWith("message 2", "message 1", "message 0");
		assertThat(emulator().requestCount(GET)).isEqualTo(4);
	}

	@Test
	void streamFetchesPagesOnlyWhenNeeded() {
		addAgentMessages(250);
		try (Stream<TranscriptItem> items = this.transcripts.stream(this.connection,
				TranscriptQuery.builder().maxResults(50).build())) {
			assertThat(emulator().requestCount(GET)).isZero();
			assertThat(items.limit(60)).hasSize(60);
		}
		assertThat(emulator().requestCount(GET)).isEqualTo(2);
	}

	@Test
	void streamUsesTheConfiguredPageSizeWhenTheQueryGivesNone() {
		addAgentMessages(20);
		TranscriptService smallPages = fixture.transcripts(TestClients.fastSettings().transcriptPageSize(7).build());
		try (Stream<TranscriptItem> items = smallPages.stream(this.connection, TranscriptQuery.newestFirst())) {
			// the customer's and the agent's joined events and 20 messages: pages of 7,
			// 7, 7 and 1
			assertThat(items).hasSize(22);
		}
		assertThat(emulator().requestCount(GET)).isEqualTo(4);
	}

	@Test
	void streamFilters() {
		emulator().addMessage(this.chat.contactId(), "AGENT", "Alex", "from agent");
		emulator().addMessage(this.chat.contactId(), "CUSTOM_BOT", "Bot", "from bot");
		fixture.client()
			.sendMessage((request) -> request.connectionToken(this.connection.connectionToken())
				.contentType("text/plain")
				.content("from customer"));
		fixture.attachments(this.settings)
			.upload(this.connection, AttachmentUpload.of(new ByteArrayResource(new byte[] { 1 })).withName("a.txt"));
		assertThat(contents(TranscriptFilter.messages())).containsExactly("from agent", "from bot", "from customer");
		assertThat(contents(TranscriptFilter.messages()
			.and(TranscriptFilter.roles(ParticipantRole.AGENT, ParticipantRole.CUSTOM_BOT))))
			.containsExactly("from agent", "from bot");
		try (Stream<TranscriptItem> customer = this.transcripts.stream(this.connection, TranscriptQuery.oldestFirst(),
				TranscriptFilter.roles(ParticipantRole.CUSTOMER))) {
			assertThat(customer).extracting(TranscriptItem::type)
				.containsExactly(TranscriptItemType.EVENT, TranscriptItemType.MESSAGE, TranscriptItemType.ATTACHMENT);
		}
		try (Stream<TranscriptItem> attachments = this.transcripts.stream(this.connection,
				TranscriptQuery.oldestFirst(), TranscriptFilter.attachments())) {
			assertThat(attachments).singleElement()
				.satisfies((item) -> assertThat(item.attachments().get(0).name()).isEqualTo("a.txt"));
		}
	}

	private List<String> contents(TranscriptFilter filter) {
		try (Stream<TranscriptItem> items = this.transcripts.stream(this.connection, TranscriptQuery.oldestFirst(),
				filter)) {
			return items.map(TranscriptItem::content).toList();
		}
	}

	@Test
	void transcriptStaysReadableAfterTheChatEnded() {
		addAgentMessages(2);
		this.connection.connectionToken();
		emulator().endChat(this.chat.contactId());
		emulator().advanceClock(Duration.ofMinutes(1));
		assertThat(this.transcripts.page(this.connection, TranscriptQuery.newestFirst()).items()).isNotEmpty();
	}

}
