package io.github.connectparticipant.sample;

import java.util.Map;

import io.github.connectparticipant.sample.SampleApi.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at {@code /}, the actuator's health and metrics, and unknown paths, over HTTP.
 */
class OperationsIntegrationTests extends SampleAppTestSupport {

	@Test
	void servesThePage() {
		Response page = this.api.get("/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.text()).contains("<script src=\"app.js\" defer></script>").contains("id=\"start-form\"");
		assertThat(this.api.get("/app.js").status()).isEqualTo(200);
		assertThat(this.api.get("/app.css").status()).isEqualTo(200);
	}

	@Test
	void healthShowsTheStartersComponents() {
		useBothPaths();
		Response health = this.api.get("/actuator/health");
		assertThat(health.status()).as(health.text()).isEqualTo(200);
		JsonNode connect = health.json().get("components").get("connectParticipant");
		assertThat(connect.get("status").asString()).isEqualTo("UP");
		assertThat(connect.get("components").get("attachments").get("status").asString()).isEqualTo("UP");
		assertThat(connect.get("components").get("transcripts").get("status").asString()).isEqualTo("UP");
		assertThat(connect.get("components").get("attachments").get("details").get("reachable").asBoolean()).isTrue();
	}

	@Test
	void metricsShowTheStartersMeters() {
		useBothPaths();
		JsonNode names = this.api.get("/actuator/metrics").json().get("names");
		assertThat(names.valueStream().map(JsonNode::asString)).contains("connect.participant.operation",
				"connect.participant.attempt", "connect.participant.attachment.bytes");
		Response uploads = this.api
			.get("/actuator/metrics/connect.participant.operation?tag=operation:attachment.upload");
		assertThat(uploads.status()).as(uploads.text()).isEqualTo(200);
		JsonNode count = uploads.json()
			.get("measurements")
			.valueStream()
			.filter((measurement) -> "COUNT".equals(measurement.get("statistic").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(count.get("value").asDouble()).isGreaterThanOrEqualTo(1);
		Response bytes = this.api.get("/actuator/metrics/connect.participant.attachment.bytes?tag=direction:upload");
		assertThat(bytes.status()).as(bytes.text()).isEqualTo(200);
	}

	@Test
	void unknownPathIs404Problem() {
		this.api.get("/api/nothing-here").problem(404, "NOT_FOUND");
	}

	private void useBothPaths() {
		JsonNode chat = this.api.startChat("Ada");
		assertThat(this.api.postJson(chat.get("links").get("messages").asString(), Map.of("content", "hi")).status())
			.isEqualTo(201);
		assertThat(this.api
			.upload(chat.get("links").get("attachments").asString(), "order.txt", "text/plain", new byte[] { 'x' })
			.status()).isEqualTo(201);
		assertThat(this.api.get(chat.get("links").get("transcript").asString()).status()).isEqualTo(200);
	}

}
