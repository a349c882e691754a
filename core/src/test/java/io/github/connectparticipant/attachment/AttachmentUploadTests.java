package io.github.connectparticipant.attachment;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What an {@link AttachmentUpload} accepts, what its copies carry, and what its
 * {@code toString()} leaves out.
 */
class AttachmentUploadTests {

	private final InputStream stream = new ByteArrayInputStream(new byte[3]);

	@Test
	void fileUploadIsNamedAfterTheFile() {
		AttachmentUpload upload = AttachmentUpload.of(Path.of("dir", "invoice.pdf"));
		assertThat(upload.file()).isEqualTo(Path.of("dir", "invoice.pdf"));
		assertThat(upload.resource()).isNull();
		assertThat(upload.stream()).isNull();
		assertThat(upload.streamLength()).isEqualTo(-1);
		assertThat(upload.name()).isEqualTo("invoice.pdf");
		assertThat(upload.contentType()).isNull();
		assertThat(upload.idempotencyKey()).isNull();
		assertThat(upload.awaitScan()).isFalse();
	}

	@Test
	void resourceUploadIsNamedAfterTheResourceFileName() {
		ByteArrayResource resource = new ByteArrayResource(new byte[1]);
		AttachmentUpload upload = AttachmentUpload.of(resource);
		assertThat(upload.resource()).isSameAs(resource);
		assertThat(upload.name()).isNull();
		assertThat(upload.streamLength()).isEqualTo(-1);
	}

	@Test
	void copiesChangeOneComponentAndKeepTheRest() {
		AttachmentUpload upload = AttachmentUpload.of(this.stream, 3, "a.txt")
			.withName("b.txt")
			.withContentType("text/plain")
			.withIdempotencyKey("order-7")
			.awaitingScan();
		assertThat(upload)
			.isEqualTo(new AttachmentUpload(null, null, this.stream, 3, "b.txt", "text/plain", "order-7", true));
	}

	@Test
	void streamNeedsLengthAndName() {
		assertThatIllegalArgumentException().isThrownBy(() -> AttachmentUpload.of(this.stream, -1, "a.txt"))
			.withMessage("length must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> AttachmentUpload.of(this.stream, 3, null))
			.withMessage("name is required");
	}

	@Test
	void idempotencyKeyMustHaveTextAndFitTheService() {
		AttachmentUpload upload = AttachmentUpload.of(Path.of("a.txt"));
		assertThatIllegalArgumentException().isThrownBy(() -> upload.withIdempotencyKey(" "))
			.withMessage("idempotencyKey must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> upload.withIdempotencyKey("k".repeat(401)))
			.withMessage("idempotencyKey must be at most 400 characters");
		assertThat(upload.withIdempotencyKey("k".repeat(400)).idempotencyKey()).hasSize(400);
	}

	@Test
	void constructorRefusesAnythingButExactlyOneSource() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AttachmentUpload(null, null, null, -1, "a.txt", null, null, false))
			.withMessage("exactly one of file, resource and stream is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AttachmentUpload(Path.of("a.txt"), null, this.stream, 3, "a.txt", null, null, false))
			.withMessage("exactly one of file, resource and stream is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AttachmentUpload(Path.of("a.txt"), null, null, 3, "a.txt", null, null, false))
			.withMessage("streamLength must be -1 unless the content is a stream");
	}

	@Test
	void toStringLeavesOutTheIdempotencyKeyAndTheContent() {
		AttachmentUpload upload = AttachmentUpload.of(Path.of("secret-dir", "a.txt")).withIdempotencyKey("order-7");
		assertThat(upload).hasToString("AttachmentUpload[file, name=a.txt, contentType=null, awaitScan=false]");
	}

}
