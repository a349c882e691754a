package io.github.connectparticipant.attachment;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.EmulatorFixture;
import io.github.connectparticipant.TestClients;
import io.github.connectparticipant.connection.ParticipantConnection;
import io.github.connectparticipant.emulator.EmulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.AbstractResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100 MB attachment (Amazon Connect's largest) up and down. The tests run with a heap
 * of 96 MB (see the surefire configuration), which also holds the embedded emulator: were
 * the attachment held in memory anywhere on either path, this would fail with an
 * {@link OutOfMemoryError}.
 */
@Timeout(120)
class AttachmentStreamingIntegrationTests {

	private static final long SIZE = 100L * 1024 * 1024;

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture(EmulatorSettings.builder().maxAttachmentSize(SIZE).build());

	@Test
	void largestAttachmentStreamsBothWays() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of the test JVM").isLessThan(SIZE);
		ConnectParticipantSettings settings = TestClients.fastSettings()
			.maxAttachmentSize(DataSize.ofBytes(SIZE))
			.transferTimeout(Duration.ofSeconds(90))
			.build();
		AttachmentService attachments = fixture.attachments(settings);
		ParticipantConnection connection = fixture.connect(fixture.startChat(), settings);
		GeneratedResource source = new GeneratedResource(SIZE);
		Attachment attachment = attachments.upload(connection, AttachmentUpload.of(source).awaitingScan());
		assertThat(attachment.size()).isEqualTo(SIZE);
		DigestOutputStream target = new DigestOutputStream();
		assertThat(attachments.download(connection, attachment.id(), target)).isEqualTo(SIZE);
		assertThat(target.count).isEqualTo(SIZE);
		assertThat(target.digest.digest()).isEqualTo(source.digest());
	}

	/**
	 * Pseudo-random bytes made on the fly, never held in memory.
	 */
	private static final class GeneratedResource extends AbstractResource {

		private final long size;

		GeneratedResource(long size) {
			this.size = size;
		}

		@Override
		public String getDescription() {
			return "generated content";
		}

		@Override
		public String getFilename() {
			return "large.mp4";
		}

		@Override
		public long contentLength() {
			return this.size;
		}

		@Override
		public InputStream getInputStream() {
			return new InputStream() {

				private long position;

				@Override
				public int read() {
					return (this.position < GeneratedResource.this.size) ? byteAt(this.position++) : -1;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					if (this.position >= GeneratedResource.this.size) {
						return -1;
					}
					int count = (int) Math.min(length, GeneratedResource.this.size - this.position);
					for (int i = 0; i < count; i++) {
						buffer[offset + i] = (byte) byteAt(this.position++);
					}
					return count;
				}

			};
		}

		byte[] digest() throws Exception {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = getInputStream()) {
				int read;
				while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
					digest.update(buffer, 0, read);
				}
			}
			return digest.digest();
		}

		private static int byteAt(long position) {
			long x = position * 0x9E3779B97F4A7C15L;
			x ^= (x >>> 29);
			return (int) (x & 0xFF);
		}

	}

	private static final class DigestOutputStream extends OutputStream {

		private final MessageDigest digest;

		private long count;

		DigestOutputStream() throws Exception {
			this.digest = MessageDigest.getInstance("SHA-256");
		}

		@Override
		public void write(int b) {
			this.digest.update((byte) b);
			this.count++;
		}

		@Override
		public void write(byte[] buffer, int offset, int length) {
			this.digest.update(buffer, offset, length);
			this.count += length;
		}

	}

}
