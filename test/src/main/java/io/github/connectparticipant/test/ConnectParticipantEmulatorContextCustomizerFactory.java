package io.github.connectparticipant.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Supports {@link EnableConnectParticipantEmulator}: registered in
 * {@code META-INF/spring.factories} for the Spring TestContext framework.
 */
class ConnectParticipantEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, EnableConnectParticipantEmulator.class)) {
			return null;
		}
		return new ConnectParticipantEmulatorContextCustomizer();
	}

}
