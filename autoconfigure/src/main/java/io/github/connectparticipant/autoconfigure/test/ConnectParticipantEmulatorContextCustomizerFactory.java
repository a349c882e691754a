package io.github.connectparticipant.autoconfigure.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * Supports {@link EnableConnectParticipantEmulator}: registered in
 * {@code META-INF/spring.factories} for the Spring TestContext framework.
 */
class ConnectParticipantEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!isEmulatorPresent()
				|| !TestContextAnnotationUtils.hasAnnotation(testClass, EnableConnectParticipantEmulator.class)) {
			return null;
		}
		return new EmulatorContextCustomizer();
	}

	private static boolean isEmulatorPresent() {
		try {
			Class.forName("io.github.connectparticipant.emulator.ConnectParticipantEmulator", false,
					ConnectParticipantEmulatorContextCustomizerFactory.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	/**
	 * Starts the emulator, exposes it as a bean and writes its URL into the properties.
	 * All instances are equal so that contexts using it are cached like any other.
	 */
	static final class EmulatorContextCustomizer implements ContextCustomizer {

		static final String BEAN_NAME = "connectParticipantEmulator";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start();
			context.getBeanFactory().registerSingleton(BEAN_NAME, emulator);
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
				if (event.getApplicationContext() == context) {
					emulator.close();
				}
			});
			TestPropertyValues
				.of("connect.participant.endpoint=" + emulator.baseUri(), "connect.participant.region=us-east-1",
						"connect.participant.emulator.enabled=false")
				.applyTo(context);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof EmulatorContextCustomizer;
		}

		@Override
		public int hashCode() {
			return EmulatorContextCustomizer.class.hashCode();
		}

	}

}
