package io.github.connectparticipant.autoconfigure.emulator;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

import org.springframework.core.env.Environment;

/**
 * Finds an AWS region where the AWS SDK's region chain would, short of instance metadata:
 * the {@code aws.region} system property, the {@code AWS_REGION} environment variable
 * ({@code AWS_DEFAULT_REGION} too, which the AWS CLI reads), and the region of the active
 * profile in the AWS config and credentials files, which the SDK's own profile parser
 * reads. Instance metadata is never asked: on EC2 an application is expected to have
 * {@code AWS_REGION} or a profile, and a start-up must not wait on a metadata endpoint.
 * <p>
 * Everything is read through Spring's {@link Environment} (whose standard property
 * sources are the system properties and the process's environment), so that a test can
 * give the lookup an environment of its own.
 */
final class AwsRegionLookup {

	private AwsRegionLookup() {
	}

	/**
	 * Find a region, and where it is set.
	 * @param environment the application's environment
	 * @return the region found, if any
	 */
	static Optional<FoundRegion> find(Environment environment) {
		String property = value(environment, "aws.region");
		// Spring's environment also answers aws.region with AWS_REGION: the same value is
		// the environment variable's
		if (property != null && !property.equals(value(environment, "AWS_REGION"))) {
			return Optional.of(new FoundRegion(property, "the aws.region system property"));
		}
		for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
			String region = value(environment, variable);
			if (region != null) {
				return Optional.of(new FoundRegion(region, "the " + variable + " environment variable"));
			}
		}
		return profileRegion(environment);
	}

	private static Optional<FoundRegion> profileRegion(Environment environment) {
		Path config = file(environment, "aws.configFile", "AWS_CONFIG_FILE", "config");
		Path credentials = file(environment, "aws.sharedCredentialsFile", "AWS_SHARED_CREDENTIALS_FILE", "credentials");
		List<Path> files = new ArrayList<>(2);
		for (Path file : List.of(credentials, config)) {
			if (Files.isRegularFile(file)) {
				files.add(file);
			}
		}
		if (files.isEmpty()) {
			// nothing to read: the SDK's profile classes are not even loaded
			return Optional.empty();
		}
		String profile = first(environment, "aws.profile", "AWS_PROFILE");
		String name = (profile != null) ? profile : "default";
		String where = "profile '" + name + "' of " + files;
		try {
			ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
			for (Path file : files) {
				aggregator.addFile(ProfileFile.builder()
					.content(file)
					.type(file.equals(config) ? ProfileFile.Type.CONFIGURATION : ProfileFile.Type.CREDENTIALS)
					.build());
			}
			return aggregator.build()
				.profile(name)
				.flatMap((found) -> found.property(ProfileProperty.REGION))
				.filter((region) -> !region.isBlank())
				.map((region) -> new FoundRegion(region.trim(), where));
		}
		catch (RuntimeException ex) {
			// a machine with AWS profile files is set up for AWS even when they cannot be
			// read: the emulator must not stand in for the service there
			return Optional
				.of(new FoundRegion("unknown", where + ", which could not be read (" + ex.getMessage() + ")"));
		}
	}

	private static Path file(Environment environment, String property, String variable, String defaultName) {
		String configured = first(environment, property, variable);
		if (configured == null) {
			return Paths.get(UserHomeDirectoryUtils.userHomeDirectory(), ".aws", defaultName);
		}
		if (configured.equals("~") || configured.startsWith("~/") || configured.startsWith("~" + File.separator)) {
			return Paths.get(UserHomeDirectoryUtils.userHomeDirectory() + configured.substring(1));
		}
		return Paths.get(configured);
	}

	private static @Nullable String first(Environment environment, String property, String variable) {
		String value = value(environment, property);
		return (value != null) ? value : value(environment, variable);
	}

	private static @Nullable String value(Environment environment, String name) {
		String value = environment.getProperty(name);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * A region found outside the starter's own properties.
	 *
	 * @param region the region's name
	 * @param source where it is set, for log lines and condition reports
	 */
	record FoundRegion(String region, String source) {
	}

}
