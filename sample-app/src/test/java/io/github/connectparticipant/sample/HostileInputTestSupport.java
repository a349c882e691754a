package io.github.connectparticipant.sample;

import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.connectparticipant.sample.HostileHttp.Answer;
import io.github.connectparticipant.sample.HostileHttp.Req;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import static io.github.connectparticipant.sample.HostileBytes.abbreviate;
import static io.github.connectparticipant.sample.HostileBytes.bytes;
import static io.github.connectparticipant.sample.HostileBytes.percentDecode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on every endpoint of the API, over real HTTP through the embedded
 * emulator; the test classes that extend this one each take a subject (multipart bodies,
 * headers and content types, file names, ids and methods).
 * <p>
 * Every answer is checked: never a 5xx; a 4xx (or, for input that is odd but legal, a
 * documented 2xx); no stack trace, token, pre-signed URL signature or injected header in
 * the response; an error the application answers is an {@code application/problem+json}
 * problem detail with {@code status} and {@code title}. Tomcat itself answers some
 * requests it cannot parse (a bad request line, oversized headers, encoded slashes or NUL
 * in the path) before the application sees them, and a request line without a version
 * gets Tomcat's HTTP/0.9 answer (a bare body); outside the API (the page, the actuator)
 * Spring Boot's own error JSON answers a wrong method. Those answers are accepted without
 * a problem detail, but are still never a 5xx nor a stack trace. After each test a chat's
 * transcript and the emulator hold exactly the attachments that were answered with 201:
 * nothing is half-written.
 * <p>
 * Requests go through {@link HostileHttp}. The random cases are seeded: the seed is
 * printed, and {@code -Dhostile.seed=...} replays a run.
 */
@Import(CapturedSecrets.Configuration.class)
@ExtendWith(OutputCaptureExtension.class)
// a guard against a hung connection, not a speed target: a test takes 5 to 10 s on an
// idle
// 2-core machine and several times that on a loaded one
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class HostileInputTestSupport extends SampleAppTestSupport {

	static final long SEED = Long.getLong("hostile.seed", new SecureRandom().nextLong());

	/** A chat id of the right shape that no chat has. */
	static final String UNKNOWN_CHAT = "AAAAAAAAAAAAAAAAAAAAAA";

	/** Marker of every header injection attempt: no response header may carry it. */
	static final String INJECTED = "hostile-injected";

	static final JsonMapper json = JsonMapper.builder().build();

	static final Pattern STACK_TRACE = Pattern.compile("(?m)(^\\s*at [\\w$.]+\\(" // a
																					// frame
																					// on
																					// its
																					// own
																					// line
			+ "|\\bat (io|org|java|javax|jakarta|jdk|sun|software|tools|com)\\.[\\w$.]+\\(" // a
																							// frame
																							// anywhere
			+ "|[\\w$.]+(Exception|Error|Throwable): " // an exception's toString
			+ "|Exception:" // an exception's name cut short before its message
			+ "|Caused by: |\"trace\"\\s*:)");

	/**
	 * {@code Content-Disposition} of a download: RFC 6266 filename, RFC 5987 filename*.
	 */
	static final Pattern DISPOSITION = Pattern.compile(
			"attachment; filename=\"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*)\"(?:; filename\\*=UTF-8''([A-Za-z0-9!#$&+\\-.^_`|~%]+))?");

	/** What was tried and how it was answered, printed after the run. */
	static final Map<String, AtomicInteger> tally = new ConcurrentHashMap<>();

	@Autowired
	CapturedSecrets secrets;

	/**
	 * What the answers are tallied under: the running test's name.
	 */
	String category = "setup";

	/**
	 * The chat each test starts with, named after the test.
	 */
	JsonNode chat;

	private HostileHttp http;

	@BeforeAll
	static void printSeed(TestInfo info) {
		System.out.println(name(info) + " seed: " + SEED + " (replay with -Dhostile.seed=" + SEED + ")");
	}

	@AfterAll
	static void printTally(TestInfo info) {
		StringBuilder report = new StringBuilder(name(info) + " (seed " + SEED + "), answers by kind:");
		new TreeMap<>(tally).forEach((key, count) -> report.append("\n  ").append(key).append(": ").append(count));
		System.out.println(report);
		tally.clear();
	}

	private static String name(TestInfo info) {
		return info.getTestClass().map(Class::getSimpleName).orElse("hostile input");
	}

	@BeforeEach
	void startTestChat(TestInfo info) {
		this.emulator.clearFaults();
		this.emulator.updateSettings((settings) -> settings.scanDelay(Duration.ZERO));
		this.http = new HostileHttp(this.port);
		this.category = info.getTestMethod().map(Method::getName).orElse("setup");
		this.chat = startChat(this.category);
	}

	@AfterEach
	void nothingFailedUnexpectedly(CapturedOutput output) {
		// the application logs every 500 it answers with this line (ProblemDetailsAdvice)
		assertThat(output.getAll()).doesNotContain("Unexpected failure of a request");
	}

	// ---------------------------------------------------------------- routes

	/** A route with a real chat and attachment, and the valid request it takes. */
	record Route(String method, String template, String path, String contentType, byte[] body) {

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

	List<Route> routes(String attachmentHref) {
		// the POSTs carry valid bodies; for the attachments one a file whose type is
		// refused,
		// so that a request that gets through never adds an attachment
		MultipartForm refused = MultipartForm.withDisposition(bytes("filename=\"setup.exe\""), bytes("MZ"));
		return List.of(
				new Route("POST", "/api/chats", "/api/chats", "application/json", bytes("{\"displayName\":\"Ada\"}")),
				new Route("GET", "/api/chats/{chat}", link("self"), null, null),
				new Route("POST", "/api/chats/{chat}/messages", link("messages"), "application/json",
						bytes("{\"content\":\"hello\"}")),
				new Route("POST", "/api/chats/{chat}/attachments", link("attachments"), refused.contentType,
						refused.serialize()),
				new Route("GET", "/api/chats/{chat}/attachments/{id}", attachmentHref, null, null),
				new Route("GET", "/api/chats/{chat}/transcript", link("transcript"), null, null),
				new Route("GET", "/api/chats/{chat}/transcript?direction=FORWARD",
						link("transcript") + "?direction=FORWARD&pageSize=5", null, null),
				new Route("GET", "/api/chats/{chat}/transcript/export", link("export"), null, null),
				new Route("GET", "/", "/", null, null),
				new Route("GET", "/actuator/health", "/actuator/health", null, null));
	}

	// ---------------------------------------------------------------- checks

	/** What an answer may be. */
	record Expect(Set<Integer> successes, boolean containerMay, boolean noAnswerOk) {

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

	void check(String what, Answer answer, Expect expect) {
		String where = what + " [" + answer.via() + "] -> " + answer.status() + " " + abbreviate(answer.text());
		String kind = this.category + " "
				+ ((answer.status() < 0) ? "no answer (" + answer.note() + ")"
						: answer.status() + (answer.isProblem() ? " problem" : "")
								+ (answer.via().startsWith("socket") ? " via socket" : ""));
		tally.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
		if (answer.status() < 0) {
			assertThat(answer.note()).as(where + ": the server hung").doesNotStartWith("timeout");
			assertThat(expect.noAnswerOk).as(where + ": no HTTP/1.1 answer").isTrue();
			// whatever came back instead of a status line leaks nothing either
			assertNoLeak(where, answer);
			System.out.println("no status line: " + where);
			return;
		}
		assertThat(answer.status()).as(where).isLessThan(500);
		if (answer.status() < 400) {
			assertThat(expect.successes).as(where + ": unexpected success").contains(answer.status());
		}
		assertNoLeak(where, answer);
		if (answer.status() >= 400) {
			if (answer.isProblem()) {
				JsonNode problem = json.readTree(answer.body());
				assertThat(problem.get("status").asInt()).as(where).isEqualTo(answer.status());
				assertThat(problem.get("title").asString()).as(where).isNotBlank();
				assertThat(problem.get("code").asString()).as(where).isNotBlank();
			}
			else {
				assertThat(expect.containerMay)
					.as(where + ": an error without a problem detail (Content-Type " + answer.header("Content-Type")
							+ ")")
					.isTrue();
			}
		}
	}

	void assertNoLeak(String where, Answer answer) {
		String body = answer.text();
		Matcher stack = STACK_TRACE.matcher(body);
		assertThat(stack.find()).as(where + ": a stack trace in the body").isFalse();
		String everything = answer.headers() + "\n" + body;
		assertThat(everything).as(where)
			.doesNotContain("X-Amz-Signature", "X-Amz-Credential")
			.doesNotContainIgnoringCase("X-Amz-Bearer")
			.doesNotContainIgnoringCase("ParticipantToken")
			.doesNotContainIgnoringCase("ConnectionToken");
		for (String secret : this.secrets.all()) {
			assertThat(everything).as(where + ": a secret").doesNotContain(secret);
		}
		answer.headers().forEach((name, values) -> {
			assertThat(name.toLowerCase(Locale.ROOT)).as(where + ": injected header")
				.isNotIn("x-injected", "set-cookie");
			values
				.forEach((value) -> assertThat(value).as(where + ": header " + name).doesNotContain("\r", "\n", "\0"));
		});
	}

	static void assertNoPathInName(String where, String name) {
		assertThat(name).as(where + ": stored name").doesNotContain("/", "\\").isNotBlank();
	}

	/**
	 * The download's {@code Content-Disposition}: one {@code attachment} with a quoted
	 * ASCII {@code filename} and an optional {@code filename*}, no CR/LF/quote injection,
	 * no path separator, no leading dot, no control or invisible character.
	 */
	static void assertSafeDisposition(String where, String header) {
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

	static void assertSafeDownloadName(String where, String name) {
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
	 * The test's chat's transcript (its JSON-lines export) and the emulator hold exactly
	 * the attachments that were answered with 201.
	 */
	void assertOnlyAcceptedAttachments(Set<String> acceptedHrefs) {
		Set<String> accepted = new LinkedHashSet<>();
		acceptedHrefs.forEach((href) -> accepted.add(href.substring(href.lastIndexOf('/') + 1)));
		Answer export = send(Req.of("GET", link("export")));
		check("export", export, Expect.success(200));
		Set<String> inTranscript = new LinkedHashSet<>();
		for (String line : export.text().split("\n")) {
			if (!line.isBlank()) {
				json.readTree(line)
					.get("attachments")
					.forEach((attachment) -> inTranscript.add(attachment.get("id").asString()));
			}
		}
		assertThat(inTranscript).as("attachments in the transcript").containsExactlyInAnyOrderElementsOf(accepted);
		Map<String, String> stored = this.emulator.attachmentStatuses(this.chat.get("contactId").asString());
		assertThat(stored.keySet()).as("attachments the emulator holds").containsExactlyInAnyOrderElementsOf(accepted);
		assertThat(stored.values()).as("attachment statuses").allMatch("APPROVED"::equals);
	}

	// ---------------------------------------------------------------- API helpers

	Answer send(Req req) {
		return this.http.send(req);
	}

	JsonNode startChat(String displayName) {
		Answer answer = send(Req.of("POST", "/api/chats")
			.header("Content-Type", "application/json")
			.body(bytes("{\"displayName\":\"" + displayName + "\"}")));
		check("start chat", answer, Expect.success(201));
		return json.readTree(answer.body());
	}

	String uploadLegal(String name) {
		MultipartForm form = MultipartForm.withDisposition(bytes("filename=\"" + name + "\""), bytes("legal upload"));
		Answer answer = send(
				Req.of("POST", link("attachments")).header("Content-Type", form.contentType).body(form.serialize()));
		check("legal upload", answer, Expect.success(201));
		return json.readTree(answer.body()).get("href").asString();
	}

	/**
	 * Where the test's chat links to.
	 * @param name the link's name: {@code self}, {@code attachments}, ...
	 * @return the path
	 */
	String link(String name) {
		return this.chat.get("links").get(name).asString();
	}

}
