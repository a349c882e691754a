package io.github.connectparticipant.sample;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.github.connectparticipant.sample.HostileHttp.Answer;
import io.github.connectparticipant.sample.HostileHttp.Req;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.connectparticipant.sample.HostileBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded-random fuzzed multipart bodies on every POST route, and whole bodies under a
 * {@code Content-Length} larger than what is sent: each answer is a 201 or a 4xx, and
 * only the uploads answered with 201 exist.
 */
class MultipartFuzzIntegrationTests extends HostileInputTestSupport {

	private static final int RANDOM_MULTIPART_CASES = 240;

	/**
	 * Broken boundaries, missing and duplicated parts, truncated bodies, wrong, garbage
	 * and giant part headers, parts declared larger than sent, non-UTF-8 file names...
	 * first each mutation alone, then seeded random combinations, on every POST route.
	 */
	@Test
	void fuzzedMultipartBodiesOnEveryPost() {
		Random random = new Random(SEED);
		String attachments = link("attachments");
		List<String> targets = List.of("/api/chats", link("messages"), "/api/chats/" + UNKNOWN_CHAT + "/attachments",
				attachments + "?awaitScan=true");
		Map<String, Long> accepted = new LinkedHashMap<>();
		int cases = 0;
		for (MultipartMutation mutation : MultipartMutation.values()) {
			cases += fuzzOnce(random, EnumSet.of(mutation), attachments, attachments, accepted);
		}
		// the largest part header once for sure: 1 MB, within the request limit
		MultipartForm giant = MultipartForm.valid(random);
		giant.file().headers.add(bytes("X-Giant: " + "g".repeat(1024 * 1024)));
		cases += sendForm("GIANT_PART_HEADER(1MB)", giant, attachments, attachments, accepted);
		MultipartMutation[] all = MultipartMutation.values();
		for (int i = 0; i < RANDOM_MULTIPART_CASES; i++) {
			EnumSet<MultipartMutation> mutations = EnumSet.noneOf(MultipartMutation.class);
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
			assertThat((long) download.body().length).as(href).isEqualTo(size);
			assertSafeDisposition(href, download.header("Content-Disposition"));
		});
		assertOnlyAcceptedAttachments(accepted.keySet());
	}

	/**
	 * A whole, valid multipart body under a {@code Content-Length} larger than what is
	 * sent, then the client's half-close: the multipart parser alone would be satisfied
	 * by the closing boundary, so the application must notice the short body itself and
	 * upload nothing (an upload the client never hears of would be lost to it).
	 */
	@Test
	void shortBodyUnderALargerContentLengthUploadsNothing() {
		Random random = new Random(SEED);
		String attachments = link("attachments");
		for (int i = 0; i < 20; i++) {
			MultipartForm form = MultipartForm.valid(random);
			byte[] body = form.serialize();
			Req req = Req.of("POST", attachments + ((i % 2 == 0) ? "" : "?awaitScan=true"))
				.header("Content-Type", form.contentType)
				.body(body)
				.declaredLength(body.length + 1 + random.nextInt(100_000))
				.halfClosed();
			Answer answer = send(req);
			check("short body #" + i, answer, Expect.error().orContainer().orNoAnswer());
		}
		assertOnlyAcceptedAttachments(Set.of());
	}

	private int fuzzOnce(Random random, Set<MultipartMutation> mutations, String target, String attachments,
			Map<String, Long> accepted) {
		MultipartForm form = MultipartForm.valid(random);
		for (MultipartMutation mutation : mutations) {
			mutation.structural(form, random);
		}
		return sendForm(mutations.toString(), form, target, attachments, accepted);
	}

	private int sendForm(String label, MultipartForm form, String target, String attachments,
			Map<String, Long> accepted) {
		byte[] body = form.serialize();
		Req req = Req.of("POST", target).header("Content-Type", form.contentType).body(body);
		if (form.truncateAt >= 0) {
			req = req.body(Arrays.copyOf(body, Math.min(form.truncateAt, body.length)));
		}
		if (form.flips > 0) {
			byte[] flipped = req.body().clone();
			Random random = new Random(form.flipSeed);
			for (int i = 0; i < form.flips && flipped.length > 0; i++) {
				flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
			}
			req = req.body(flipped);
		}
		boolean lies = form.declaredExtra > 0;
		if (lies) {
			// a request Content-Length larger than what is sent, then the client's
			// half-close:
			// HttpClient refuses to send this, so it goes over a raw socket
			req = req.declaredLength(req.body().length + form.declaredExtra).halfClosed();
		}
		boolean upload = target.startsWith(attachments);
		Answer answer = send(req);
		Expect expect = upload ? Expect.success(201) : Expect.error();
		if (lies) {
			expect = expect.orContainer().orNoAnswer();
		}
		check(label + " -> " + target, answer, expect);
		if (answer.status() == 201) {
			JsonNode created = json.readTree(answer.body());
			assertNoPathInName(label, created.get("name").asString());
			accepted.put(created.get("href").asString(), created.get("size").asLong());
		}
		return 1;
	}

}
