package io.github.connectparticipant.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * A test of an application on the starter, running on a random port against the embedded
 * emulator ({@code @SpringBootTest(webEnvironment = RANDOM_PORT)} on the test class): its
 * connections, its emulator, and its actuator read over HTTP as a load balancer or a
 * dashboard reads it.
 */
public abstract class StarterApplicationTestSupport {

	@LocalServerPort
	private int port;

	@Autowired
	protected ParticipantConnectionFactory connections;

	@Autowired
	protected ConnectParticipantEmulator emulator;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * Start a chat on the emulator and return the customer's connection to it.
	 * @param displayName the customer's name
	 * @return the connection
	 */
	protected ParticipantConnection connection(String displayName) {
		return this.connections.fromParticipantToken(this.emulator.startChat(displayName).participantToken());
	}

	/**
	 * GET a path of the application.
	 * @param path the path, such as {@code /actuator/health}
	 * @return the response
	 */
	protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
