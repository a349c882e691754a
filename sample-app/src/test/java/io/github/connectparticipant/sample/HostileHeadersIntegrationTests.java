package io.github.connectparticipant.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.github.connectparticipant.sample.HostileHttp.Answer;
import io.github.connectparticipant.sample.HostileHttp.Req;
import org.junit.jupiter.api.Test;

import static io.github.connectparticipant.sample.HostileBytes.bytes;

/**
 * Huge headers and wrong content types on every route: refused by Tomcat or answered with
 * a 4xx problem detail, and nothing is uploaded by a refused request.
 */
class HostileHeadersIntegrationTests extends HostileInputTestSupport {

	/**
	 * 64 KB and 1 MB header values, hundreds and thousands of headers, a huge cookie, a
	 * huge Content-Type and a huge query string on every route: Tomcat refuses them (400,
	 * or the connection closed while a megabyte is still being written), nothing reaches
	 * the service, and the application keeps answering.
	 */
	@Test
	void hugeHeadersOnEveryEndpoint() {
		String attachmentHref = uploadLegal("order.txt");
		int cases = 0;
		for (Route route : routes(attachmentHref)) {
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
			hostile.add(route.req().path(route.path() + (route.path().contains("?") ? "&" : "?") + "q=" + kb64));
			if (route.method().equals("POST")) {
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
		check("chat after huge headers", send(Req.of("GET", link("self"))), Expect.success(200));
		assertOnlyAcceptedAttachments(Set.of(attachmentHref));
	}

	// ---------------------------------------------------------------- content types

	/**
	 * Every POST with text/plain, application/xml, multipart without a boundary, no
	 * Content-Type at all, a bogus charset, a malformed media type and the other routes'
	 * types; every GET with an Accept it cannot satisfy.
	 */
	@Test
	void wrongContentTypesOnEveryPost() {
		String attachmentHref = uploadLegal("order.txt");
		Map<String, byte[]> bodies = new LinkedHashMap<>();
		bodies.put("json", bytes("{\"displayName\":\"Ada\",\"content\":\"hi\"}"));
		bodies.put("xml",
				bytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
		bodies.put("multipart", MultipartForm.valid(new Random(SEED)).serialize());
		bodies.put("empty", new byte[0]);
		List<String> types = Arrays.asList("text/plain", "application/xml", "text/xml", "multipart/form-data",
				"multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/mixed; boundary=x",
				"application/x-www-form-urlencoded", "application/json; charset=x-bogus",
				"application/json; charset=UTF-32", "application/json;;;", "application/", "/", "garbage", "*/*",
				"application/octet-stream", "image/png", "text/html; charset=utf-8", "application/problem+json",
				"application/x-ndjson", null);
		int cases = 0;
		Set<String> uploaded = new LinkedHashSet<>(Set.of(attachmentHref));
		for (String path : List.of("/api/chats", link("messages"), link("attachments"))) {
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
		String form = MultipartForm.valid(new Random(SEED)).contentType;
		byte[] multipart = bodies.get("multipart");
		check("multipart to POST /api/chats",
				send(Req.of("POST", "/api/chats").header("Content-Type", form).body(multipart)), Expect.error());
		check("multipart to messages",
				send(Req.of("POST", link("messages")).header("Content-Type", form).body(multipart)), Expect.error());
		check("json to attachments",
				send(Req.of("POST", link("attachments"))
					.header("Content-Type", "application/json")
					.body(bytes("{\"file\":\"x\"}"))),
				Expect.error());
		cases += 3;
		// Accept headers a GET cannot satisfy: 406, or the route's own type
		for (Route route : routes(attachmentHref)) {
			if (!route.method().equals("GET")) {
				continue;
			}
			for (String accept : List.of("application/xml", "text/html", "garbage", "image/*", "*/*;q=abc",
					"application/json;q=0")) {
				Answer answer = send(route.req().header("Accept", accept));
				if (answer.status() == 406 && answer.body().length == 0) {
					// an Accept that cannot even be parsed admits no problem detail
					// either
					check("Accept " + accept + " on " + route, answer, Expect.error().orContainer());
				}
				else {
					check("Accept " + accept + " on " + route, answer, route.success(200));
				}
				cases++;
			}
		}
		System.out.println("content types: " + cases + " requests");
		assertOnlyAcceptedAttachments(uploaded);
	}

}
