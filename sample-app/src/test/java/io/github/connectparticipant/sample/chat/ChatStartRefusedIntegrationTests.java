package io.github.connectparticipant.sample.chat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.connectparticipant.sample.SampleAppTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Amazon Connect refuses StartChatContact for the application's own settings (here
 * an instance id longer than Connect allows), the client gets 502, not a 400 that would
 * blame its request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.connect.instance-id="
		+ "an-instance-id-longer-than-the-one-hundred-characters-amazon-connect-allows-for-an-instance-id-at-all-x")
class ChatStartRefusedIntegrationTests extends SampleAppTestSupport {

	@Test
	void refusedStartChatContactIs502() {
		JsonNode problem = this.api.postJson("/api/chats", Map.of("displayName", "Ada"))
			.problem(502, "CHAT_NOT_STARTED");
		assertThat(problem.get("operation").asString()).isEqualTo("StartChatContact");
		assertThat(problem.get("errorCode").asString()).isEqualTo("InvalidParameterException");
		assertThat(problem.get("attempts").asInt()).isEqualTo(1);
		assertThat(problem.get("detail").asString()).contains("sample.connect.instance-id");
	}

}
