package io.github.connectparticipant.autoconfigure;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.RequestQuota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConnectParticipantSettingsMapperTests {

	@Test
	void defaultPropertiesGiveDefaultSettings() {
		assertThat(ConnectParticipantSettingsMapper.toSettings(new ConnectParticipantProperties()))
			.isEqualTo(ConnectParticipantSettings.defaults());
	}

	@Test
	void everySettingButThePollIntervalHasAPropertyOfTheSameWords() {
		List<String> components = Arrays.stream(ConnectParticipantSettings.class.getRecordComponents())
			.map(RecordComponent::getName)
			.filter((name) -> !name.equals("scanPollInterval"))
			.toList();
		assertThat(ConnectParticipantSettingsMapper.PROPERTIES).containsOnlyKeys(components);
		// a settings component is its property's key, or the key's words and its group's:
		// retry.max-attempts is maxAttempts, timeouts.attempt attemptTimeout;
		// requestQuotas
		// holds RequestQuota values, set by pacing.quotas
		ConnectParticipantSettingsMapper.PROPERTIES.forEach((setting, property) -> {
			Set<String> words = Set.of(DataObjectPropertyName.toDashedForm(setting).split("-"));
			String group = property.substring(0, property.indexOf('.'));
			Set<String> expected = new HashSet<>(List.of(property.substring(group.length() + 1).split("-")));
			if (!words.equals(expected) && !setting.equals("requestQuotas")) {
				expected.add(group.endsWith("s") ? group.substring(0, group.length() - 1) : group);
				assertThat(words).as(setting + " for " + property).isEqualTo(expected);
			}
		});
	}

	@Test
	void everyPropertyReachesItsSetting() {
		ConnectParticipantProperties properties = new ConnectParticipantProperties();
		properties.getRetry().setMaxAttempts(6);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(7));
		properties.getRetry().setBackoffMultiplier(1.5);
		properties.getRetry().setMaxBackoff(Duration.ofSeconds(8));
		properties.getTimeouts().setAttempt(Duration.ofSeconds(9));
		properties.getTimeouts().setCall(Duration.ofSeconds(90));
		properties.getTimeouts().setTransfer(Duration.ofSeconds(11));
		properties.getAttachments().setAllowedContentTypes(List.of("application/pdf"));
		properties.getAttachments().setScanTimeout(Duration.ofSeconds(12));
		properties.getAttachments().setUploadConcurrency(2);
		properties.getAttachments().setPresignedUrlHosts(List.of("files.example.test"));
		properties.getConnections().setTokenRefreshMargin(Duration.ofMinutes(3));
		properties.getPacing().setEnabled(false);
		ConnectParticipantSettings settings = ConnectParticipantSettingsMapper.toSettings(properties);
		assertThat(settings).isEqualTo(ConnectParticipantSettings.builder()
			.maxAttempts(6)
			.initialBackoff(Duration.ofMillis(7))
			.backoffMultiplier(1.5)
			.maxBackoff(Duration.ofSeconds(8))
			.attemptTimeout(Duration.ofSeconds(9))
			.callTimeout(Duration.ofSeconds(90))
			.transferTimeout(Duration.ofSeconds(11))
			.allowedContentTypes(Map.of("pdf", "application/pdf"))
			.scanTimeout(Duration.ofSeconds(12))
			.uploadConcurrency(2)
			.presignedUrlHosts(List.of("files.example.test"))
			.tokenRefreshMargin(Duration.ofMinutes(3))
			.requestQuotas(Map.of())
			.build());
	}

	@Test
	void quotaOverridesKeepConnectsOtherValue() {
		ConnectParticipantProperties properties = new ConnectParticipantProperties();
		PacingProperties.Quota quota = new PacingProperties.Quota();
		quota.setBurst(20);
		properties.getPacing().getQuotas().put("SendMessage", quota);
		assertThat(ConnectParticipantSettingsMapper.toSettings(properties).requestQuotas()).containsEntry("SendMessage",
				new RequestQuota(RequestQuota.CONNECT_QUOTAS.get(ParticipantOperation.SEND_MESSAGE).rate(), 20));
	}

	@Test
	void refusalNamesThePropertyNotTheSetting() {
		ConnectParticipantProperties properties = new ConnectParticipantProperties();
		properties.getRetry().setMaxBackoff(Duration.ofMillis(10));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> ConnectParticipantSettingsMapper.toSettings(properties))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("connect.participant.retry.max-backoff");
				assertThat(ex.getValue()).isEqualTo(Duration.ofMillis(10));
				assertThat(ex.getReason()).isEqualTo("must not be shorter than the initial backoff");
			});
	}

}
