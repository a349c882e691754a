package io.github.connectparticipant.autoconfigure.pacing;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.connectparticipant.autoconfigure.StarterApplicationTestSupport;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose transcript reads are throttled by the service (the embedded
 * emulator at a quota below Connect's) sees it in its metrics, each operation's current
 * rate and throttled count, and in its health details, which stay UP: throttling alone
 * never takes an application out of rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-details=always", "connect.participant.health.cache-time=0s",
				"connect.participant.retry.max-attempts=10" })
class PacingVisibilityIntegrationTests extends StarterApplicationTestSupport {

	private static final String GET = "GetTranscript";

	@Autowired
	private TranscriptService transcripts;

	@Test
	void throttlingShowsInMetricsAndHealthDetailsWhileHealthStaysUp() throws Exception {
		ParticipantConnection connection = connection("Ada");
		connection.connectionToken();
		assertThat(value("connect.participant.pacing.rate", GET)).isEqualTo(8.0);
		assertThat(value("connect.participant.pacing.quota", GET)).isEqualTo(8.0);
		assertThat(value("connect.participant.pacing.throttled", GET)).isZero();
		// the service allows one read per second, with a burst of one, where Connect
		// allows 8 and 12
		this.emulator.setThrottle(GET, 1, 1);
		for (int i = 0; i < 4; i++) {
			this.transcripts.page(connection, TranscriptQuery.newestFirst());
		}
		long throttled = this.emulator.requestCount(GET) - 4;
		assertThat(throttled).as("requests answered 429 and retried").isPositive();
		assertThat(value("connect.participant.pacing.throttled", GET)).isEqualTo(throttled);
		assertThat(value("connect.participant.pacing.rate", GET)).as("lowered by the throttling").isLessThan(8.0);

		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode pacing = JsonMapper.shared()
			.readTree(health.body())
			.at("/components/connectParticipant/components/pacing");
		assertThat(pacing.path("status").asString()).isEqualTo("UP");
		JsonNode get = pacing.at("/details/operations/" + GET);
		assertThat(get.path("throttled").asLong()).isEqualTo(throttled);
		assertThat(get.path("rate").asDouble()).isLessThan(8.0);
		assertThat(get.path("quotaRate").asDouble()).isEqualTo(8.0);
		assertThat(get.path("burst").asInt()).isEqualTo(12);
		assertThat(pacing.at("/details/shared").asBoolean()).isFalse();
	}

	private double value(String meter, String operation) throws Exception {
		HttpResponse<String> response = get("/actuator/metrics/" + meter + "?tag=operation:" + operation);
		assertThat(response.statusCode()).as(meter).isEqualTo(200);
		return JsonMapper.shared().readTree(response.body()).at("/measurements/0/value").asDouble();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
