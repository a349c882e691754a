package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Uploaded objects, one file each in a directory (never on the heap). A PUT is written to
 * a temporary file and moved into place only when every byte arrived, so a broken upload
 * leaves nothing behind.
 */
final class ObjectStore {

	/**
	 * The EICAR anti-virus test string: content containing it is rejected by the scan.
	 */
	static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
		.getBytes(StandardCharsets.US_ASCII);

	private final Path directory;

	private final boolean temporary;

	ObjectStore(Path directory) {
		try {
			if (directory == null) {
				this.directory = Files.createTempDirectory("connect-participant-emulator-");
				this.temporary = true;
			}
			else {
				this.directory = Files.createDirectories(directory);
				this.temporary = false;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Receives exactly {@code length} bytes read from {@code in} into a temporary file of
	 * this store, which the caller then {@link Received#store() stores} or
	 * {@link Received#matchesStored() compares}, and closes.
	 * @throws IncompleteBodyException when the stream ends early or has more bytes
	 */
	Received receive(String objectId, InputStream in, long length) throws IOException {
		return new Received(receivePart(objectId, in, length), path(objectId));
	}

	/**
	 * Exactly {@code length} bytes of {@code in} in a new temporary file of this store.
	 */
	private Path receivePart(String objectId, InputStream in, long length) throws IOException {
		Path part = this.directory.resolve(objectId + "." + UUID.randomUUID() + ".part");
		boolean complete = false;
		try {
			long copied = 0;
			try (OutputStream out = Files.newOutputStream(part)) {
				byte[] buffer = new byte[64 * 1024];
				int n;
				while ((n = readBody(in, buffer)) != -1) {
					copied += n;
					if (copied > length) {
						throw new IncompleteBodyException("The body is longer than its Content-Length");
					}
					out.write(buffer, 0, n);
				}
			}
			if (copied != length) {
				throw new IncompleteBodyException(
						"You did not provide the number of bytes specified by the Content-Length HTTP header");
			}
			complete = true;
			return part;
		}
		finally {
			if (!complete) {
				Files.deleteIfExists(part);
			}
		}
	}

	/**
	 * Reads the request body; the JDK's stream fails, rather than ending, when the client
	 * sends less than its Content-Length.
	 */
	private static int readBody(InputStream in, byte[] buffer) throws IncompleteBodyException {
		try {
			return in.read(buffer);
		}
		catch (IOException ex) {
			throw new IncompleteBodyException(
					"You did not provide the number of bytes specified by the Content-Length HTTP header");
		}
	}

	boolean exists(String objectId) {
		return Files.exists(path(objectId));
	}

	long size(String objectId) throws IOException {
		return Files.size(path(objectId));
	}

	Path path(String objectId) {
		return this.directory.resolve(objectId + ".bin");
	}

	/** Whether the object contains the EICAR test string (read in a stream). */
	boolean containsEicar(String objectId) throws IOException {
		try (InputStream in = Files.newInputStream(path(objectId))) {
			byte[] window = new byte[64 * 1024 + EICAR.length];
			int carried = 0;
			int n;
			while ((n = in.read(window, carried, window.length - carried)) != -1) {
				int filled = carried + n;
				if (indexOf(window, filled, EICAR) >= 0) {
					return true;
				}
				carried = Math.min(EICAR.length - 1, filled);
				System.arraycopy(window, filled - carried, window, 0, carried);
			}
			return false;
		}
	}

	private static int indexOf(byte[] data, int length, byte[] pattern) {
		outer: for (int i = 0; i <= length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * Deletes the objects and partial uploads; other files of a caller's storage
	 * directory stay.
	 */
	void clear() {
		try (Stream<Path> files = Files.list(this.directory)) {
			files.filter(ObjectStore::isOwnFile).forEach(ObjectStore::deleteQuietly);
		}
		catch (IOException ex) {
			// best effort
		}
	}

	void close() {
		clear();
		if (this.temporary) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach(ObjectStore::deleteQuietly);
			}
			catch (IOException ex) {
				// best effort
			}
		}
	}

	private static boolean isOwnFile(Path path) {
		String name = path.getFileName().toString();
		return Files.isRegularFile(path) && (name.endsWith(".bin") || name.endsWith(".part"));
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// best effort
		}
	}

	/**
	 * A received body, held in a temporary file ({@code part}) until it is stored as the
	 * object at {@code target} or dropped.
	 */
	record Received(Path part, Path target) implements AutoCloseable {

		/** Moves the body into place as the object, replacing any earlier one. */
		void store() throws IOException {
			try {
				Files.move(this.part, this.target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(this.part, this.target, StandardCopyOption.REPLACE_EXISTING);
			}
		}

		/** Whether the body equals the stored object, which is left as it is. */
		boolean matchesStored() throws IOException {
			return Files.mismatch(this.part, this.target) == -1;
		}

		/** Deletes the body unless it was stored. */
		@Override
		public void close() throws IOException {
			Files.deleteIfExists(this.part);
		}

	}

	/** The body did not match its declared length. */
	static final class IncompleteBodyException extends IOException {

		private static final long serialVersionUID = 1L;

		IncompleteBodyException(String message) {
			super(message);
		}

	}

}
