package io.github.connectparticipant.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a GraalVM native image of an application on the starter needs beyond what Spring
 * AOT finds by itself: the embedded emulator's service models, which it reads as class
 * path resources when it starts. The starter's own classes are found by AOT
 * (auto-configuration, {@code @ConfigurationProperties}, the {@code spring.factories}
 * entries) and the AWS SDK ships its own native-image metadata. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class ConnectParticipantRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The emulator's bundled service models (the emulator jar also declares them for
	 * native-image).
	 */
	static final String EMULATOR_MODELS = "io/github/connectparticipant/emulator/model/*.json";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(EMULATOR_MODELS);
	}

}
