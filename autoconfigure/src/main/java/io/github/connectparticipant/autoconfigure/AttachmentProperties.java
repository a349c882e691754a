package io.github.connectparticipant.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import io.github.connectparticipant.ConnectParticipantSettings;

/**
 * Attachment properties ({@code connect.participant.attachments.*}), mapped onto
 * {@link ConnectParticipantSettings}.
 */
public class AttachmentProperties {

	private static final ConnectParticipantSettings DEFAULTS = ConnectParticipantSettings.defaults();

	/**
	 * Largest attachment accepted for upload; Amazon Connect allows up to 100MB when the
	 * instance's limit is raised.
	 */
	private DataSize maxSize = DEFAULTS.maxAttachmentSize();

	/**
	 * Attachment MIME types accepted for upload, from Amazon Connect's chat types.
	 */
	private List<String> allowedContentTypes = new ArrayList<>(
			new LinkedHashSet<>(DEFAULTS.allowedContentTypes().values()));

	/**
	 * Further accepted types, as file extension to MIME type, for an instance whose
	 * administrator extended the list.
	 */
	private Map<String, String> additionalContentTypes = new LinkedHashMap<>();

	/**
	 * How long the pre-signed download URLs asked for stay valid (5s to 300s).
	 */
	private Duration downloadUrlExpiry = DEFAULTS.downloadUrlExpiry();

	/**
	 * Longest wait for an attachment's malware scan verdict.
	 */
	private Duration scanTimeout = DEFAULTS.scanTimeout();

	/**
	 * Uploads of one batch that run at the same time.
	 */
	private int uploadConcurrency = DEFAULTS.uploadConcurrency();

	/**
	 * Hosts pre-signed attachment URLs may point to, as exact names or *.suffix patterns;
	 * empty derives them from the region (Amazon S3) and the endpoint.
	 */
	private List<String> presignedUrlHosts = new ArrayList<>(DEFAULTS.presignedUrlHosts());

	public List<String> getPresignedUrlHosts() {
		return this.presignedUrlHosts;
	}

	public void setPresignedUrlHosts(List<String> presignedUrlHosts) {
		this.presignedUrlHosts = presignedUrlHosts;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public List<String> getAllowedContentTypes() {
		return this.allowedContentTypes;
	}

	public void setAllowedContentTypes(List<String> allowedContentTypes) {
		this.allowedContentTypes = allowedContentTypes;
	}

	public Map<String, String> getAdditionalContentTypes() {
		return this.additionalContentTypes;
	}

	public void setAdditionalContentTypes(Map<String, String> additionalContentTypes) {
		this.additionalContentTypes = additionalContentTypes;
	}

	public Duration getDownloadUrlExpiry() {
		return this.downloadUrlExpiry;
	}

	public void setDownloadUrlExpiry(Duration downloadUrlExpiry) {
		this.downloadUrlExpiry = downloadUrlExpiry;
	}

	public Duration getScanTimeout() {
		return this.scanTimeout;
	}

	public void setScanTimeout(Duration scanTimeout) {
		this.scanTimeout = scanTimeout;
	}

	public int getUploadConcurrency() {
		return this.uploadConcurrency;
	}

	public void setUploadConcurrency(int uploadConcurrency) {
		this.uploadConcurrency = uploadConcurrency;
	}

}
