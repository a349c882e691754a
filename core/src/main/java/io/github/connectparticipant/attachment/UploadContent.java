package io.github.connectparticipant.attachment;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.attachment.InvalidAttachmentException.Rule;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;

/**
 * An upload's content after every local check: its name, content type and exact size, and
 * a way to open it once per attempt. A one-shot stream is copied to a temporary file,
 * deleted on {@link #close()}.
 */
final class UploadContent implements Closeable {

	private static final int MAX_NAME_LENGTH = 256;

	private static final int BUFFER_SIZE = 64 * 1024;

	private final String name;

	private final String contentType;

	private final long size;

	private final @Nullable Path file;

	private final @Nullable Resource resource;

	private final boolean temporary;

	private UploadContent(String name, String contentType, long size, @Nullable Path file, @Nullable Resource resource,
			boolean temporary) {
		this.name = name;
		this.contentType = contentType;
		this.size = size;
		this.file = file;
		this.resource = resource;
		this.temporary = temporary;
	}

	/**
	 * Check an upload against every rule and prepare its content. Nothing is sent.
	 * @throws InvalidAttachmentException if a rule is broken
	 */
	static UploadContent prepare(AttachmentUpload upload, ConnectParticipantSettings settings) {
		String name = checkName(upload.name());
		String contentType = contentType(name, upload.contentType(), settings.allowedContentTypes());
		long max = settings.maxAttachmentSize().toBytes();
		Path file = upload.file();
		if (file != null) {
			long size;
			try {
				if (!Files.isRegularFile(file)) {
					throw new NoSuchFileException(file.toString());
				}
				size = Files.size(file);
			}
			catch (IOException ex) {
				throw new InvalidAttachmentException(Rule.UNREADABLE,
						"the file '" + file.getFileName() + "' cannot be read (" + ex.getClass().getSimpleName() + ")");
			}
			checkSize(size, max);
			return new UploadContent(name, contentType, size, file, null, false);
		}
		Resource resource = upload.resource();
		if (resource != null && !resource.isOpen()) {
			long size;
			try {
				size = resource.contentLength();
			}
			catch (IOException ex) {
				throw new InvalidAttachmentException(Rule.UNREADABLE, "the resource " + resource.getDescription()
						+ " cannot be read (" + ex.getClass().getSimpleName() + ")");
			}
			checkSize(size, max);
			return new UploadContent(name, contentType, size, null, resource, false);
		}
		if (resource != null) {
			try (InputStream in = resource.getInputStream()) {
				return spool(name, contentType, in, -1, max);
			}
			catch (IOException ex) {
				throw new InvalidAttachmentException(Rule.UNREADABLE, "the resource " + resource.getDescription()
						+ " cannot be read (" + ex.getClass().getSimpleName() + ")");
			}
		}
		InputStream stream = upload.stream();
		if (stream == null) {
			throw new IllegalStateException("An upload has a file, a resource or a stream");
		}
		checkSize(upload.streamLength(), max);
		return spool(name, contentType, stream, upload.streamLength(), max);
	}

	private static String checkName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidAttachmentException(Rule.NAME_EMPTY,
					"the attachment needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
		}
		int length = name.codePointCount(0, name.length());
		if (length > MAX_NAME_LENGTH) {
			throw new InvalidAttachmentException(Rule.NAME_TOO_LONG,
					"the name has " + length + " characters; the limit is " + MAX_NAME_LENGTH);
		}
		int[] codePoints = name.codePoints().toArray();
		for (int i = 0; i < codePoints.length; i++) {
			if (Character.isISOControl(codePoints[i])) {
				throw new InvalidAttachmentException(Rule.NAME_CONTROL_CHARACTERS,
						String.format(Locale.ROOT,
								"the name contains the control character U+%04X at position %d; names may not contain "
										+ "control characters",
								codePoints[i], i + 1));
			}
		}
		return name;
	}

	private static String contentType(String name, @Nullable String given, Map<String, String> allowed) {
		if (given != null) {
			String type = given.trim();
			for (String allowedType : allowed.values()) {
				if (allowedType.equalsIgnoreCase(type)) {
					return allowedType;
				}
			}
			throw new InvalidAttachmentException(Rule.TYPE_NOT_ALLOWED, "the content type '" + type
					+ "' is not in the allow-list (allowedContentTypes): " + String.join(", ", allowed.values()));
		}
		int dot = name.lastIndexOf('.');
		String extension = (dot >= 0 && dot < name.length() - 1) ? name.substring(dot + 1).toLowerCase(Locale.ROOT)
				: "";
		String type = allowed.get(extension);
		if (type == null) {
			throw new InvalidAttachmentException(Rule.TYPE_NOT_ALLOWED,
					(extension.isEmpty() ? "the name '" + name + "' has no extension"
							: "the extension '." + extension + "' is not in the allow-list (allowedContentTypes)")
							+ ", so no content type can be derived; allowed extensions: "
							+ String.join(", ", allowed.keySet()) + ". Rename the file or give a content type");
		}
		return type;
	}

	private static void checkSize(long size, long max) {
		if (size <= 0) {
			throw new InvalidAttachmentException(Rule.EMPTY,
					"the content is empty; an attachment needs at least 1 byte");
		}
		if (size > max) {
			throw new InvalidAttachmentException(Rule.TOO_LARGE, "the content has " + size + " bytes; the limit is "
					+ max + " bytes (" + describe(max) + ", maxAttachmentSize)");
		}
	}

	private static String describe(long bytes) {
		long mb = 1024L * 1024;
		return (bytes % mb == 0) ? (bytes / mb) + " MB" : bytes + " bytes";
	}

	/**
	 * Copy a stream to a temporary file: exactly {@code declared} bytes, or, when the
	 * length is not known, at most {@code max}.
	 */
	private static UploadContent spool(String name, String contentType, InputStream in, long declared, long max) {
		Path spool;
		try {
			spool = Files.createTempFile("connect-participant-upload-", ".tmp");
		}
		catch (IOException ex) {
			throw new InvalidAttachmentException(Rule.UNREADABLE,
					"no temporary file could be created to hold the stream (" + ex.getClass().getSimpleName() + ")");
		}
		boolean kept = false;
		try {
			long limit = (declared >= 0) ? declared : max + 1;
			long copied = 0;
			try (OutputStream out = Files.newOutputStream(spool)) {
				byte[] buffer = new byte[BUFFER_SIZE];
				while (copied < limit) {
					int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
					if (read < 0) {
						break;
					}
					out.write(buffer, 0, read);
					copied += read;
				}
			}
			if (declared >= 0) {
				if (copied < declared) {
					throw new InvalidAttachmentException(Rule.SIZE_MISMATCH,
							"the stream ended after " + copied + " bytes; its declared length is " + declared);
				}
				if (in.read() >= 0) {
					throw new InvalidAttachmentException(Rule.SIZE_MISMATCH,
							"the stream holds more than its declared length of " + declared + " bytes");
				}
			}
			else {
				checkSize(copied, max);
			}
			kept = true;
			return new UploadContent(name, contentType, copied, spool, null, true);
		}
		catch (IOException ex) {
			throw new InvalidAttachmentException(Rule.UNREADABLE,
					"the stream could not be read (" + ex.getClass().getSimpleName() + ")");
		}
		finally {
			if (!kept) {
				deleteQuietly(spool);
			}
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			path.toFile().deleteOnExit();
		}
	}

	String name() {
		return this.name;
	}

	String contentType() {
		return this.contentType;
	}

	long size() {
		return this.size;
	}

	/**
	 * Open the content from its start.
	 */
	InputStream open() throws IOException {
		if (this.file != null) {
			return Files.newInputStream(this.file);
		}
		if (this.resource != null) {
			return this.resource.getInputStream();
		}
		throw new IllegalStateException("No content");
	}

	@Override
	public void close() {
		if (this.temporary && this.file != null) {
			deleteQuietly(this.file);
		}
	}

}
