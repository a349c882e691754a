package io.github.connectparticipant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service quota of one API operation, as Amazon Connect documents its quotas: a steady
 * rate and a burst, the two parameters of a token bucket.
 *
 * @param rate requests per second allowed in the long run (positive)
 * @param burst requests allowed at once after a quiet period (at least 1)
 */
public record RequestQuota(double rate, int burst) {

	/**
	 * Amazon Connect's documented quotas of the Participant Service's operations, by
	 * operation name: per account and Region, so shared by every replica of an
	 * application.
	 */
	public static final Map<String, RequestQuota> CONNECT_QUOTAS;

	static {
		Map<String, RequestQuota> quotas = new LinkedHashMap<>();
		quotas.put("StartAttachmentUpload", new RequestQuota(2, 5));
		quotas.put("CompleteAttachmentUpload", new RequestQuota(2, 5));
		quotas.put("GetAttachment", new RequestQuota(8, 12));
		quotas.put("GetTranscript", new RequestQuota(8, 12));
		quotas.put("SendMessage", new RequestQuota(10, 15));
		quotas.put("SendEvent", new RequestQuota(10, 15));
		quotas.put("CreateParticipantConnection", new RequestQuota(6, 9));
		quotas.put("DisconnectParticipant", new RequestQuota(3, 5));
		CONNECT_QUOTAS = Collections.unmodifiableMap(quotas);
	}

	/**
	 * Check the values.
	 * @throws InvalidSettingException naming {@code rate} or {@code burst}
	 */
	public RequestQuota {
		InvalidSettingException.check(rate > 0 && Double.isFinite(rate), "rate", rate,
				"must be a positive number of requests per second");
		InvalidSettingException.check(burst >= 1, "burst", burst, "must be at least 1");
	}

}
