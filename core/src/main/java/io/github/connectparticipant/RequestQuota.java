package io.github.connectparticipant;

import java.util.Collections;
import java.util.EnumMap;
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
	 * Amazon Connect's documented quotas of the Participant Service's operations: per
	 * account and Region, so shared by every replica of an application.
	 */
	public static final Map<ParticipantOperation, RequestQuota> CONNECT_QUOTAS;

	static {
		Map<ParticipantOperation, RequestQuota> quotas = new EnumMap<>(ParticipantOperation.class);
		quotas.put(ParticipantOperation.START_ATTACHMENT_UPLOAD, new RequestQuota(2, 5));
		quotas.put(ParticipantOperation.COMPLETE_ATTACHMENT_UPLOAD, new RequestQuota(2, 5));
		quotas.put(ParticipantOperation.GET_ATTACHMENT, new RequestQuota(8, 12));
		quotas.put(ParticipantOperation.GET_TRANSCRIPT, new RequestQuota(8, 12));
		quotas.put(ParticipantOperation.SEND_MESSAGE, new RequestQuota(10, 15));
		quotas.put(ParticipantOperation.SEND_EVENT, new RequestQuota(10, 15));
		quotas.put(ParticipantOperation.CREATE_PARTICIPANT_CONNECTION, new RequestQuota(6, 9));
		quotas.put(ParticipantOperation.DISCONNECT_PARTICIPANT, new RequestQuota(3, 5));
		CONNECT_QUOTAS = Collections.unmodifiableMap(quotas);
	}

	/**
	 * Return Amazon Connect's documented quotas ({@link #CONNECT_QUOTAS}) by operation
	 * name, as {@link ConnectParticipantSettings#requestQuotas()} holds them.
	 * @return a new map, in the order of {@link ParticipantOperation}
	 */
	public static Map<String, RequestQuota> connectQuotasByName() {
		Map<String, RequestQuota> quotas = new LinkedHashMap<>();
		CONNECT_QUOTAS.forEach((operation, quota) -> quotas.put(operation.operationName(), quota));
		return quotas;
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
