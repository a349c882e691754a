package io.github.connectparticipant.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.github.connectparticipant.EmulatorState;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's control routes for a contact's chat WebSocket: what the tests do to the
 * sockets (drop them, stop answering heartbeats) and what other participants do that only
 * the socket carries (typing, receipts).
 */
final class ChatControl {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final URI baseUri;

	ChatControl(URI baseUri) {
		this.baseUri = baseUri;
	}

	/**
	 * Closes every open socket of the contact abruptly (no close frame), as a dropped
	 * connection.
	 */
	int dropSockets(String contactId) {
		return send("POST", contactId + "/sockets/close", "{\"abrupt\":true}").get("closed").asInt();
	}

	/** Closes every open socket of the contact with a close frame and the code. */
	int closeSockets(String contactId, int code) {
		return send("POST", contactId + "/sockets/close", "{\"code\":" + code + "}").get("closed").asInt();
	}

	/**
	 * The contact's sockets stop answering heartbeats for a while, and delay every frame.
	 */
	void socketFaults(String contactId, long unresponsiveMillis, long delayMillis) {
		send("PUT", contactId + "/sockets/faults",
				"{\"unresponsiveMillis\":" + unresponsiveMillis + ",\"delayMillis\":" + delayMillis + "}");
	}

	void typing(String contactId) {
		send("POST", contactId + "/typing", "{\"role\":\"AGENT\",\"displayName\":\"Sam\"}");
	}

	void receipt(String contactId, String type, String messageId) {
		send("POST", contactId + "/receipts",
				"{\"role\":\"AGENT\",\"type\":\"" + type + "\",\"messageId\":\"" + messageId + "\"}");
	}

	/** The contact's sockets as the emulator saw them, oldest first. */
	List<JsonNode> sockets(String contactId) {
		List<JsonNode> sockets = new ArrayList<>();
		EmulatorState.contact(this.baseUri, contactId).get("sockets").forEach(sockets::add);
		return sockets;
	}

	/** How many of the contact's sockets are open and subscribed. */
	long subscribedSockets(String contactId) {
		return sockets(contactId).stream()
			.filter((socket) -> socket.get("open").asBoolean() && socket.get("subscribed").asBoolean())
			.count();
	}

	private JsonNode send(String method, String route, String body) {
		try {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(this.baseUri.resolve("/_emulator/contacts/" + route))
					.method(method, HttpRequest.BodyPublishers.ofString(body))
					.header("Content-Type", "application/json")
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(
						"Control API answered " + response.statusCode() + ": " + response.body());
			}
			return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
