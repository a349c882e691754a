package io.github.connectparticipant.sample.attachment;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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

	/**
	 * A download name cannot inject a header, climb or hide, and loses invisible and
	 * reordering characters; with nothing left, the fallback stands in. Its
	 * {@code Content-Disposition} quotes the name's ASCII with anything else replaced,
	 * and gives the whole name percent-encoded beside it when it is not plain ASCII.
	 */
	@ParameterizedTest(name = "[{index}] download name {1}")
	@MethodSource
	void downloadNameAndItsContentDisposition(String name, String downloadName, String contentDisposition) {
		assertThat(AttachmentFileNames.downloadName(name, "fallback")).isEqualTo(downloadName);
		assertThat(AttachmentFileNames.contentDisposition(name, "fallback")).isEqualTo(contentDisposition);
	}

	static Stream<Arguments> downloadNameAndItsContentDisposition() {
		return Stream.of(
				arguments("a\r\nSet-Cookie: x=1.txt", "a__Set-Cookie: x=1.txt",
						"attachment; filename=\"a__Set-Cookie: x=1.txt\""),
				arguments("../../.bashrc", "bashrc", "attachment; filename=\"bashrc\""),
				arguments("..\\..\\boot.ini", "boot.ini", "attachment; filename=\"boot.ini\""),
				arguments("...", "fallback", "attachment; filename=\"fallback\""),
				arguments("\u0000\u0001", "fallback", "attachment; filename=\"fallback\""),
				arguments(null, "fallback", "attachment; filename=\"fallback\""),
				arguments("invoice\u202Efdp.exe", "invoice_fdp.exe", "attachment; filename=\"invoice_fdp.exe\""),
				arguments("a\u2028b\u200Bc.txt", "a_b_c.txt", "attachment; filename=\"a_b_c.txt\""),
				arguments("report \"final\".pdf", "report \"final\".pdf",
						"attachment; filename=\"report _final_.pdf\"; filename*=UTF-8''report%20%22final%22.pdf"),
				arguments("Zoë's café.png", "Zoë's café.png",
						"attachment; filename=\"Zo_'s caf_.png\"; filename*=UTF-8''Zo%C3%AB%27s%20caf%C3%A9.png"),
				arguments("日本.txt", "日本.txt",
						"attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt"));
	}

	@Test
	void longDownloadNameKeepsItsExtension() {
		String name = AttachmentFileNames.downloadName("x".repeat(300) + ".pdf", "f");
		assertThat(name).hasSize(AttachmentFileNames.MAX_DOWNLOAD_NAME_LENGTH).endsWith("x.pdf");
	}

}
