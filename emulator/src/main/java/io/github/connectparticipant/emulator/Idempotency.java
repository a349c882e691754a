package io.github.connectparticipant.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * ClientToken idempotency: a request repeated with the same ClientToken and the same
 * parameters gets the first answer again without acting twice; with other parameters it
 * is refused. Answers are kept per contact (and per instance for StartChatContact).
 */
final class Idempotency {

	private final Map<String, Replay> startChatReplays = new HashMap<>();

	synchronized void reset() {
		this.startChatReplays.clear();
	}

	/** Runs StartChatContact once per instance and ClientToken. */
	<R extends Wire.Response> R startChat(String instanceId, String clientToken, JsonNode body, Supplier<R> action) {
		if (clientToken == null || clientToken.isEmpty()) {
			return action.get();
		}
		synchronized (this) {
			return replayOrRun(this.startChatReplays,
					Operation.START_CHAT_CONTACT.wireName() + "|" + instanceId + "|" + clientToken, body, action);
		}
	}

	/**
	 * Runs a participant's operation once per ClientToken, under the contact's lock. A
	 * chat that has ended answers only the repeats of earlier requests
	 * (DisconnectParticipant checks that itself).
	 */
	<R extends Wire.Response> R run(Contact contact, Operation operation, Participant participant, JsonNode body,
			Supplier<R> action) {
		synchronized (contact) {
			String key = key(operation, participant, body);
			if (contact.ended && operation != Operation.DISCONNECT_PARTICIPANT
					&& (key == null || !contact.replays.containsKey(key))) {
				// checked under the lock: the chat may have ended since authentication
				throw ApiException.accessDenied("The chat has ended");
			}
			if (key == null) {
				return action.get();
			}
			return replayOrRun(contact.replays, key, body, action);
		}
	}

	/** The first answer to this very request, or null. Needs the contact's lock. */
	Wire.Response replayed(Contact contact, Operation operation, Participant participant, JsonNode body) {
		Replay replay = contact.replays.get(key(operation, participant, body));
		return (replay != null && replay.fingerprint().equals(fingerprint(body))) ? replay.response() : null;
	}

	/** Whether an answer is kept for this request's ClientToken. Needs the lock. */
	boolean hasReplay(Contact contact, Operation operation, Participant participant, JsonNode body) {
		String key = key(operation, participant, body);
		return key != null && contact.replays.containsKey(key);
	}

	@SuppressWarnings("unchecked")
	private static <R extends Wire.Response> R replayOrRun(Map<String, Replay> replays, String key, JsonNode body,
			Supplier<R> action) {
		String fingerprint = fingerprint(body);
		Replay replay = replays.get(key);
		if (replay != null) {
			if (!replay.fingerprint().equals(fingerprint)) {
				throw ApiException.validation(
						"The ClientToken was already used with different parameters; use a new ClientToken for a new request");
			}
			return (R) replay.response();
		}
		R response = action.get();
		replays.put(key, new Replay(fingerprint, response));
		return response;
	}

	private static String key(Operation operation, Participant participant, JsonNode body) {
		JsonNode clientToken = body.get("ClientToken");
		if (clientToken == null || clientToken.isNull() || clientToken.asString().isEmpty()) {
			return null;
		}
		return operation.wireName() + "|" + participant.id + "|" + clientToken.asString();
	}

	/** The request's members in a canonical order, without its ClientToken. */
	private static String fingerprint(JsonNode body) {
		StringBuilder out = new StringBuilder();
		canonical(body, out, true);
		return out.toString();
	}

	private static void canonical(JsonNode node, StringBuilder out, boolean top) {
		if (node.isObject()) {
			TreeMap<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach((e) -> sorted.put(e.getKey(), e.getValue()));
			if (top) {
				sorted.remove("ClientToken");
			}
			out.append('{');
			sorted.forEach((k, v) -> {
				out.append(k).append(':');
				canonical(v, out, false);
				out.append(',');
			});
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			node.forEach((v) -> {
				canonical(v, out, false);
				out.append(',');
			});
			out.append(']');
		}
		else {
			out.append(node.toString());
		}
	}

	/** A kept answer and the fingerprint of the request it answered. */
	record Replay(String fingerprint, Wire.Response response) {
	}

}
