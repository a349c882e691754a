package io.github.connectparticipant.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone emulator's settings from environment variables and command-line options,
 * so that it runs unchanged as a service in any CI or container. Each setting has an
 * option ({@code --upload-url-expiry 30s}) and an environment variable
 * ({@code CONNECT_PARTICIPANT_EMULATOR_UPLOAD_URL_EXPIRY=30s}); an option wins over the
 * variable. Durations are {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h} or ISO-8601
 * ({@code PT5M}); sizes are bytes or {@code KB}, {@code MB}, {@code GB} (powers of 1024).
 */
enum EmulatorOptions {

	HOST("host", "address to bind to", "127.0.0.1", (settings, value) -> settings.host(value)),

	PORT("port", "port to listen on; 0 picks a free one", "0", (settings, value) -> settings.port(integer(value))),

	CONNECTION_TOKEN_EXPIRY("connection-token-expiry", "lifetime of a ConnectionToken", "24h",
			(settings, value) -> settings.connectionTokenExpiry(duration(value))),

	UPLOAD_URL_EXPIRY("upload-url-expiry", "lifetime of a pre-signed upload URL", "5m",
			(settings, value) -> settings.uploadUrlExpiry(duration(value))),

	SCAN_DELAY("scan-delay", "time from CompleteAttachmentUpload to the scan verdict", "0s",
			(settings, value) -> settings.scanDelay(duration(value))),

	MAX_ATTACHMENT_SIZE("max-attachment-size", "largest attachment accepted", "20MB",
			(settings, value) -> settings.maxAttachmentSize(size(value))),

	MAX_ATTACHMENTS_PER_CONTACT("max-attachments-per-contact",
			"attachments one contact may start before ServiceQuotaExceededException", "100",
			(settings, value) -> settings.maxAttachmentsPerContact(integer(value))),

	ALLOWED_CONTENT_TYPES("allowed-content-types", "MIME types accepted, comma-separated", "Connect's chat types",
			(settings, value) -> settings.allowedContentTypes(list(value))),

	WEBSOCKET_PORT("websocket-port", "port of the chat WebSocket; 0 picks a free one", "0",
			(settings, value) -> settings.websocketPort(integer(value))),

	WEBSOCKET_URL_EXPIRY("websocket-url-expiry", "window in which a chat WebSocket URL may be connected to", "100s",
			(settings, value) -> settings.websocketUrlExpiry(duration(value))),

	SUBSCRIBE_TIMEOUT("subscribe-timeout",
			"time after StartChatContact by which a customer socket must subscribe, or the chat ends; 0s turns it off",
			"5m", (settings, value) -> settings.subscribeTimeout(duration(value))),

	WORKER_THREADS("worker-threads", "threads serving requests", "64",
			(settings, value) -> settings.workerThreads(integer(value))),

	STORAGE_DIRECTORY("storage-directory", "directory for uploaded objects", "a temporary one, removed on stop",
			(settings, value) -> settings.storageDirectory(Path.of(value)));

	/** Prefix of every environment variable. */
	static final String ENVIRONMENT_PREFIX = "CONNECT_PARTICIPANT_EMULATOR_";

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

	private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KB|MB|GB)?");

	private final String option;

	private final String description;

	private final String defaultValue;

	private final BiConsumer<EmulatorSettings.Builder, String> apply;

	EmulatorOptions(String option, String description, String defaultValue,
			BiConsumer<EmulatorSettings.Builder, String> apply) {
		this.option = option;
		this.description = description;
		this.defaultValue = defaultValue;
		this.apply = apply;
	}

	/** The command-line option, such as {@code --upload-url-expiry}. */
	String option() {
		return "--" + this.option;
	}

	/**
	 * The environment variable, such as
	 * {@code CONNECT_PARTICIPANT_EMULATOR_UPLOAD_URL_EXPIRY}.
	 */
	String environmentVariable() {
		return ENVIRONMENT_PREFIX + name();
	}

	/**
	 * Applies the environment, then the arguments, to the settings.
	 * @param args command-line arguments ({@code --help} is the caller's)
	 * @param environment the process's environment
	 * @param settings the settings to change
	 * @throws IllegalArgumentException naming the option or variable and the value
	 * refused
	 */
	static void apply(String[] args, Map<String, String> environment, EmulatorSettings.Builder settings) {
		for (EmulatorOptions each : values()) {
			String value = environment.get(each.environmentVariable());
			if (value != null && !value.isBlank()) {
				each.set(settings, value.trim(), each.environmentVariable());
			}
		}
		for (int i = 0; i < args.length; i++) {
			EmulatorOptions each = byOption(args[i]);
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(args[i] + " needs a value");
			}
			each.set(settings, args[++i], args[i - 1]);
		}
	}

	/** One line per setting: option, environment variable, what it sets, its default. */
	static String help() {
		StringBuilder help = new StringBuilder();
		for (EmulatorOptions each : values()) {
			help.append(String.format(Locale.ROOT, "  %-32s %-52s %s (default: %s)%n", each.option() + " VALUE",
					each.environmentVariable(), each.description, each.defaultValue));
		}
		return help.toString();
	}

	private void set(EmulatorSettings.Builder settings, String value, String source) {
		try {
			this.apply.accept(settings, value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(source + " '" + value + "': " + ex.getMessage(), ex);
		}
	}

	private static EmulatorOptions byOption(String arg) {
		for (EmulatorOptions each : values()) {
			if (each.option().equals(arg)) {
				return each;
			}
		}
		throw new IllegalArgumentException("Unknown argument '" + arg + "'");
	}

	private static int integer(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("takes a number");
		}
	}

	static Duration duration(String value) {
		Matcher matcher = DURATION.matcher(value);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("takes a duration such as 500ms, 30s, 5m, 24h or PT5M");
		}
	}

	static long size(String value) {
		Matcher matcher = SIZE.matcher(value.toUpperCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("takes a size such as 1048576, 512KB, 20MB or 1GB");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "B";
		return switch (unit) {
			case "KB" -> amount * 1024;
			case "MB" -> amount * 1024 * 1024;
			case "GB" -> amount * 1024 * 1024 * 1024;
			default -> amount;
		};
	}

	private static Set<String> list(String value) {
		Set<String> items = new LinkedHashSet<>();
		for (String item : value.split(",")) {
			if (!item.isBlank()) {
				items.add(item.trim());
			}
		}
		return items;
	}

}
