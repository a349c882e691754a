package io.github.connectparticipant.autoconfigure;

import java.util.List;

import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.util.ClassUtils;

import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * Loads on Spring Boot's background pre-initialization thread, while the application
 * starts, what the starter's beans would otherwise load on the main thread when the
 * context creates them: the classes of the beans themselves (loaded, verified and
 * initialized, which loads the classes they use), the methods of the SDK client's
 * interface (which Spring reads for every bean's type, and which name the SDK's request
 * and response classes) and, when the emulator is on the class path, the emulator's
 * classes and service models, since the auto-configuration starts it while the context
 * starts. It creates nothing and starts nothing; what the beans leave out of the start-up
 * (the services that do the work, the AWS SDK client) is not loaded here either, but once
 * the application is ready ({@link ConnectParticipantWarmUp}). Off with
 * {@code spring.backgroundpreinitializer.ignore=true}, like Boot's own pre-initializers.
 */
final class ConnectParticipantBackgroundPreinitializer implements BackgroundPreinitializer {

	private static final String EMULATOR = "io.github.connectparticipant.emulator.ConnectParticipantEmulator";

	@Override
	public void preinitialize() {
		ClassLoader classLoader = getClass().getClassLoader();
		Library.preload(classLoader);
		if (ClassUtils.isPresent(EMULATOR, classLoader)) {
			Emulator.preload();
		}
	}

	/**
	 * The classes of the starter's beans that the context creates at start-up.
	 */
	static final class Library {

		/**
		 * Whose static initializers only make constants, loggers and patterns:
		 * initializing them here cannot wait on a class the main thread is initializing.
		 */
		static final List<Class<?>> BEANS = List.of(ParticipantConnectionFactory.class, DeferredAttachmentService.class,
				DeferredTranscriptService.class);

		private Library() {
		}

		static void preload(ClassLoader classLoader) {
			for (Class<?> type : BEANS) {
				initialize(type, classLoader);
			}
			ConnectParticipantClient.class.getDeclaredMethods();
		}

		private static void initialize(Class<?> type, ClassLoader classLoader) {
			try {
				Class.forName(type.getName(), true, classLoader);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
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
