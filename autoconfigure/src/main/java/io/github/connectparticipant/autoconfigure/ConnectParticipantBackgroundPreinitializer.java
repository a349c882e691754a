package io.github.connectparticipant.autoconfigure;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.util.ClassUtils;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * Loads the embedded emulator's classes and service models on Spring Boot's background
 * pre-initialization thread when the emulator is on the class path, since the
 * auto-configuration starts it while the context starts (it starts nothing itself).
 * The AWS SDK client is not pre-initialized here: it is created on first use, after
 * start-up ({@link ConnectParticipantClientWarmUp}). Off with
 * {@code spring.backgroundpreinitializer.ignore=true}, like Boot's own pre-initializers.
 */
final class ConnectParticipantBackgroundPreinitializer implements BackgroundPreinitializer {

	private static final String EMULATOR = "io.github.connectparticipant.emulator.ConnectParticipantEmulator";

	@Override
	public void preinitialize() {
		if (ClassUtils.isPresent(EMULATOR, getClass().getClassLoader())) {
			Emulator.preload();
		}
	}

	/**
	 * Kept apart so that the emulator's types are loaded only once they are known to be
	 * present.
	 */
	private static final class Emulator {

		static void preload() {
			ConnectParticipantEmulator.preload();
		}

	}

}
