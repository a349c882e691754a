package io.github.connectparticipant.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of the emulated service: HTTP status, the AWS error code sent in
 * {@code x-amzn-ErrorType} and the message of the JSON body. Messages never carry token
 * values or signed URLs.
 */
final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final String code;

	private final Map<String, String> extraMembers;

	ApiException(int status, String code, String message) {
		this(status, code, message, Map.of());
	}

	ApiException(int status, String code, String message, Map<String, String> extraMembers) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.extraMembers = new LinkedHashMap<>(extraMembers);
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	Map<String, String> extraMembers() {
		return this.extraMembers;
	}

	static ApiException validation(String message) {
		return new ApiException(400, "ValidationException", message);
	}

	static ApiException serialization(String message) {
		return new ApiException(400, "SerializationException", message);
	}

	static ApiException accessDenied(String message) {
		return new ApiException(403, "AccessDeniedException", message);
	}

	static ApiException conflict(String message) {
		return new ApiException(409, "ConflictException", message);
	}

	static ApiException quotaExceeded(String message) {
		return new ApiException(402, "ServiceQuotaExceededException", message);
	}

	static ApiException throttling() {
		return new ApiException(429, "ThrottlingException", "Rate exceeded");
	}

	static ApiException internal(String message) {
		return new ApiException(500, "InternalServerException", message);
	}

	static ApiException notFound(String message, String resourceType, String resourceId) {
		Map<String, String> extra = new LinkedHashMap<>();
		extra.put("ResourceType", resourceType);
		if (resourceId != null) {
			extra.put("ResourceId", resourceId);
		}
		return new ApiException(404, "ResourceNotFoundException", message, extra);
	}

}
