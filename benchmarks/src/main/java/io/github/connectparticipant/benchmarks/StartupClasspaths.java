package io.github.connectparticipant.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The class paths the start-up benchmark starts its application with, made from this
 * JVM's: without the starter's jars; with them after the others, as Maven orders them
 * when a pom declares the starter after Spring Boot's starters (as the sample app's
 * does), without the emulator's jar and with it after them; and with the starter's jars
 * where this module's pom declares them, ahead of most of Spring's.
 *
 * @param without the application's class path without the starter's jars
 * @param starter with the starter's jars after the others, without the emulator's
 * @param starterAndEmulator the same with the emulator's jar after them
 * @param declaredFirst with the starter's jars ahead of most of Spring's, without the
 * emulator's
 * @param starterJars how many jars the starter adds
 */
record StartupClasspaths(List<String> without, List<String> starter, List<String> starterAndEmulator,
		List<String> declaredFirst, int starterJars) {

	/**
	 * Path parts (repository layout) of the jars that come with the starter and the
	 * emulator.
	 */
	static final List<String> STARTER_JARS = List.of("/io/github/connectparticipant/", "/software/amazon/",
			"/org/springframework/retry/", "/org/apache/httpcomponents/", "/commons-codec/", "/org/reactivestreams/");

	/**
	 * Path parts of the jars only the quota benchmark's shared bucket needs (Spring Data
	 * Redis, Lettuce and Bucket4j): left out of every start, whose applications use none.
	 */
	private static final List<String> SHARED_BUCKET_JARS = List.of("/org/springframework/data/", "/io/lettuce/",
			"/com/bucket4j/", "/io/netty/", "/io/projectreactor/", "/redis/clients/",
			"/org/springframework/boot/spring-boot-data-", "/org/springframework/boot/spring-boot-starter-data-redis/",
			"/org/springframework/boot/spring-boot-netty/");

	private static final String EMULATOR_JAR = "/io/github/connectparticipant/connect-participant-emulator/";

	/**
	 * Path part of Spring Framework's context jar, which holds much of what a Boot
	 * application loads.
	 */
	private static final String SPRING_CONTEXT_JAR = "/org/springframework/spring-context/";

	/**
	 * The class paths of an application whose classes are in a directory of their own.
	 * @param app the application's classes
	 * @param classpath this JVM's class path, which declares the starter first
	 * @return the class paths
	 */
	static StartupClasspaths of(Path app, List<String> classpath) {
		List<String> all = new ArrayList<>(List.of(app.toString()));
		all.addAll(classpath.stream()
			.filter((entry) -> !isThisModule(entry))
			.filter((entry) -> SHARED_BUCKET_JARS.stream().noneMatch(entry.replace('\\', '/')::contains))
			.toList());
		List<String> without = all.stream().filter((entry) -> !isStarterJar(entry)).toList();
		List<String> emulatorJar = all.stream().filter(StartupClasspaths::isEmulatorJar).toList();
		if (without.size() == all.size() || emulatorJar.isEmpty()) {
			throw new IllegalStateException("the starter's jars were not found on the class path: " + all);
		}
		// The starter declared after Boot's starters, as the sample app declares it:
		// Maven puts its jars after Spring's, and the emulator's after the starter's.
		List<String> noEmulator = all.stream().filter((entry) -> !isEmulatorJar(entry)).toList();
		List<String> starter = declaredLast(noEmulator, StartupClasspaths::isStarterJar);
		List<String> starterAndEmulator = new ArrayList<>(starter);
		starterAndEmulator.addAll(emulatorJar);
		// The starter declared before Boot's starters, as this module declares it: Maven
		// puts its jars ahead of most of Spring's, and every lookup of a Spring class in
		// a
		// jar after them searches them first.
		requireAheadOfSpring(noEmulator);
		return new StartupClasspaths(without, starter, starterAndEmulator, noEmulator, all.size() - without.size());
	}

	/**
	 * The class path Maven makes when the starter is declared after the application's
	 * other dependencies: the same entries, the starter's (those {@code starter} names)
	 * moved behind the others, each group in its own order.
	 */
	static List<String> declaredLast(List<String> classpath, Predicate<String> starter) {
		List<String> ordered = new ArrayList<>(classpath.stream().filter(starter.negate()).toList());
		ordered.addAll(classpath.stream().filter(starter).toList());
		return ordered;
	}

	/**
	 * Check that this module's own class path, which declares the starter first, has the
	 * starter's jars ahead of Spring's, as the variant that stands for that order
	 * assumes.
	 */
	static void requireAheadOfSpring(List<String> classpath) {
		int starter = indexOf(classpath, StartupClasspaths::isStarterJar);
		int spring = indexOf(classpath, (entry) -> entry.replace('\\', '/').contains(SPRING_CONTEXT_JAR));
		if (starter < 0 || spring < 0 || starter > spring) {
			throw new IllegalStateException(
					"benchmarks/pom.xml must declare the starter before Spring Boot's starters, "
							+ "so that its jars come ahead of Spring's on this module's class path: " + classpath);
		}
	}

	private static int indexOf(List<String> classpath, Predicate<String> predicate) {
		for (int i = 0; i < classpath.size(); i++) {
			if (predicate.test(classpath.get(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isEmulatorJar(String entry) {
		return entry.replace('\\', '/').contains(EMULATOR_JAR);
	}

	private static boolean isStarterJar(String entry) {
		String path = entry.replace('\\', '/');
		return STARTER_JARS.stream().anyMatch(path::contains);
	}

	/**
	 * Whether an entry is this module's own classes, which the application's classes are
	 * copied out of.
	 */
	private static boolean isThisModule(String entry) {
		try {
			Path here = Path.of(StartupClasspaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return Path.of(entry).toAbsolutePath().equals(here.toAbsolutePath());
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
