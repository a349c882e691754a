package io.github.connectparticipant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

/**
 * The {@link ConnectParticipantSettings.Builder}: its field initialisers are the
 * library's defaults, the only place they are written.
 */
final class ConnectParticipantSettingsBuilder implements ConnectParticipantSettings.Builder {

	private int maxAttempts = 4;

	private Duration initialBackoff = Duration.ofMillis(100);

	private double backoffMultiplier = 2.0;

	private Duration maxBackoff = Duration.ofSeconds(5);

	private Duration attemptTimeout = Duration.ofSeconds(10);

	private Duration callTimeout = Duration.ofSeconds(60);

	private Duration transferTimeout = Duration.ofMinutes(5);

	private DataSize maxAttachmentSize = DataSize.ofMegabytes(20);

	private Map<String, String> allowedContentTypes = ConnectParticipantSettings.CONNECT_CONTENT_TYPES;

	private Duration downloadUrlExpiry = Duration.ofMinutes(5);

	private Duration tokenRefreshMargin = Duration.ofMinutes(5);

	private Duration scanTimeout = Duration.ofMinutes(2);

	private Duration scanPollInterval = Duration.ofMillis(500);

	private int uploadConcurrency = 4;

	private int transcriptPageSize = 100;

	private Map<String, RequestQuota> requestQuotas = RequestQuota.connectQuotasByName();

	private boolean adaptivePacing = true;

	private List<String> presignedUrlHosts = new ArrayList<>();

	ConnectParticipantSettingsBuilder() {
	}

	ConnectParticipantSettingsBuilder(ConnectParticipantSettings settings) {
		this.maxAttempts = settings.maxAttempts();
		this.initialBackoff = settings.initialBackoff();
		this.backoffMultiplier = settings.backoffMultiplier();
		this.maxBackoff = settings.maxBackoff();
		this.attemptTimeout = settings.attemptTimeout();
		this.callTimeout = settings.callTimeout();
		this.transferTimeout = settings.transferTimeout();
		this.maxAttachmentSize = settings.maxAttachmentSize();
		this.allowedContentTypes = settings.allowedContentTypes();
		this.downloadUrlExpiry = settings.downloadUrlExpiry();
		this.tokenRefreshMargin = settings.tokenRefreshMargin();
		this.scanTimeout = settings.scanTimeout();
		this.scanPollInterval = settings.scanPollInterval();
		this.uploadConcurrency = settings.uploadConcurrency();
		this.transcriptPageSize = settings.transcriptPageSize();
		this.requestQuotas = new LinkedHashMap<>(settings.requestQuotas());
		this.adaptivePacing = settings.adaptivePacing();
		this.presignedUrlHosts = new ArrayList<>(settings.presignedUrlHosts());
	}

	@Override
	public ConnectParticipantSettings.Builder maxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder initialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder backoffMultiplier(double backoffMultiplier) {
		this.backoffMultiplier = backoffMultiplier;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder maxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder attemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = attemptTimeout;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder callTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder transferTimeout(Duration transferTimeout) {
		this.transferTimeout = transferTimeout;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder maxAttachmentSize(DataSize maxAttachmentSize) {
		this.maxAttachmentSize = maxAttachmentSize;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder allowedContentTypes(Map<String, String> allowedContentTypes) {
		this.allowedContentTypes = allowedContentTypes;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder downloadUrlExpiry(Duration downloadUrlExpiry) {
		this.downloadUrlExpiry = downloadUrlExpiry;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder tokenRefreshMargin(Duration tokenRefreshMargin) {
		this.tokenRefreshMargin = tokenRefreshMargin;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder scanTimeout(Duration scanTimeout) {
		this.scanTimeout = scanTimeout;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder scanPollInterval(Duration scanPollInterval) {
		this.scanPollInterval = scanPollInterval;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder uploadConcurrency(int uploadConcurrency) {
		this.uploadConcurrency = uploadConcurrency;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder transcriptPageSize(int transcriptPageSize) {
		this.transcriptPageSize = transcriptPageSize;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder requestQuota(String operation, double requestsPerSecond, int burst) {
		this.requestQuotas.put(operation, new RequestQuota(requestsPerSecond, burst));
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder requestQuotas(Map<String, RequestQuota> requestQuotas) {
		this.requestQuotas = new LinkedHashMap<>(requestQuotas);
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder adaptivePacing(boolean adaptivePacing) {
		this.adaptivePacing = adaptivePacing;
		return this;
	}

	@Override
	public ConnectParticipantSettings.Builder presignedUrlHosts(List<String> presignedUrlHosts) {
		this.presignedUrlHosts = new ArrayList<>(presignedUrlHosts);
		return this;
	}

	@Override
	public ConnectParticipantSettings build() {
		return new ConnectParticipantSettings(this.maxAttempts, this.initialBackoff, this.backoffMultiplier,
				this.maxBackoff, this.attemptTimeout, this.callTimeout, this.transferTimeout, this.maxAttachmentSize,
				this.allowedContentTypes, this.downloadUrlExpiry, this.tokenRefreshMargin, this.scanTimeout,
				this.scanPollInterval, this.uploadConcurrency, this.transcriptPageSize, this.requestQuotas,
				this.adaptivePacing, this.presignedUrlHosts);
	}

}
