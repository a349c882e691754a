package io.github.connectparticipant.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.EmulatorState;
import io.github.connectparticipant.ParticipantAccessDeniedException;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.attachment.Attachment;
import io.github.connectparticipant.attachment.AttachmentStatus;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;
import io.github.connectparticipant.transcript.TranscriptItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Chat sessions against the emulator over real sockets: what they deliver, what they
 * send, and how they end.
 */
class ChatSessionIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	private ChatSessions sessions;

	private ChatControl control;

	private final RecordingListener listener = new RecordingListener();

	@BeforeEach
	void open() {
		this.sessions = TestClients.chatSessions(fixture.client(), fixture.settings(),
				ChatSessionSettings.builder()
					.heartbeatInterval(Duration.ofSeconds(1))
					.initialBackoff(Duration.ofMillis(50))
					.maxBackoff(Duration.ofMillis(500))
					.build());
		this.control = new ChatControl(fixture.baseUri());
	}

	@AfterEach
	void close() {
		this.sessions.close();
	}

	private ChatSession openSession() {
		ChatSession session = this.sessions.open(fixture.connection(), this.listener);
		await().until(() -> this.control.subscribedSockets(fixture.chat().contactId()) == 1
				&& !this.listener.items.isEmpty());
		return session;
	}

	@Test
	void deliversEveryItemTypeOnceInTranscriptOrder() {
		String contactId = fixture.chat().contactId();
		ChatSession session = openSession();
		fixture.emulator().addMessage(contactId, "AGENT", "Sam", "Hello, how can I help?");
		this.control.typing(contactId);
		String mine = session.sendMessage("My invoice is wrong");
		this.control.receipt(contactId, "READ", mine);
		fixture.emulator().updateSettings((builder) -> builder.scanDelay(Duration.ofSeconds(10)));
		Attachment sent = fixture.attachments()
			.upload(fixture.connection(),
					AttachmentUpload.of(new ByteArrayResource("invoice".getBytes(StandardCharsets.US_ASCII)))
						.withName("invoice.txt"));
		assertThat(sent.status()).isEqualTo(AttachmentStatus.IN_PROGRESS);
		await().until(() -> statuses(sent.id()).contains(AttachmentStatus.IN_PROGRESS));
		fixture.emulator().advanceClock(Duration.ofSeconds(11));
		await().until(() -> statuses(sent.id()).contains(AttachmentStatus.APPROVED));
		fixture.emulator().endChat(contactId);
		await().until(() -> this.listener.reason == ChatEndReason.CHAT_ENDED);

		List<String> transcript = EmulatorState.itemIds(fixture.baseUri(), contactId);
		List<String> kept = this.listener.ids().stream().filter(transcript::contains).toList();
		assertThat(new LinkedHashSet<>(kept)).containsExactlyElementsOf(transcript);
		assertThat(statuses(sent.id())).containsExactly(AttachmentStatus.IN_PROGRESS, AttachmentStatus.APPROVED);
		assertThat(kept).hasSize(transcript.size() + 1);
		assertThat(this.listener.items).filteredOn((item) -> item.contentType().endsWith(".typing")).hasSize(1);
		assertThat(this.listener.items).filteredOn((item) -> item.messageMetadata() != null)
			.singleElement()
			.satisfies((item) -> assertThat(item.messageMetadata().messageId()).isEqualTo(mine));
		assertThat(this.listener.messages()).containsExactly("Hello, how can I help?", "My invoice is wrong");
		assertThat(this.listener.items.get(this.listener.items.size() - 1).contentType()).endsWith(".chat.ended");
		assertThat(this.listener.endings).hasValue(1);
		assertThat(this.listener.overlaps).hasValue(0);
		assertThat(session.isOpen()).isFalse();
		assertThat(this.sessions.sessions()).isEmpty();
	}

	private List<AttachmentStatus> statuses(String attachmentId) {
		return this.listener.items.stream()
			.flatMap((item) -> item.attachments().stream())
			.filter((attachment) -> attachment.id().equals(attachmentId))
			.map((attachment) -> attachment.status())
			.toList();
	}

	@Test
	void opensWithOneCreateParticipantConnectionThatAlsoGivesTheConnectionToken() {
		openSession();
		assertThat(fixture.emulator().requestCount(fixture.chat().contactId(), "CreateParticipantConnection"))
			.isEqualTo(1);
		fixture.connection().connectionToken();
		assertThat(fixture.emulator().requestCount(fixture.chat().contactId(), "CreateParticipantConnection"))
			.isEqualTo(1);
	}

	@Test
	void resumesAfterAnItemWithoutRepeatingIt() {
		String contactId = fixture.chat().contactId();
		String first = fixture.emulator().addMessage(contactId, "AGENT", "Sam", "one");
		fixture.emulator().addMessage(contactId, "AGENT", "Sam", "two");
		this.sessions.open(fixture.connection(), this.listener, first);
		await().until(() -> this.listener.messages().contains("two"));
		fixture.emulator().addMessage(contactId, "AGENT", "Sam", "three");
		await().until(() -> this.listener.messages().size() == 2);
		assertThat(this.listener.messages()).containsExactly("two", "three");
	}

	@Test
	void messagesLargerThanTheSocketsBufferArriveWholeOneAfterTheOther() {
		ChatSession session = openSession();
		// JSON content near its 12,000-character limit, escaped once in the item and once
		// more in the frame, outgrows the JDK client's 16 KB buffer: the listener hears
		// such a frame in parts
		String first = "[" + "\"a\",".repeat(2_390) + "\"a\"]";
		String second = "[" + "\"b\",".repeat(2_000) + "\"b\"]";
		session.sendMessage("application/json", first);
		session.sendMessage("short");
		session.sendMessage("application/json", second);
		await().until(() -> this.listener.messages().size() == 3);
		assertThat(this.listener.messages()).containsExactly(first, "short", second);
	}

	@Test
	void aRetriedMessageIsSentOnce() {
		ChatSession session = openSession();
		fixture.emulator().setFaults(1, List.of(FaultRule.times("SendMessage", "DROP_AFTER", 1)));
		String id = session.sendMessage("only once");
		assertThat(fixture.emulator().requestCount(fixture.chat().contactId(), "SendMessage")).isEqualTo(2);
		await().until(() -> this.listener.messages().contains("only once"));
		assertThat(EmulatorState.contact(fixture.baseUri(), fixture.chat().contactId()).get("items").toString())
			.containsOnlyOnce("only once");
		assertThat(this.listener.ids()).containsOnlyOnce(id);
	}

	@Test
	void typingIsSentAtMostOncePerInterval() {
		ChatSession session = openSession();
		assertThat(session.sendTyping()).isTrue();
		assertThat(session.sendTyping()).isFalse();
		assertThat(fixture.emulator().requestCount(fixture.chat().contactId(), "SendEvent")).isEqualTo(1);
	}

	@Test
	void receiptsAreSentOncePerMessageAndNeverAfterTheEnd() {
		ChatSession session = openSession();
		String contactId = fixture.chat().contactId();
		String message = fixture.emulator().addMessage(contactId, "AGENT", "Sam", "Hi");
		String later = fixture.emulator().addMessage(contactId, "AGENT", "Sam", "Still there?");
		assertThat(session.markDelivered(message)).isTrue();
		assertThat(session.markDelivered(message)).isFalse();
		assertThat(session.markRead(message)).isTrue();
		assertThat(session.markRead(message)).isFalse();
		fixture.emulator().endChat(contactId);
		await().until(() -> this.listener.reason == ChatEndReason.CHAT_ENDED);
		assertThat(session.markRead(later)).isFalse();
		assertThat(session.sendTyping()).isFalse();
		assertThat(fixture.emulator().requestCount(contactId, "SendEvent")).isEqualTo(2);
		assertThatIllegalStateException().isThrownBy(() -> session.sendMessage("too late"))
			.withMessageContaining("CHAT_ENDED");
	}

	@Test
	void aReceiptTheServiceRefusesAsAConflictIsNotSentAgain() {
		ChatSession session = openSession();
		String contactId = fixture.chat().contactId();
		String message = fixture.emulator().addMessage(contactId, "AGENT", "Sam", "Hi");
		// a supervisor barges in: the service takes no receipts in a chat of three
		fixture.emulator().addMessage(contactId, "SUPERVISOR", "Kim", "Listening in");
		assertThat(session.markRead(message)).isFalse();
		assertThat(session.markRead(message)).isFalse();
		assertThat(fixture.emulator().requestCount(contactId, "SendEvent")).isEqualTo(1);
		assertThat(session.isOpen()).isTrue();
		assertThat(session.sendTyping()).isTrue();
	}

	@Test
	void closeEndsTheSessionAndTheChatGoesOn() {
		ChatSession session = openSession();
		session.close();
		await().until(() -> this.listener.reason == ChatEndReason.CLOSED);
		await().until(() -> this.control.sockets(fixture.chat().contactId()).get(0).path("closeCode").asInt() == 1000);
		assertThat(EmulatorState.contact(fixture.baseUri(), fixture.chat().contactId()).get("ended").asBoolean())
			.isFalse();
		assertThat(this.listener.endings).hasValue(1);
		session.close();
		assertThat(this.listener.endings).hasValue(1);
	}

	@Test
	void disconnectLeavesTheChat() {
		ChatSession session = openSession();
		session.disconnect();
		assertThat(session.endReason()).isEqualTo(ChatEndReason.DISCONNECTED);
		await().until(() -> this.listener.reason == ChatEndReason.DISCONNECTED);
		assertThat(fixture.emulator().requestCount(fixture.chat().contactId(), "DisconnectParticipant")).isEqualTo(1);
		assertThat(this.listener.endings).hasValue(1);
	}

	@Test
	void accessDeniedOnReconnectionEndsTheSession() {
		String contactId = fixture.chat().contactId();
		openSession();
		// the socket goes silent, so the chat's end reaches the session only as a refusal
		this.control.socketFaults(contactId, 60_000, 60_000);
		fixture.emulator().endChat(contactId);
		await().until(() -> this.listener.reason != null);
		assertThat(this.listener.reason).isEqualTo(ChatEndReason.ACCESS_DENIED);
		assertThat(this.listener.cause).isInstanceOf(ParticipantAccessDeniedException.class);
		assertThat(this.listener.has(".chat.ended")).isFalse();
	}

	@Test
	void aConnectionFromAConnectionTokenIsRefused() {
		ParticipantConnection given = ParticipantConnection.ofConnectionToken("token");
		assertThatIllegalArgumentException().isThrownBy(() -> this.sessions.open(given, this.listener))
			.withMessageContaining("participant token");
	}

	@Test
	void listenerCallsNeverOverlapAndItemsKeepTheirOrder() {
		String contactId = fixture.chat().contactId();
		openSession();
		for (int i = 0; i < 100; i++) {
			fixture.emulator().addMessage(contactId, "AGENT", "Sam", "m" + i);
		}
		await().until(() -> this.listener.messages().size() == 100);
		assertThat(this.listener.messages())
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj((i) -> "m" + i).toList());
		Set<String> ids = new LinkedHashSet<>(this.listener.ids());
		assertThat(ids).hasSameSizeAs(this.listener.ids());
		assertThat(this.listener.overlaps).hasValue(0);
		List<TranscriptItem> items = this.listener.items;
		assertThat(items).isSortedAccordingTo((a, b) -> a.time().compareTo(b.time()));
	}

}
