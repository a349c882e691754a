package io.github.connectparticipant;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectParticipantSettingsTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		ConnectParticipantSettings settings = ConnectParticipantSettings.defaults();
		assertThat(settings.maxAttempts()).isEqualTo(4);
		assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(100));
		assertThat(settings.backoffMultiplier()).isEqualTo(2.0);
		assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.transferTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.maxAttachmentSize()).isEqualTo(DataSize.ofMegabytes(20));
		assertThat(settings.allowedContentTypes()).containsEntry("pdf", "application/pdf")
			.containsEntry("txt", "text/plain")
			.containsEntry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			.hasSize(18);
		assertThat(settings.downloadUrlExpiry()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.scanTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(settings.scanPollInterval()).isEqualTo(Duration.ofMillis(500));
		assertThat(settings.uploadConcurrency()).isEqualTo(4);
		assertThat(settings.transcriptPageSize()).isEqualTo(100);
		assertThat(settings.requestQuotas()).isEqualTo(RequestQuota.connectQuotasByName());
		assertThat(settings.adaptivePacing()).isTrue();
		assertThat(settings.presignedUrlHosts()).isEmpty();
		assertThat(ConnectParticipantSettings.builder().build()).isEqualTo(settings);
	}

	@Test
	void refusalNamesTheComponentAndTheRule() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ConnectParticipantSettings.builder().tokenRefreshMargin(Duration.ofSeconds(-1)).build())
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("tokenRefreshMargin");
				assertThat(ex.getValue()).isEqualTo(Duration.ofSeconds(-1));
				assertThat(ex.getReason()).isEqualTo("must not be negative");
				assertThat(ex).hasMessage("tokenRefreshMargin must not be negative");
			});
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ConnectParticipantSettings.builder().requestQuota("SendMessage", 0, 1))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("rate"));
	}

	@Test
	void toBuilderKeepsEveryValue() {
		ConnectParticipantSettings settings = ConnectParticipantSettings.builder()
			.maxAttempts(7)
			.maxAttachmentSize(DataSize.ofMegabytes(100))
			.uploadConcurrency(9)
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
	}

	@Test
	void allowedContentTypesAreNormalisedAndImmutable() {
		ConnectParticipantSettings settings = ConnectParticipantSettings.builder()
			.allowedContentTypes(Map.of(".GIF", " image/gif "))
			.build();
		assertThat(settings.allowedContentTypes()).containsExactly(Map.entry("gif", "image/gif"));
		assertThatThrownBy(() -> settings.allowedContentTypes().put("exe", "application/x-msdownload"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void refusesValuesOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().maxAttempts(0).build())
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().maxAttachmentSize(DataSize.ofMegabytes(101)).build())
			.withMessageContaining("100 MB");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().downloadUrlExpiry(Duration.ofSeconds(301)).build())
			.withMessageContaining("between 5s and 300s");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().downloadUrlExpiry(Duration.ofSeconds(4)).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().allowedContentTypes(Map.of()).build())
			.withMessageContaining("allowedContentTypes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder()
				.initialBackoff(Duration.ofSeconds(2))
				.maxBackoff(Duration.ofSeconds(1))
				.build())
			.withMessageContaining("maxBackoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().backoffMultiplier(0.5).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().callTimeout(Duration.ZERO).build())
			.withMessageContaining("callTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectParticipantSettings.builder().uploadConcurrency(0).build());
	}

}
