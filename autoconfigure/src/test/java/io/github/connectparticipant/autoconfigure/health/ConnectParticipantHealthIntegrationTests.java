package io.github.connectparticipant.autoconfigure.health;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.connectparticipant.ConnectParticipantException;
import io.github.connectparticipant.RetriesExhaustedException;
import io.github.connectparticipant.autoconfigure.StarterApplicationTestSupport;
import io.github.connectparticipant.attachment.AttachmentRejectedException;
import io.github.connectparticipant.attachment.AttachmentService;
import io.github.connectparticipant.attachment.AttachmentUpload;
import io.github.connectparticipant.attachment.InvalidAttachmentException;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator.FaultRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The health an application's load balancer and Kubernetes see, over HTTP: the callers'
 * mistakes never turn it DOWN, the service's failures do, and neither touches the
 * liveness or readiness groups, which leave external services out by default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "connect.participant.emulator.enabled=true", "connect.participant.health.cache-time=0s",
				"connect.participant.retry.initial-backoff=1ms", "connect.participant.retry.max-backoff=5ms",
				"management.endpoint.health.probes.enabled=true", "management.endpoint.health.show-details=always" })
class ConnectParticipantHealthIntegrationTests extends StarterApplicationTestSupport {

	private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

	@Autowired
	private AttachmentService attachments;

	@AfterEach
	void clearFaults() {
		this.emulator.clearFaults();
	}

	@Test
	void rejectedUploadsKeepTheApplicationUp() throws Exception {
		ParticipantConnection connection = connection("Ada");
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(InvalidAttachmentException.class)
				.isThrownBy(() -> this.attachments.upload(connection, text("MZ", "setup.exe")));
			assertThatExceptionOfType(AttachmentRejectedException.class)
				.isThrownBy(() -> this.attachments.upload(connection, text(EICAR, "eicar.txt").awaitingScan()));
		}
		ConnectParticipantEmulator.StartedChat ended = this.emulator.startChat("Grace");
		ParticipantConnection endedConnection = this.connections.fromParticipantToken(ended.participantToken());
		this.emulator.endChat(ended.contactId());
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(ConnectParticipantException.class)
				.isThrownBy(() -> this.attachments.upload(endedConnection, text("hello", "hello.txt")));
		}
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("UP");
	}

	@Test
	void serviceFailuresTurnTheContributorDownButNeitherLivenessNorReadiness() throws Exception {
		ParticipantConnection connection = connection("Ada");
		this.emulator.setFaults(1, List.of(FaultRule.always("StartAttachmentUpload", "SERVER_ERROR")));
		for (int i = 0; i < ConnectParticipantHealthIndicator.FAILURES_FOR_DOWN; i++) {
			assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> this.attachments.upload(connection, text("hello", "hello.txt")));
		}
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(JsonPath.<String>read(health.body(), "$.components.connectParticipant.status")).isEqualTo("DOWN");
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		this.emulator.clearFaults();
		this.attachments.upload(connection, text("hello", "hello.txt"));
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
	}

	private static AttachmentUpload text(String content, String name) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		return AttachmentUpload.of(new ByteArrayInputStream(bytes), bytes.length, name);
	}

	@SpringBootApplication
	static class HealthTestApplication {

	}

}
