package io.github.connectparticipant.emulator.junit;

import java.net.URI;
import java.util.Objects;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import io.github.connectparticipant.emulator.EmulatorSettings;

/**
 * JUnit 5 extension that runs a {@link ConnectParticipantEmulator} for a test class.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static ConnectParticipantEmulatorExtension emulator = new ConnectParticipantEmulatorExtension();
 * </pre>
 *
 * In a {@code static} field one emulator serves the whole class and its state is reset
 * before each test; in an instance field each test gets its own. Test methods and
 * constructors may also declare a {@link ConnectParticipantEmulator} parameter.
 */
public class ConnectParticipantEmulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final EmulatorSettings settings;

	private ConnectParticipantEmulator emulator;

	private boolean perClass;

	public ConnectParticipantEmulatorExtension() {
		this(EmulatorSettings.defaults());
	}

	public ConnectParticipantEmulatorExtension(EmulatorSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.emulator = ConnectParticipantEmulator.start(this.settings);
		this.perClass = true;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.emulator == null) {
			this.emulator = ConnectParticipantEmulator.start(this.settings);
			this.perClass = false;
		}
		else {
			this.emulator.reset();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.perClass) {
			stop();
		}
	}

	/** The running emulator. */
	public ConnectParticipantEmulator emulator() {
		if (this.emulator == null) {
			throw new IllegalStateException("The emulator runs only while a test of the class runs");
		}
		return this.emulator;
	}

	/** The running emulator's base URI (the SDK's endpoint override). */
	public URI baseUri() {
		return emulator().baseUri();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == ConnectParticipantEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return emulator();
	}

	private void stop() {
		if (this.emulator != null) {
			this.emulator.close();
			this.emulator = null;
		}
	}

}
