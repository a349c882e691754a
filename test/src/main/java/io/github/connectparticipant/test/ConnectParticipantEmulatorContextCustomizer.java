package io.github.connectparticipant.test;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * Starts an emulator for a test context and writes its address into the environment,
 * through a property source that also holds the emulator: the context gets no bean, and
 * {@link ConnectParticipantEmulatorTestExecutionListener} finds the emulator there. All
 * instances are equal so that contexts using it are cached like any other.
 */
final class ConnectParticipantEmulatorContextCustomizer implements ContextCustomizer {

	private static final String PROPERTY_SOURCE_NAME = "connectParticipantEmulator";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start();
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
			if (event.getApplicationContext() == context) {
				emulator.close();
			}
		});
		context.getEnvironment().getPropertySources().addFirst(new EmulatorPropertySource(emulator));
	}

	/**
	 * The emulator of a context customized by this class.
	 * @param context the test's application context
	 * @return its emulator, or {@code null} when it has none
	 */
	static @Nullable ConnectParticipantEmulator emulator(ApplicationContext context) {
		Environment environment = context.getEnvironment();
		if (environment instanceof ConfigurableEnvironment configurable) {
			PropertySource<?> source = configurable.getPropertySources().get(PROPERTY_SOURCE_NAME);
			if (source instanceof EmulatorPropertySource emulatorSource) {
				return emulatorSource.getSource();
			}
		}
		return null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ConnectParticipantEmulatorContextCustomizer;
	}

	@Override
	public int hashCode() {
		return ConnectParticipantEmulatorContextCustomizer.class.hashCode();
	}

	/**
	 * The properties that point the starter at the emulator, ahead of every other source.
	 */
	private static final class EmulatorPropertySource extends EnumerablePropertySource<ConnectParticipantEmulator> {

		private final Map<String, Object> properties;

		EmulatorPropertySource(ConnectParticipantEmulator emulator) {
			super(PROPERTY_SOURCE_NAME, emulator);
			// the region is any valid one: the emulator accepts every region
			this.properties = Map.of("connect.participant.endpoint", emulator.baseUri().toString(),
					"connect.participant.region", "us-east-1", "connect.participant.emulator.enabled", "false");
		}

		@Override
		public String[] getPropertyNames() {
			return this.properties.keySet().toArray(String[]::new);
		}

		@Override
		public @Nullable Object getProperty(String name) {
			return this.properties.get(name);
		}

	}

}
