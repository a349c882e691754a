package io.github.connectparticipant.sample.attachment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AttachmentFileNames}.
 */
class AttachmentFileNamesTests {

	@Test
	void uploadNameIsTheLastPathSegment() {
		assertThat(AttachmentFileNames.uploadName("C:\\Users\\ada\\invoice.pdf")).isEqualTo("invoice.pdf");
		assertThat(AttachmentFileNames.uploadName("../../etc/passwd.txt")).isEqualTo("passwd.txt");
		assertThat(AttachmentFileNames.uploadName(" plain.txt ")).isEqualTo("plain.txt");
		assertThat(AttachmentFileNames.uploadName("folder/")).isNull();
		assertThat(AttachmentFileNames.uploadName(null)).isNull();
	}

	@Test
	void downloadNameCannotInjectAHeader() {
		assertThat(AttachmentFileNames.downloadName("a\r\nSet-Cookie: x=1.txt", "fallback"))
			.isEqualTo("a__Set-Cookie: x=1.txt");
		assertThat(AttachmentFileNames.contentDisposition("a\r\nSet-Cookie: x=1.txt", "fallback"))
			.isEqualTo("attachment; filename=\"a__Set-Cookie: x=1.txt\"");
	}

	@Test
	void downloadNameCannotClimbOrHide() {
		assertThat(AttachmentFileNames.downloadName("../../.bashrc", "fallback")).isEqualTo("bashrc");
		assertThat(AttachmentFileNames.downloadName("..\\..\\boot.ini", "fallback")).isEqualTo("boot.ini");
		assertThat(AttachmentFileNames.downloadName("...", "fallback")).isEqualTo("fallback");
		assertThat(AttachmentFileNames.downloadName("\u0000\u0001", "fallback")).isEqualTo("fallback");
		assertThat(AttachmentFileNames.downloadName(null, "fallback")).isEqualTo("fallback");
	}

	@Test
	void downloadNameLosesInvisibleAndReorderingCharacters() {
		assertThat(AttachmentFileNames.downloadName("invoice\u202Efdp.exe", "f")).isEqualTo("invoice_fdp.exe");
		assertThat(AttachmentFileNames.downloadName("a\u2028b\u200Bc.txt", "f")).isEqualTo("a_b_c.txt");
	}

	@Test
	void longDownloadNameKeepsItsExtension() {
		String name = AttachmentFileNames.downloadName("x".repeat(300) + ".pdf", "f");
		assertThat(name).hasSize(AttachmentFileNames.MAX_DOWNLOAD_NAME_LENGTH).endsWith("x.pdf");
	}

	@Test
	void contentDispositionQuotesAsciiAndEncodesTheRest() {
		assertThat(AttachmentFileNames.contentDisposition("report \"final\".pdf", "f"))
			.isEqualTo("attachment; filename=\"report _final_.pdf\"; filename*=UTF-8''report%20%22final%22.pdf");
		assertThat(AttachmentFileNames.contentDisposition("Zoë's café.png", "f"))
			.isEqualTo("attachment; filename=\"Zo_'s caf_.png\"; filename*=UTF-8''Zo%C3%AB%27s%20caf%C3%A9.png");
		assertThat(AttachmentFileNames.contentDisposition("日本.txt", "f"))
			.isEqualTo("attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt");
	}

}
