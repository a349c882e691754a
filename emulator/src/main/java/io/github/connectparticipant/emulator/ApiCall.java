package io.github.connectparticipant.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One request to an API operation, its body validated against the service model.
 *
 * @param bearer the {@code X-Amz-Bearer} token, or null
 * @param body the JSON body, which idempotency fingerprints
 * @param viewToken the view token of the path, for DescribeView
 * @param whileWorking what an injected stall makes the operation wait for before it takes
 * effect
 */
record ApiCall(String bearer, JsonNode body, String viewToken, Runnable whileWorking, ObjectMapper mapper) {

	/** The body as its request record. */
	<T> T request(Class<T> type) {
		return this.mapper.treeToValue(this.body, type);
	}

	@Override
	public String toString() {
		return "ApiCall[]";
	}

}
