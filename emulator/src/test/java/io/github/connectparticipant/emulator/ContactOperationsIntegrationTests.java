package io.github.connectparticipant.emulator;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.StartChatContactResponse;
import tools.jackson.databind.JsonNode;

import static io.github.connectparticipant.emulator.ChatEvents.ENDED;
import static io.github.connectparticipant.emulator.EmulatorHttp.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amazon Connect's StartChatContact and StopContact through the real AWS SDK client over
 * HTTP.
 */
class ContactOperationsIntegrationTests {

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	// ------------------------------------------------------------ StartChatContact,
	// StopContact

	@Test
	void stopContactEndsTheChatAndAnUnknownContactIsGone(Clients.Chat chat) {
		fixture.connect().stopContact((r) -> r.instanceId("instance-1").contactId(chat.contactId()));
		JsonNode state = fixture.contactState(chat.contactId());
		assertThat(state.get("ended").asBoolean()).isTrue();
		List<JsonNode> items = list(state.get("items"));
		assertThat(items.get(items.size() - 1).get("ContentType").asString()).isEqualTo(ENDED);

		for (String contactId : new String[] { UUID.randomUUID().toString(), chat.contactId() }) {
			ConnectException gone = Clients.thrownBy(ConnectException.class,
					() -> fixture.connect().stopContact((r) -> r.instanceId("instance-1").contactId(contactId)));
			assertThat(gone.statusCode()).isEqualTo(410);
			assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("ContactNotFoundException");
		}
	}

	@Test
	void startChatContactWithoutAnAuthorizationHeaderIsForbidden() {
		HttpRequest unsigned = HttpRequest.newBuilder(fixture.baseUri().resolve("/contact/chat"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(
					"{\"InstanceId\":\"instance-1\",\"ContactFlowId\":\"flow-1\",\"ParticipantDetails\":{\"DisplayName\":\"Ada\"}}"))
			.build();
		HttpResponse<String> response = EmulatorHttp.send(unsigned);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).isPresent();
		assertThat(EmulatorHttp.json(response).get("Message").asString()).isNotBlank();
		assertThat(list(EmulatorHttp.json(fixture.control("GET", "/_emulator/contacts", null)))).isEmpty();
	}

	@Test
	void startChatContactIsIdempotentByClientToken() {
		StartChatContactResponse first = fixture.startChat("Ada", "chat-token-1");
		StartChatContactResponse again = fixture.startChat("Ada", "chat-token-1");
		assertThat(again.contactId()).isEqualTo(first.contactId());
		assertThat(again.participantToken()).isEqualTo(first.participantToken());
		assertThat(list(EmulatorHttp.json(fixture.control("GET", "/_emulator/contacts", null)))).hasSize(1);

		ConnectException different = Clients.thrownBy(ConnectException.class,
				() -> fixture.startChat("Bea", "chat-token-1"));
		assertThat(different.statusCode()).isEqualTo(400);
		assertThat(list(EmulatorHttp.json(fixture.control("GET", "/_emulator/contacts", null)))).hasSize(1);

		assertThat(fixture.startChat("Ada", "chat-token-2").contactId()).isNotEqualTo(first.contactId());
	}

}
