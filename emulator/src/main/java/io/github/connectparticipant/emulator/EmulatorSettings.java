package io.github.connectparticipant.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of an emulator instance. Immutable; build one with {@link #builder()} and
 * derive variants with {@link #toBuilder()}. The defaults follow Amazon Connect's
 * documented behaviour: 24 hour connection tokens, 5 minute pre-signed URLs, 20 MB
 * attachments of the chat allow-list.
 */
public final class EmulatorSettings {

	/**
	 * Amazon Connect's default chat attachment allow-list: MIME type by file extension.
	 */
	public static final Map<String, String> DEFAULT_CONTENT_TYPES_BY_EXTENSION;

	static {
		Map<String, String> types = new LinkedHashMap<>();
		types.put("csv", "text/csv");
		types.put("doc", "application/msword");
		types.put("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		types.put("heic", "image/heic");
		types.put("jfif", "image/jpeg");
		types.put("jpeg", "image/jpeg");
		types.put("jpg", "image/jpeg");
		types.put("mov", "video/quicktime");
		types.put("mp4", "video/mp4");
		types.put("pdf", "application/pdf");
		types.put("png", "image/png");
		types.put("ppt", "application/vnd.ms-powerpoint");
		types.put("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
		types.put("rtf", "application/rtf");
		types.put("txt", "text/plain");
		types.put("wav", "audio/wav");
		types.put("xls", "application/vnd.ms-excel");
		types.put("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		DEFAULT_CONTENT_TYPES_BY_EXTENSION = Collections.unmodifiableMap(types);
	}

	/** Amazon Connect's default maximum attachment size: 20 MB. */
	public static final long DEFAULT_MAX_ATTACHMENT_SIZE = 20L * 1024 * 1024;

	private final String host;

	private final int port;

	private final Duration connectionTokenExpiry;

	private final Duration uploadUrlExpiry;

	private final long maxAttachmentSize;

	private final Set<String> allowedContentTypes;

	private final Duration scanDelay;

	private final int maxAttachmentsPerContact;

	private final int workerThreads;

	private final Path storageDirectory;

	private final int websocketPort;

	private final Duration websocketUrlExpiry;

	private final Duration subscribeTimeout;

	private EmulatorSettings(Builder builder) {
		this.host = builder.host;
		this.port = builder.port;
		this.connectionTokenExpiry = builder.connectionTokenExpiry;
		this.uploadUrlExpiry = builder.uploadUrlExpiry;
		this.maxAttachmentSize = builder.maxAttachmentSize;
		this.allowedContentTypes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.allowedContentTypes));
		this.scanDelay = builder.scanDelay;
		this.maxAttachmentsPerContact = builder.maxAttachmentsPerContact;
		this.workerThreads = builder.workerThreads;
		this.storageDirectory = builder.storageDirectory;
		this.websocketPort = builder.websocketPort;
		this.websocketUrlExpiry = builder.websocketUrlExpiry;
		this.subscribeTimeout = builder.subscribeTimeout;
	}

	/** Default settings: loopback, a free port. */
	public static EmulatorSettings defaults() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.host = this.host;
		builder.port = this.port;
		builder.connectionTokenExpiry = this.connectionTokenExpiry;
		builder.uploadUrlExpiry = this.uploadUrlExpiry;
		builder.maxAttachmentSize = this.maxAttachmentSize;
		builder.allowedContentTypes = new LinkedHashSet<>(this.allowedContentTypes);
		builder.scanDelay = this.scanDelay;
		builder.maxAttachmentsPerContact = this.maxAttachmentsPerContact;
		builder.workerThreads = this.workerThreads;
		builder.storageDirectory = this.storageDirectory;
		builder.websocketPort = this.websocketPort;
		builder.websocketUrlExpiry = this.websocketUrlExpiry;
		builder.subscribeTimeout = this.subscribeTimeout;
		return builder;
	}

	/** Address the server binds to. */
	public String host() {
		return this.host;
	}

	/** Port the server binds to; 0 picks a free one. */
	public int port() {
		return this.port;
	}

	/** Lifetime of a ConnectionToken from CreateParticipantConnection. */
	public Duration connectionTokenExpiry() {
		return this.connectionTokenExpiry;
	}

	/** Lifetime of a pre-signed upload URL from StartAttachmentUpload. */
	public Duration uploadUrlExpiry() {
		return this.uploadUrlExpiry;
	}

	/** Largest attachment StartAttachmentUpload accepts, in bytes. */
	public long maxAttachmentSize() {
		return this.maxAttachmentSize;
	}

	/** MIME types StartAttachmentUpload accepts. */
	public Set<String> allowedContentTypes() {
		return this.allowedContentTypes;
	}

	/** Time between CompleteAttachmentUpload and the scan verdict. */
	public Duration scanDelay() {
		return this.scanDelay;
	}

	/** Attachments one contact may start before ServiceQuotaExceededException. */
	public int maxAttachmentsPerContact() {
		return this.maxAttachmentsPerContact;
	}

	/** Threads serving requests. */
	public int workerThreads() {
		return this.workerThreads;
	}

	/**
	 * Directory for uploaded objects, or {@code null} for a temporary one removed on
	 * stop. In a given directory reset and stop delete the emulator's objects only, never
	 * other files.
	 */
	public Path storageDirectory() {
		return this.storageDirectory;
	}

	/**
	 * Port the chat WebSocket server binds to (on {@link #host()}); 0 picks a free one.
	 */
	public int websocketPort() {
		return this.websocketPort;
	}

	/**
	 * Window in which a WebSocket URL from CreateParticipantConnection may be connected
	 * to (its {@code ConnectionExpiry}); inside it the URL may be used again.
	 */
	public Duration websocketUrlExpiry() {
		return this.websocketUrlExpiry;
	}

	/**
	 * Time after StartChatContact within which a customer's WebSocket must subscribe, or
	 * the chat is ended as Amazon Connect ends it; {@link Duration#ZERO} turns the rule
	 * off.
	 */
	public Duration subscribeTimeout() {
		return this.subscribeTimeout;
	}

	@Override
	public String toString() {
		return "EmulatorSettings[host=" + this.host + ", port=" + this.port + ", connectionTokenExpiry="
				+ this.connectionTokenExpiry + ", uploadUrlExpiry=" + this.uploadUrlExpiry + ", maxAttachmentSize="
				+ this.maxAttachmentSize + ", allowedContentTypes=" + this.allowedContentTypes + ", scanDelay="
				+ this.scanDelay + ", maxAttachmentsPerContact=" + this.maxAttachmentsPerContact + ", workerThreads="
				+ this.workerThreads + ", websocketPort=" + this.websocketPort + ", websocketUrlExpiry="
				+ this.websocketUrlExpiry + ", subscribeTimeout=" + this.subscribeTimeout + "]";
	}

	/** Builder of {@link EmulatorSettings}. */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port = 0;

		private Duration connectionTokenExpiry = Duration.ofHours(24);

		private Duration uploadUrlExpiry = Duration.ofMinutes(5);

		private long maxAttachmentSize = DEFAULT_MAX_ATTACHMENT_SIZE;

		private Set<String> allowedContentTypes = new LinkedHashSet<>(DEFAULT_CONTENT_TYPES_BY_EXTENSION.values());

		private Duration scanDelay = Duration.ZERO;

		private int maxAttachmentsPerContact = 100;

		private int workerThreads = 64;

		private Path storageDirectory;

		private int websocketPort = 0;

		private Duration websocketUrlExpiry = Duration.ofSeconds(100);

		private Duration subscribeTimeout = Duration.ofMinutes(5);

		private Builder() {
		}

		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		public Builder port(int port) {
			this.port = port(port, "port");
			return this;
		}

		public Builder connectionTokenExpiry(Duration expiry) {
			this.connectionTokenExpiry = positive(expiry, "connectionTokenExpiry");
			return this;
		}

		public Builder uploadUrlExpiry(Duration expiry) {
			this.uploadUrlExpiry = positive(expiry, "uploadUrlExpiry");
			return this;
		}

		public Builder maxAttachmentSize(long bytes) {
			atLeastOne(bytes, "maxAttachmentSize");
			this.maxAttachmentSize = bytes;
			return this;
		}

		public Builder allowedContentTypes(Set<String> contentTypes) {
			Objects.requireNonNull(contentTypes, "allowedContentTypes");
			this.allowedContentTypes = new LinkedHashSet<>(contentTypes);
			return this;
		}

		public Builder scanDelay(Duration delay) {
			this.scanDelay = notNegative(delay, "scanDelay");
			return this;
		}

		public Builder maxAttachmentsPerContact(int max) {
			atLeastOne(max, "maxAttachmentsPerContact");
			this.maxAttachmentsPerContact = max;
			return this;
		}

		public Builder workerThreads(int threads) {
			atLeastOne(threads, "workerThreads");
			this.workerThreads = threads;
			return this;
		}

		public Builder storageDirectory(Path directory) {
			this.storageDirectory = directory;
			return this;
		}

		public Builder websocketPort(int port) {
			this.websocketPort = port(port, "websocketPort");
			return this;
		}

		public Builder websocketUrlExpiry(Duration expiry) {
			this.websocketUrlExpiry = positive(expiry, "websocketUrlExpiry");
			return this;
		}

		/**
		 * Sets the subscribe rule's timeout; {@link Duration#ZERO} turns the rule off.
		 */
		public Builder subscribeTimeout(Duration timeout) {
			this.subscribeTimeout = notNegative(timeout, "subscribeTimeout");
			return this;
		}

		public EmulatorSettings build() {
			return new EmulatorSettings(this);
		}

		private static int port(int port, String name) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
			}
			return port;
		}

		private static void atLeastOne(long value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, was " + value);
			}
		}

		private static Duration notNegative(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, was " + duration);
			}
			return duration;
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}

	}

}
