package io.github.connectparticipant.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The starter's background pre-initializer is found by Boot and preloads the emulator
 * without starting it.
 */
class ConnectParticipantBackgroundPreinitializerTests {

	@Test
	void isRegisteredWithBoot() {
		List<BackgroundPreinitializer> preinitializers = SpringFactoriesLoader
			.loadFactories(BackgroundPreinitializer.class, getClass().getClassLoader());
		assertThat(preinitializers).hasAtLeastOneElementOfType(ConnectParticipantBackgroundPreinitializer.class);
	}

	@Test
	void preloadsTheEmulator() {
		assertThatNoException().isThrownBy(() -> new ConnectParticipantBackgroundPreinitializer().preinitialize());
	}

}
