package io.github.connectparticipant.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import io.github.connectparticipant.sample.HostileHttp.Req;
import org.junit.jupiter.api.Test;

import static io.github.connectparticipant.sample.HostileBytes.abbreviate;
import static io.github.connectparticipant.sample.HostileBytes.bytes;

/**
 * Hostile chat and attachment ids, query parameters and raw request lines on every route,
 * and odd methods: only ever a 4xx, and nothing is changed or deleted.
 */
class HostileRoutesIntegrationTests extends HostileInputTestSupport {

	/**
	 * Path traversal and injection in the chat and attachment ids on every route, in the
	 * transcript's query parameters, and in raw request lines (backslashes, NUL, CR/LF)
	 * that no client library sends.
	 */
	@Test
	void hostileIdsOnEveryRoute() {
		String chatId = this.chat.get("id").asString();
		String attachmentHref = uploadLegal("order.txt");
		String attachmentId = attachmentHref.substring(attachmentHref.lastIndexOf('/') + 1);
		List<String> ids = new ArrayList<>(List.of("..%2F..%2Factuator", "..%2f..%2factuator%2fhealth",
				"%2e%2e%2f%2e%2e%2factuator", "..%252F..%252Factuator", "%2e%2e", "%2e", "..", ".", "%2F", "a%2Fb",
				"%5C", "..%5C..%5Cwin.ini", "%00", "a%00b", "%00.txt", chatId + "%00",
				"%0D%0ASet-Cookie:%20" + INJECTED + "=1", "%0D%0AX-Injected:%20" + INJECTED, "%25", "%", "%zz",
				"%C0%AF", "%C0%AE%C0%AE", "%E2%80%AE", "%FF", "%EF%BF%BF", ";jsessionid=hostile", "a;b=c",
				chatId + ";x=y", "%3B", "*", "%2A", "~root", "%20", "%09", "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
				"%27%20OR%20%271%27%3D%271", "%7B%7Bchat%7D%7D", "$%7Bjndi:ldap:%2F%2Fevil%7D", "null", "-1", "0",
				chatId.toLowerCase(Locale.ROOT), chatId + "%20", "x".repeat(300), "x".repeat(5000),
				"x".repeat(70_000)));
		int cases = 0;
		for (String id : ids) {
			for (Route route : routes(attachmentHref)) {
				if (route.path().contains(chatId)) {
					Req req = route.req().path(route.path().replace(chatId, id));
					// a path parameter (;x=y) is no part of the id: the servlet container
					// drops it
					Expect expect = id.equals(chatId + ";x=y") ? Expect.success(200, 201).orContainer() : idExpect();
					check("chat id " + abbreviate(id) + " on " + route.method() + " " + route.template(), send(req),
							expect);
					cases++;
				}
				if (route.path().contains(attachmentId)) {
					Req req = route.req().path(route.path().replace(attachmentId, id));
					check("attachment id " + abbreviate(id) + " on " + route.template(), send(req), idExpect());
					cases++;
				}
			}
		}
		// an encoded traversal out of the API, on every method
		String traversal = "/api/chats/..%2F..%2Factuator/attachments/x";
		for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
			check(method + " " + traversal, send(Req.of(method, traversal).body(bytes("x"))), idExpect());
			cases++;
		}
		// hostile query parameters
		String transcript = link("transcript");
		for (String query : List.of("pageSize=0", "pageSize=101", "pageSize=-1", "pageSize=99999999999", "pageSize=abc",
				"pageSize=%00", "pageSize=1e3", "direction=UP", "direction=..%2F..", "direction=%00",
				"sortOrder=%0D%0A", "nextToken=" + "t".repeat(1001), "nextToken=..%2F..%2Factuator", "nextToken=%00",
				"nextToken=%FF%FE", "nextToken=not-a-token", "nextToken=" + "%E2%80%AE".repeat(50),
				"pageSize=1&pageSize=2", "direction=FORWARD&direction=BACKWARD")) {
			check("transcript?" + abbreviate(query), send(Req.of("GET", transcript + "?" + query)),
					Expect.success(200));
			cases++;
		}
		check("awaitScan=maybe",
				send(Req.of("POST", link("attachments") + "?awaitScan=maybe")
					.header("Content-Type", MultipartForm.valid(new Random(SEED)).contentType)
					.body(MultipartForm.valid(new Random(SEED)).serialize())),
				Expect.error());
		cases++;
		// raw request lines: what HttpClient refuses to send
		for (String target : List.of("/api/chats/..\\..\\actuator/health", "/api/chats/" + chatId + "\\..\\..",
				"/api/chats/a b", "/api/chats/\u0000", "/api/chats/x\r\nX-Injected: " + INJECTED,
				"/api/chats/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/../../../etc/passwd",
				"/api/chats/../../../../etc/passwd", "api/chats", "*", "//api/chats/" + chatId,
				"/api/chats/" + chatId + "/attachments/" + attachmentId + "#frag", "/api/chats/\u00e9",
				"http://evil.example/api/chats/" + chatId, "/api/chats/" + chatId + "?\u0000=1",
				"/api/chats/" + chatId + "/transcript?nextToken=\r\n")) {
			check("request target " + abbreviate(target), send(Req.of("GET", target).overSocket()),
					idExpect().orNoAnswer());
			cases++;
		}
		check("request line with an invalid method", send(Req.of("G\u00c9T", "/api/chats/" + chatId).overSocket()),
				idExpect().orNoAnswer());
		check("request line without a version", send(Req.of("GET", "/api/chats/" + chatId + "\r\nX:").overSocket()),
				idExpect().orNoAnswer());
		cases += 2;
		System.out.println("ids: " + cases + " requests");
		assertOnlyAcceptedAttachments(Set.of(attachmentHref));
	}

	private static Expect idExpect() {
		// an id is only ever a 4xx, from the application or, for a request line it
		// cannot parse (encoded slash or backslash, NUL, a bad escape, too long), Tomcat
		return Expect.error().orContainer();
	}

	// ---------------------------------------------------------------- methods

	/**
	 * PUT, DELETE and PATCH (and TRACE, OPTIONS and a made-up method) on every route: 405
	 * problem details, and nothing is changed or deleted.
	 */
	@Test
	void oddMethodsOnEveryRoute() {
		String attachmentHref = uploadLegal("order.txt");
		MultipartForm form = MultipartForm.valid(new Random(SEED));
		int cases = 0;
		Set<String> templates = new LinkedHashSet<>();
		for (Route route : routes(attachmentHref)) {
			if (!templates.add(route.path())) {
				continue;
			}
			for (String method : List.of("PUT", "DELETE", "PATCH")) {
				check(method + " " + route.template(),
						send(Req.of(method, route.path()).header("Content-Type", "application/json").body(bytes("{}"))),
						route.error());
				check(method + " " + route.template() + " (multipart)", send(
						Req.of(method, route.path()).header("Content-Type", form.contentType).body(form.serialize())),
						route.error());
				check(method + " " + route.template() + " (no body)", send(Req.of(method, route.path())),
						route.error());
				cases += 3;
			}
			check("TRACE " + route.template(), send(Req.of("TRACE", route.path())), Expect.error().orContainer());
			check("HOSTILE " + route.template(), send(Req.of("HOSTILE", route.path())), route.error());
			check("OPTIONS " + route.template(), send(Req.of("OPTIONS", route.path())), route.success(200));
			cases += 3;
		}
		System.out.println("methods: " + cases + " requests");
		// nothing deleted or changed: the chat, its transcript and the attachment are
		// intact
		check("chat after odd methods", send(Req.of("GET", link("self"))), Expect.success(200));
		check("attachment after odd methods", send(Req.of("GET", attachmentHref)), Expect.success(200));
		assertOnlyAcceptedAttachments(Set.of(attachmentHref));
	}

}
