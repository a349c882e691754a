package io.github.connectparticipant.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.connectparticipant.benchmarks.app.MinimalApp;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * The variants the start-up benchmark starts, each a launch of a new JVM:
 * {@link MinimalApp}, its class files copied to a directory of their own, with the class
 * paths of {@link StartupClasspaths} (and once more with the starter's jars but its
 * auto-configurations excluded); where {@code taskset} can pin a process to one core, the
 * start without the starter and with it on one core; and the sample app's jar, with its
 * embedded emulator and without, when it has been built.
 *
 * @param app the directory of the application's classes, deleted on {@link #close()}
 * @param launches each variant's launch, by its name
 * @param classpaths the class paths the launches use
 * @param oneCore the core the one-core variants are pinned to, if there are any
 * @param sampleApp whether the sample app's variants are there
 */
record StartupVariants(Path app, Map<String, StartupLaunch> launches, StartupClasspaths classpaths,
		Optional<String> oneCore, boolean sampleApp) implements AutoCloseable {

	private static final String TASKSET = "/usr/bin/taskset";

	private static final String REGION = "--connect.participant.region=us-east-1";

	/**
	 * The variants, on this JVM's class path.
	 */
	static StartupVariants create() throws IOException {
		Path app = applicationClasses();
		try {
			StartupClasspaths classpaths = StartupClasspaths.of(app, ForkedJvm.classpath());
			String main = MinimalApp.class.getName();
			Map<String, StartupLaunch> launches = new LinkedHashMap<>();
			launches.put("without", new StartupLaunch(javaCommand(classpaths.without(), main), List.of()));
			launches.put("starter", new StartupLaunch(javaCommand(classpaths.starter(), main), List.of(REGION)));
			launches.put("starter+emulator",
					new StartupLaunch(javaCommand(classpaths.starterAndEmulator(), main), List.of()));
			// the starter's jars on the class path doing nothing: what part of the
			// start-up
			// the starter adds is its jars' (the AWS SDK's modules) being on the class
			// path
			// at all, and what part its auto-configuration's work
			launches.put("jars", new StartupLaunch(javaCommand(classpaths.starter(), main),
					List.of("--spring.autoconfigure.exclude=" + String.join(",", starterAutoConfigurations()))));
			launches.put("first", new StartupLaunch(javaCommand(classpaths.declaredFirst(), main), List.of(REGION)));
			Optional<String> core = pinnableCore();
			core.ifPresent((cpu) -> {
				launches.put("without/1",
						new StartupLaunch(pinned(cpu, javaCommand(classpaths.without(), main)), List.of()));
				launches.put("starter/1",
						new StartupLaunch(pinned(cpu, javaCommand(classpaths.starter(), main)), List.of(REGION)));
			});
			Optional<Path> sampleApp = sampleAppJar();
			sampleApp.ifPresent((jar) -> {
				List<String> command = List.of(ForkedJvm.java(), "-jar", jar.toString());
				launches.put("sample+emulator", new StartupLaunch(command, List.of()));
				launches.put("sample",
						new StartupLaunch(command,
								List.of("--connect.participant.emulator.enabled=false", REGION,
										"--sample.connect.instance-id=benchmark",
										"--sample.connect.contact-flow-id=benchmark")));
			});
			return new StartupVariants(app, launches, classpaths, core, sampleApp.isPresent());
		}
		catch (IOException | RuntimeException ex) {
			delete(app);
			throw ex;
		}
	}

	StartupLaunch launch(String name) {
		return this.launches.get(name);
	}

	List<String> names() {
		return new ArrayList<>(this.launches.keySet());
	}

	@Override
	public void close() throws IOException {
		delete(this.app);
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	/**
	 * Copy {@link MinimalApp}'s class files to a directory of their own: this module's
	 * jar names every library in its manifest.
	 */
	private static Path applicationClasses() throws IOException {
		Path directory = Files.createTempDirectory("connect-participant-bench-app-");
		String name = MinimalApp.class.getName().replace('.', '/');
		for (String resource : List.of(name + ".class", name + "$Hello.class")) {
			Path file = directory.resolve(resource);
			Files.createDirectories(file.getParent());
			try (var in = StartupVariants.class.getClassLoader().getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("No class file " + resource);
				}
				Files.copy(in, file);
			}
		}
		return directory;
	}

	/**
	 * The starter's auto-configurations, as Boot finds them on this class path.
	 */
	private static List<String> starterAutoConfigurations() {
		List<String> names = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, StartupVariants.class.getClassLoader()).forEach((name) -> {
			if (name.startsWith("io.github.connectparticipant.")) {
				names.add(name);
			}
		});
		if (names.isEmpty()) {
			throw new IllegalStateException("the starter's auto-configurations were not found on the class path");
		}
		return names;
	}

	/**
	 * The first core this process may run on, when {@code taskset} is there to pin a
	 * process to it and the machine has more than one.
	 */
	private static Optional<String> pinnableCore() {
		if (Runtime.getRuntime().availableProcessors() < 2 || !Files.isExecutable(Path.of(TASKSET))) {
			return Optional.empty();
		}
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("Cpus_allowed_list:"))
				.findFirst()
				.map((line) -> firstCpu(line.substring(line.indexOf(':') + 1)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The first core of a Linux CPU list such as {@code 0-1} or {@code 2,4-5}.
	 */
	static String firstCpu(String cpuList) {
		String first = cpuList.trim().split("[,-]")[0];
		if (!first.matches("[0-9]+")) {
			throw new IllegalArgumentException("not a CPU list: " + cpuList);
		}
		return first;
	}

	private static List<String> pinned(String cpu, List<String> command) {
		List<String> pinned = new ArrayList<>(List.of(TASKSET, "-c", cpu));
		pinned.addAll(command);
		return pinned;
	}

	private static List<String> javaCommand(List<String> classpath, String mainClass) {
		return List.of(ForkedJvm.java(), "-cp", String.join(File.pathSeparator, classpath), mainClass);
	}

	/**
	 * The sample app's jar, when it has been built beside this module.
	 */
	private static Optional<Path> sampleAppJar() {
		try {
			Path here = Path.of(StartupVariants.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path target = here.getParent().getParent().resolve("sample-app").resolve("target");
			if (!Files.isDirectory(target)) {
				target = here.getParent().getParent().getParent().resolve("sample-app").resolve("target");
			}
			if (!Files.isDirectory(target)) {
				return Optional.empty();
			}
			try (Stream<Path> files = Files.list(target)) {
				return files
					.filter((file) -> file.getFileName().toString().matches("connect-participant-sample-app-.*\\.jar"))
					.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
					.findFirst();
			}
		}
		catch (URISyntaxException | IOException ex) {
			throw new UncheckedIOException(new IOException(ex));
		}
	}

}
