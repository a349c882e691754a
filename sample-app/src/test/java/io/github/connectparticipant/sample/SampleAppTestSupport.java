package io.github.connectparticipant.sample;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test of the sample app running on a random port with the {@code test} profile, in
 * which the embedded emulator stands in for Amazon Connect. Each test gets a new
 * {@link SampleApi} on the app, and reaches the emulator for what only a test does (agent
 * messages, faults, request counts).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class SampleAppTestSupport {

	/**
	 * The EICAR anti-virus test string, which the emulator's scan rejects; assembled so
	 * that no scanner flags this source file.
	 */
	protected static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-"
			+ "TEST-FILE!$H+H*";

	@LocalServerPort
	protected int port;

	@Autowired
	protected ConnectParticipantEmulator emulator;

	protected SampleApi api;

	@BeforeEach
	protected void connectApi() {
		this.api = new SampleApi(this.port);
	}

}
