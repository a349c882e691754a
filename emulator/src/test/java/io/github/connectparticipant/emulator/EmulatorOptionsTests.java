package io.github.connectparticipant.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmulatorOptionsTests {

	@Test
	void everySettingComesFromTheEnvironment() {
		Map<String, String> environment = environment("""
				CONNECT_PARTICIPANT_EMULATOR_HOST=0.0.0.0
				CONNECT_PARTICIPANT_EMULATOR_PORT=8090
				CONNECT_PARTICIPANT_EMULATOR_CONNECTION_TOKEN_EXPIRY=30m
				CONNECT_PARTICIPANT_EMULATOR_UPLOAD_URL_EXPIRY=PT45S
				CONNECT_PARTICIPANT_EMULATOR_SCAN_DELAY=250ms
				CONNECT_PARTICIPANT_EMULATOR_MAX_ATTACHMENT_SIZE=100MB
				CONNECT_PARTICIPANT_EMULATOR_MAX_ATTACHMENTS_PER_CONTACT=7
				CONNECT_PARTICIPANT_EMULATOR_ALLOWED_CONTENT_TYPES=text/plain, image/png
				CONNECT_PARTICIPANT_EMULATOR_WEBSOCKET_PORT=8091
				CONNECT_PARTICIPANT_EMULATOR_WEBSOCKET_URL_EXPIRY=60s
				CONNECT_PARTICIPANT_EMULATOR_SUBSCRIBE_TIMEOUT=0s
				CONNECT_PARTICIPANT_EMULATOR_WORKER_THREADS=8
				CONNECT_PARTICIPANT_EMULATOR_STORAGE_DIRECTORY=/var/tmp/emulator
				""");
		EmulatorSettings settings = apply(environment);
		assertThat(settings.host()).isEqualTo("0.0.0.0");
		assertThat(settings.port()).isEqualTo(8090);
		assertThat(settings.connectionTokenExpiry()).isEqualTo(Duration.ofMinutes(30));
		assertThat(settings.uploadUrlExpiry()).isEqualTo(Duration.ofSeconds(45));
		assertThat(settings.scanDelay()).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.maxAttachmentSize()).isEqualTo(100L * 1024 * 1024);
		assertThat(settings.maxAttachmentsPerContact()).isEqualTo(7);
		assertThat(settings.allowedContentTypes()).containsExactly("text/plain", "image/png");
		assertThat(settings.websocketPort()).isEqualTo(8091);
		assertThat(settings.websocketUrlExpiry()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.subscribeTimeout()).isEqualTo(Duration.ZERO);
		assertThat(settings.workerThreads()).isEqualTo(8);
		assertThat(settings.storageDirectory()).isEqualTo(Path.of("/var/tmp/emulator"));
		assertThat(EmulatorOptions.values())
			.allSatisfy((option) -> assertThat(environment).containsKey(option.environmentVariable()));
	}

	@Test
	void anOptionWinsOverItsVariableAndUnsetVariablesKeepTheDefaults() {
		EmulatorSettings.Builder builder = EmulatorSettings.builder();
		EmulatorOptions.apply(new String[] { "--port", "9000", "--scan-delay", "2s" },
				Map.of("CONNECT_PARTICIPANT_EMULATOR_PORT", "8090", "CONNECT_PARTICIPANT_EMULATOR_HOST", " ",
						"UNRELATED", "x"),
				builder);
		EmulatorSettings settings = builder.build();
		EmulatorSettings defaults = EmulatorSettings.defaults();
		assertThat(settings.port()).isEqualTo(9000);
		assertThat(settings.scanDelay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.host()).isEqualTo(defaults.host());
		assertThat(settings.uploadUrlExpiry()).isEqualTo(defaults.uploadUrlExpiry());
		assertThat(settings.allowedContentTypes()).isEqualTo(defaults.allowedContentTypes());
	}

	@Test
	void aBadValueNamesItsSource() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> apply(Map.of("CONNECT_PARTICIPANT_EMULATOR_UPLOAD_URL_EXPIRY", "soon")))
			.withMessageContaining("CONNECT_PARTICIPANT_EMULATOR_UPLOAD_URL_EXPIRY 'soon'")
			.withMessageContaining("30s");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> apply(Map.of("CONNECT_PARTICIPANT_EMULATOR_SCAN_DELAY", "-PT1S")))
			.withMessageContaining("must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> apply(Map.of("CONNECT_PARTICIPANT_EMULATOR_MAX_ATTACHMENT_SIZE", "20 parsecs")))
			.withMessageContaining("20MB");
		assertThatIllegalArgumentException().isThrownBy(
				() -> EmulatorOptions.apply(new String[] { "--port", "70000" }, Map.of(), EmulatorSettings.builder()))
			.withMessageStartingWith("--port '70000'");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> EmulatorOptions.apply(new String[] { "--scan-delay" }, Map.of(), EmulatorSettings.builder()))
			.withMessage("--scan-delay needs a value");
	}

	@Test
	void theUsageListsEveryOptionWithItsVariable() {
		String usage = EmulatorMain.usage();
		for (EmulatorOptions option : EmulatorOptions.values()) {
			assertThat(usage).contains(option.option()).contains(option.environmentVariable());
		}
		assertThat(EmulatorOptions.size("512kb")).isEqualTo(512 * 1024);
		assertThat(EmulatorOptions.duration("1d")).isEqualTo(Duration.ofDays(1));
		assertThat(Set.of(EmulatorOptions.values())).hasSize(13);
	}

	/** The variables of lines written as in an environment file: {@code NAME=value}. */
	private static Map<String, String> environment(String lines) {
		Map<String, String> environment = new LinkedHashMap<>();
		lines.lines().forEach((line) -> {
			int equals = line.indexOf('=');
			environment.put(line.substring(0, equals), line.substring(equals + 1));
		});
		return environment;
	}

	private static EmulatorSettings apply(Map<String, String> environment) {
		EmulatorSettings.Builder builder = EmulatorSettings.builder();
		EmulatorOptions.apply(new String[0], environment, builder);
		return builder.build();
	}

}
