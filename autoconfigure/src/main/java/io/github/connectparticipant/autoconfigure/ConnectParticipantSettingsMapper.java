package io.github.connectparticipant.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.InvalidSettingException;
import io.github.connectparticipant.RequestQuota;

/**
 * Maps {@link ConnectParticipantProperties} onto {@link ConnectParticipantSettings}. The
 * settings check their own values; a value they refuse is reported as an
 * {@link InvalidConfigurationPropertyValueException} naming the property it came from,
 * which Boot's failure analysis shows with the property's origin. The properties that
 * configure the SDK client and the health indicator, which no settings carry, are checked
 * here.
 */
final class ConnectParticipantSettingsMapper {

	private static final String PREFIX = "connect.participant.";

	/**
	 * The property of each settings component that has one.
	 */
	static final Map<String, String> PROPERTIES = Map.ofEntries(Map.entry("maxAttempts", "retry.max-attempts"),
			Map.entry("initialBackoff", "retry.initial-backoff"),
			Map.entry("backoffMultiplier", "retry.backoff-multiplier"), Map.entry("maxBackoff", "retry.max-backoff"),
			Map.entry("attemptTimeout", "timeouts.attempt"), Map.entry("callTimeout", "timeouts.call"),
			Map.entry("transferTimeout", "timeouts.transfer"), Map.entry("maxAttachmentSize", "attachments.max-size"),
			Map.entry("allowedContentTypes", "attachments.allowed-content-types"),
			Map.entry("downloadUrlExpiry", "attachments.download-url-expiry"),
			Map.entry("scanTimeout", "attachments.scan-timeout"),
			Map.entry("uploadConcurrency", "attachments.upload-concurrency"),
			Map.entry("presignedUrlHosts", "attachments.presigned-url-hosts"),
			Map.entry("transcriptPageSize", "transcripts.page-size"),
			Map.entry("tokenRefreshMargin", "connections.token-refresh-margin"),
			Map.entry("requestQuotas", "pacing.quotas"), Map.entry("adaptivePacing", "pacing.adaptive"));

	private ConnectParticipantSettingsMapper() {
	}

	/**
	 * Return the settings the properties describe.
	 * @param properties the bound properties
	 * @return the settings
	 * @throws InvalidConfigurationPropertyValueException naming the first property whose
	 * value is refused
	 */
	static ConnectParticipantSettings toSettings(ConnectParticipantProperties properties) {
		checkClientProperties(properties);
		ConnectParticipantSettings.Builder builder = ConnectParticipantSettings.builder();
		PropertyMapper map = PropertyMapper.get();
		ConnectParticipantProperties.Retry retry = properties.getRetry();
		map.from(retry::getMaxAttempts).to(builder::maxAttempts);
		map.from(retry::getInitialBackoff).to(builder::initialBackoff);
		map.from(retry::getBackoffMultiplier).to(builder::backoffMultiplier);
		map.from(retry::getMaxBackoff).to(builder::maxBackoff);
		ConnectParticipantProperties.Timeouts timeouts = properties.getTimeouts();
		map.from(timeouts::getAttempt).to(builder::attemptTimeout);
		map.from(timeouts::getCall).to(builder::callTimeout);
		map.from(timeouts::getTransfer).to(builder::transferTimeout);
		AttachmentProperties attachments = properties.getAttachments();
		map.from(attachments::getMaxSize).to(builder::maxAttachmentSize);
		map.from(attachments).as(ConnectParticipantSettingsMapper::contentTypes).to(builder::allowedContentTypes);
		map.from(attachments::getDownloadUrlExpiry).to(builder::downloadUrlExpiry);
		map.from(attachments::getScanTimeout).to(builder::scanTimeout);
		map.from(attachments::getUploadConcurrency).to(builder::uploadConcurrency);
		map.from(attachments::getPresignedUrlHosts).to(builder::presignedUrlHosts);
		map.from(properties.getTranscripts()::getPageSize).to(builder::transcriptPageSize);
		map.from(properties.getConnections()::getTokenRefreshMargin).to(builder::tokenRefreshMargin);
		map.from(properties::getPacing).as(ConnectParticipantSettingsMapper::quotas).to(builder::requestQuotas);
		map.from(properties.getPacing()::isAdaptive).to(builder::adaptivePacing);
		try {
			return builder.build();
		}
		catch (InvalidSettingException ex) {
			throw refused(PREFIX + PROPERTIES.getOrDefault(ex.getSetting(), ex.getSetting()), ex);
		}
	}

	/**
	 * Amazon Connect's types the properties allow, then the additional ones.
	 */
	private static Map<String, String> contentTypes(AttachmentProperties attachments) {
		for (String type : attachments.getAllowedContentTypes()) {
			if (!ConnectParticipantSettings.CONNECT_CONTENT_TYPES.containsValue(type)) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "attachments.allowed-content-types", type,
						"'" + type + "' is not one of Amazon Connect's attachment types; map an extension to it "
								+ "under " + PREFIX + "attachments.additional-content-types instead");
			}
		}
		Map<String, String> types = new LinkedHashMap<>();
		ConnectParticipantSettings.CONNECT_CONTENT_TYPES.forEach((extension, type) -> {
			if (attachments.getAllowedContentTypes().contains(type)) {
				types.put(extension, type);
			}
		});
		types.putAll(attachments.getAdditionalContentTypes());
		return types;
	}

	/**
	 * Connect's quotas with the configured ones in their place, or none when pacing is
	 * off. An operation Connect does not list takes a burst of 1 unless one is set.
	 */
	private static Map<String, RequestQuota> quotas(PacingProperties pacing) {
		Map<String, RequestQuota> result = new LinkedHashMap<>();
		if (!pacing.isEnabled()) {
			return result;
		}
		Map<String, RequestQuota> connect = RequestQuota.connectQuotasByName();
		result.putAll(connect);
		pacing.getQuotas().forEach((operation, quota) -> {
			String property = PREFIX + "pacing.quotas." + operation + ".";
			RequestQuota known = connect.get(operation);
			if (quota.getRate() == null && known == null) {
				throw new InvalidConfigurationPropertyValueException(property + "rate", null,
						"is required: Amazon Connect documents no quota for " + operation);
			}
			double rate = (quota.getRate() != null) ? quota.getRate() : known.rate();
			int burst = (quota.getBurst() != null) ? quota.getBurst() : (known != null) ? known.burst() : 1;
			try {
				result.put(operation, new RequestQuota(rate, burst));
			}
			catch (InvalidSettingException ex) {
				throw refused(property + ex.getSetting(), ex);
			}
		});
		return result;
	}

	static void checkClientProperties(ConnectParticipantProperties properties) {
		if (properties.getEndpoint() != null
				&& (properties.getEndpoint().getScheme() == null || properties.getEndpoint().getHost() == null)) {
			throw invalid("endpoint", properties.getEndpoint(),
					"must be an absolute URL such as https://participant.connect.us-east-1.amazonaws.com");
		}
		if (properties.getRegion() != null && !properties.getRegion().matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
			throw invalid("region", properties.getRegion(), "must be an AWS region name such as us-east-1");
		}
		ConnectParticipantProperties.Http http = properties.getHttp();
		positive("http.connect-timeout", http.getConnectTimeout());
		positive("http.read-timeout", http.getReadTimeout());
		if (http.getMaxConnections() < 1) {
			throw invalid("http.max-connections", http.getMaxConnections(), "must be at least 1");
		}
		positive("health.probe-timeout", properties.getHealth().getProbeTimeout());
		Duration cacheTime = properties.getHealth().getCacheTime();
		if (cacheTime == null || cacheTime.isNegative()) {
			throw invalid("health.cache-time", cacheTime, "must not be negative");
		}
		PacingProperties.Redis redis = properties.getPacing().getRedis();
		if (!StringUtils.hasText(redis.getKeyPrefix())) {
			throw invalid("pacing.redis.key-prefix", redis.getKeyPrefix(), "must not be empty");
		}
		positive("pacing.redis.timeout", redis.getTimeout());
	}

	/**
	 * The settings' refusal as the property the value came from (Boot 4.0's constructor
	 * with a cause is not public, so the settings' exception is kept as suppressed).
	 */
	static InvalidConfigurationPropertyValueException refused(String property, InvalidSettingException refusal) {
		InvalidConfigurationPropertyValueException ex = new InvalidConfigurationPropertyValueException(property,
				refusal.getValue(), refusal.getReason());
		ex.addSuppressed(refusal);
		return ex;
	}

	private static void positive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(property, value, "must be a positive duration");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value,
			String reason) {
		return new InvalidConfigurationPropertyValueException(PREFIX + property, value, reason);
	}

}
