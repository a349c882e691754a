package io.github.connectparticipant;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the emulator's control API says a contact holds: the ground truth a test compares
 * the library's reading of the service with.
 */
public final class EmulatorState {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final HttpClient control = HttpClient.newHttpClient();

	private EmulatorState() {
	}

	/**
	 * The ids of a contact's transcript items, oldest first.
	 */
	public static List<String> itemIds(URI baseUri, String contactId) {
		List<String> ids = new ArrayList<>();
		for (JsonNode item : contact(baseUri, contactId).get("items")) {
			ids.add(item.get("Id").asString());
		}
		return ids;
	}

	/**
	 * The emulator's state of a contact ({@code GET /_emulator/contacts/{id}}).
	 */
	public static JsonNode contact(URI baseUri, String contactId) {
		try {
			HttpResponse<String> response = control.send(
					HttpRequest.newBuilder(baseUri.resolve("/_emulator/contacts/" + contactId)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Control API answered " + response.statusCode());
			}
			return mapper.readTree(response.body());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
