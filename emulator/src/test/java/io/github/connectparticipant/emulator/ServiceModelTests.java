package io.github.connectparticipant.emulator;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ServiceModelTests {

	private final ObjectMapper mapper = JsonMapper.builder().build();

	private final ServiceModel model = ServiceModel.load(this.mapper, "connectparticipant-2018-09-07.json");

	@Test
	void knowsEveryOperationOfTheParticipantService() {
		assertThat(this.model.operations().keySet()).containsExactlyInAnyOrder("CancelParticipantAuthentication",
				"CompleteAttachmentUpload", "CreateParticipantConnection", "DescribeView", "DisconnectParticipant",
				"GetAttachment", "GetAuthenticationUrl", "GetTranscript", "SendEvent", "SendMessage",
				"StartAttachmentUpload");
		assertThat(this.model.errorStatus("ServiceQuotaExceededException")).isEqualTo(402);
		assertThat(this.model.errorStatus("ConflictException")).isEqualTo(409);
	}

	@Test
	void isParsedOncePerClassLoaderAndPreloadedWithoutStartingAnything() {
		assertThat(ServiceModel.load(this.mapper, "connectparticipant-2018-09-07.json")).isSameAs(this.model);
		ConnectParticipantEmulator.preload();
		assertThat(ServiceModel.load(this.mapper, "connect-2017-08-08.json"))
			.isSameAs(ServiceModel.load(this.mapper, "connect-2017-08-08.json"));
	}

	@Test
	void reportsEveryViolatedConstraintNamingTheMember() {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("MaxResults", 101);
		body.putObject("StartPosition").put("MostRecent", -1);
		body.put("ScanDirection", "SIDEWAYS");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.model.validateInput(this.model.operation("GetTranscript"), body, Map.of(),
					Set.of("ConnectionToken")))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo("ValidationException");
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.getMessage()).startsWith("3 validation errors detected")
					.contains("'MaxResults'", "less than or equal to 100")
					.contains("'StartPosition.MostRecent'", "greater than or equal to 0")
					.contains("'ScanDirection'", "[FORWARD, BACKWARD]");
			});
	}

	@Test
	void requiredMembersAndListSizes() {
		ObjectNode body = this.mapper.createObjectNode();
		body.putArray("AttachmentIds").add("a").add("b");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.model.validateInput(this.model.operation("CompleteAttachmentUpload"), body, Map.of(),
					Set.of("ConnectionToken")))
			.withMessageContaining(
					"'AttachmentIds' failed to satisfy constraint: Member must have length less than or equal to 1")
			.withMessageContaining("'ClientToken' failed to satisfy constraint: Member must not be null");
	}

	@Test
	void wrongJsonTypesAreSerializationErrors() {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("MaxResults", "ten");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.model.validateInput(this.model.operation("GetTranscript"), body, Map.of(),
					Set.of("ConnectionToken")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("SerializationException"));
		ObjectNode fractional = this.mapper.createObjectNode();
		fractional.put("AttachmentSizeInBytes", 1.5);
		fractional.put("ContentType", "text/plain");
		fractional.put("AttachmentName", "a.txt");
		fractional.put("ClientToken", "t");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.model.validateInput(this.model.operation("StartAttachmentUpload"), fractional,
					Map.of(), Set.of("ConnectionToken")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("SerializationException"));
	}

	@Test
	void validInputPasses() {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("ContentType", "text/plain");
		body.put("AttachmentSizeInBytes", 10);
		body.put("AttachmentName", "a.txt");
		body.put("ClientToken", "t");
		assertThatNoException().isThrownBy(() -> this.model.validateInput(this.model.operation("StartAttachmentUpload"),
				body, Map.of(), Set.of("ConnectionToken")));
	}

}
