package io.github.connectparticipant.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import io.github.connectparticipant.attachment.DefaultAttachmentService;
import io.github.connectparticipant.connection.ParticipantConnectionFactory;
import io.github.connectparticipant.retry.RetryExecutor;
import io.github.connectparticipant.transcript.DefaultTranscriptService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The starter's background pre-initializer is found by Boot, loads what the starter's
 * beans need ahead of the main thread, and builds and starts nothing.
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

	@Test
	void loadsTheBeansClassesAndTheClientsRequestTypesButNotWhatTheBeansDefer() throws Exception {
		// a class loader of its own, so that what the pre-initializer loads is not
		// already loaded by other tests
		try (ProbeClassLoader loader = new ProbeClassLoader(testClassPath())) {
			String factory = ParticipantConnectionFactory.class.getName();
			String request = "software.amazon.awssdk.services.connectparticipant.model.GetTranscriptRequest";
			assertThat(loader.isLoaded(factory)).isFalse();
			Class<?> type = loader.loadClass(ConnectParticipantBackgroundPreinitializer.class.getName());
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			((BackgroundPreinitializer) constructor.newInstance()).preinitialize();
			assertThat(List.of(factory, DeferredAttachmentService.class.getName(),
					DeferredTranscriptService.class.getName(), request))
				.allMatch(loader::isLoaded);
			assertThat(List.of(DefaultAttachmentService.class.getName(), DefaultTranscriptService.class.getName(),
					RetryExecutor.class.getName()))
				.as("created once the application is ready, not at start-up")
				.noneMatch(loader::isLoaded);
			assertThat(loader
				.isLoaded("software.amazon.awssdk.services.connectparticipant.DefaultConnectParticipantClient"))
				.as("the SDK client is built on first use, not here")
				.isFalse();
		}
	}

	/**
	 * The test class path, with Surefire's manifest-only jar expanded into its
	 * {@code Class-Path}, without this module's own classes' loader as parent: only
	 * {@link BackgroundPreinitializer}, which the probe shares, comes from the parent.
	 */
	private static URL[] testClassPath() throws IOException {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry);
			urls.add(path.toUri().toURL());
			if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
				try (JarFile jar = new JarFile(entry)) {
					String manifestPath = (jar.getManifest() != null)
							? jar.getManifest().getMainAttributes().getValue("Class-Path") : null;
					if (manifestPath != null) {
						for (String item : manifestPath.trim().split("\\s+")) {
							urls.add(path.toAbsolutePath().getParent().toUri().resolve(item).toURL());
						}
					}
				}
			}
		}
		return urls.toArray(URL[]::new);
	}

	/**
	 * Loads everything from the test class path itself but Boot's pre-initializer
	 * interface, and tells which classes it has loaded.
	 */
	private static final class ProbeClassLoader extends URLClassLoader {

		ProbeClassLoader(URL[] urls) {
			super(urls, ClassLoader.getPlatformClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.equals(BackgroundPreinitializer.class.getName())) {
				return BackgroundPreinitializer.class;
			}
			return super.loadClass(name, resolve);
		}

		boolean isLoaded(String name) {
			synchronized (getClassLoadingLock(name)) {
				return findLoadedClass(name) != null;
			}
		}

	}

}
