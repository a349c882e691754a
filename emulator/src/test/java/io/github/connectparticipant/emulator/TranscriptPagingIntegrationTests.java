package io.github.connectparticipant.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptRequest;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptResponse;
import software.amazon.awssdk.services.connectparticipant.model.Item;
import software.amazon.awssdk.services.connectparticipant.model.ScanDirection;
import software.amazon.awssdk.services.connectparticipant.model.SendMessageResponse;
import software.amazon.awssdk.services.connectparticipant.model.SortKey;
import software.amazon.awssdk.services.connectparticipant.model.StartPosition;
import software.amazon.awssdk.services.connectparticipant.model.ValidationException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * GetTranscript paging over the real SDK, checked against an expected slice computed
 * here, independently of the emulator, from the full item list and the semantics
 * documented on {@link TranscriptPager}: the start position is inclusive; without one the
 * scan goes BACKWARD from the newest item; FORWARD needs a start position; each page
 * holds the next MaxResults (default 10) items of the walk, sorted by SortOrder (default
 * DESCENDING).
 */
class TranscriptPagingIntegrationTests {

	/**
	 * Fixed so that a run is repeatable; override with {@code -Dpaging.seed=N} to
	 * explore.
	 */
	private static final long DEFAULT_SEED = 0x5EED_2018_0907L;

	/**
	 * Trials of a run: a fixed number, so a slow machine runs the same queries, only
	 * slower; {@code -Dpaging.trials=N} explores further.
	 */
	private static final int TRIALS = Integer.getInteger("paging.trials", 30);

	private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

	@RegisterExtension
	static EmulatorFixture fixture = new EmulatorFixture();

	@Test
	void randomQueriesReturnTheExpectedSliceWithNoDuplicatesOrGaps() {
		long seed = Long.getLong("paging.seed", DEFAULT_SEED);
		System.out
			.println("TranscriptPagingIntegrationTests seed: " + seed + " (rerun with -Dpaging.seed=" + seed + ")");
		Random random = new Random(seed);
		int trials = 0;
		int queries = 0;
		int pages = 0;
		while (trials < TRIALS) {
			trials++;
			Clients.Chat chat = fixture.chat("Customer " + trials);
			int messages = random.nextInt(301);
			for (int i = 0; i < messages; i++) {
				if (random.nextInt(5) == 0) {
					// spread some items over distinct milliseconds so that times between
					// items exist
					fixture.emulator().advanceClock(Duration.ofMillis(1 + random.nextInt(3)));
				}
				String text = "m" + i;
				if (random.nextBoolean()) {
					fixture.sendMessage(chat, text);
				}
				else {
					fixture.emulator().addMessage(chat.contactId(), "AGENT", "Agent", text);
				}
			}
			List<Entry> items = items(chat.contactId());
			assertTimesAreIsoMillisAndNonDecreasing(items);
			for (int q = 0; q < 6; q++) {
				Query query = Query.random(random, items);
				String context = "seed=" + seed + " trial=" + trials + " items=" + items.size() + " " + query;
				if (query.direction() == ScanDirection.FORWARD && query.startKind() == null) {
					assertThatExceptionOfType(ValidationException.class).as(context)
						.isThrownBy(
								() -> fixture.participant().getTranscript(query.request(chat.connectionToken(), null)));
					continue;
				}
				pages += checkPaging(chat, items, query, context);
				queries++;
			}
		}
		System.out.println("TranscriptPagingIntegrationTests: " + trials + " trials, " + queries + " paged queries, "
				+ pages + " pages");
		assertThat(queries).as("paged queries run").isGreaterThan(TRIALS);
	}

	/**
	 * Pages through one query and checks every page and the joined result; returns the
	 * page count.
	 */
	private int checkPaging(Clients.Chat chat, List<Entry> items, Query query, String context) {
		List<String> expected = expectedWalk(items, query);
		int max = (query.maxResults() != null) ? query.maxResults() : 10;
		boolean ascending = query.sortOrder() == SortKey.ASCENDING;
		boolean forward = query.forward();
		List<String> joined = new ArrayList<>();
		String token = null;
		int pageCount = 0;
		do {
			GetTranscriptResponse page = fixture.participant()
				.getTranscript(query.request(chat.connectionToken(), token));
			pageCount++;
			assertThat(pageCount).as(context + ": more pages than items").isLessThanOrEqualTo(items.size() + 1);
			assertThat(page.initialContactId()).isEqualTo(chat.contactId());
			List<Item> transcript = page.transcript();
			assertThat(transcript.size()).as(context + ": page size").isLessThanOrEqualTo(max);
			token = page.nextToken();
			if (token != null) {
				assertThat(transcript).as(context + ": a page followed by a NextToken is full").hasSize(max);
			}
			else if (!expected.isEmpty()) {
				assertThat(transcript).as(context + ": the last page is not empty").isNotEmpty();
			}
			List<Integer> positions = new ArrayList<>();
			for (Item item : transcript) {
				assertThat(item.absoluteTime()).matches(ISO_MILLIS);
				int position = indexOf(items, item.id());
				assertThat(position).as(context + ": unknown item " + item.id()).isNotNegative();
				assertThat(item.absoluteTime()).isEqualTo(items.get(position).time());
				positions.add(position);
			}
			for (int i = 1; i < positions.size(); i++) {
				if (ascending) {
					assertThat(positions.get(i)).as(context + ": page sorted ASCENDING")
						.isGreaterThan(positions.get(i - 1));
				}
				else {
					assertThat(positions.get(i)).as(context + ": page sorted DESCENDING")
						.isLessThan(positions.get(i - 1));
				}
			}
			List<String> walkOrder = new ArrayList<>(transcript.stream().map(Item::id).toList());
			if (ascending != forward) {
				Collections.reverse(walkOrder);
			}
			joined.addAll(walkOrder);
		}
		while (token != null);
		assertThat(new HashSet<>(joined)).as(context + ": no duplicates").hasSameSizeAs(joined);
		assertThat(joined).as(context + ": pages joined equal the expected slice").isEqualTo(expected);
		return pageCount;
	}

	/** The expected walk, computed from the full item list (oldest first). */
	static List<String> expectedWalk(List<Entry> items, Query query) {
		int n = items.size();
		boolean forward = query.forward();
		int start;
		if (query.startKind() == null) {
			start = n - 1;
		}
		else {
			start = switch (query.startKind()) {
				case "Id" -> indexOf(items, query.startValue());
				case "MostRecent" -> Math.max(0, n - 1 - Integer.parseInt(query.startValue()));
				case "AbsoluteTime" -> {
					Instant at = Instant.parse(query.startValue());
					if (forward) {
						int i = 0;
						while (i < n && Instant.parse(items.get(i).time()).isBefore(at)) {
							i++;
						}
						yield i;
					}
					int i = n - 1;
					while (i >= 0 && Instant.parse(items.get(i).time()).isAfter(at)) {
						i--;
					}
					yield i;
				}
				default -> throw new IllegalStateException(query.startKind());
			};
		}
		List<String> walk = new ArrayList<>();
		if (forward) {
			for (int i = start; i < n; i++) {
				walk.add(items.get(i).id());
			}
		}
		else {
			for (int i = start; i >= 0; i--) {
				walk.add(items.get(i).id());
			}
		}
		return walk;
	}

	@Test
	void forwardPagingWhileMessagesArriveReturnsEachItemOfTheRangeOnce(Clients.Chat chat) {
		for (int i = 0; i < 24; i++) {
			fixture.sendMessage(chat, "before " + i);
		}
		List<Entry> before = items(chat.contactId());
		String firstId = before.get(0).id();
		List<String> joined = new ArrayList<>();
		String token = null;
		int arrivals = 0;
		do {
			String next = token;
			GetTranscriptResponse page = fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken())
					.scanDirection(ScanDirection.FORWARD)
					.sortOrder(SortKey.ASCENDING)
					.startPosition((p) -> p.id(firstId))
					.maxResults(4)
					.nextToken(next));
			page.transcript().forEach((item) -> joined.add(item.id()));
			token = page.nextToken();
			fixture.sendMessage(chat, "during " + arrivals++);
			fixture.emulator().addMessage(chat.contactId(), "AGENT", "Agent", "agent during " + arrivals);
		}
		while (token != null);
		assertThat(arrivals).isGreaterThan(5);
		assertThat(new HashSet<>(joined)).hasSameSizeAs(joined);
		assertThat(joined).as("the range ends at the newest item of the first page's time")
			.isEqualTo(before.stream().map(Entry::id).toList());

		List<Entry> after = items(chat.contactId());
		assertThat(after).hasSize(before.size() + 2 * arrivals + 1); // +1: the agent's
																		// participant.joined
		List<String> everything = page(chat,
				(r) -> r.scanDirection(ScanDirection.FORWARD)
					.sortOrder(SortKey.ASCENDING)
					.startPosition((p) -> p.id(firstId))
					.maxResults(7));
		assertThat(everything).as("a new query sees the items that arrived")
			.isEqualTo(after.stream().map(Entry::id).toList());
	}

	@Test
	void backwardPagingWhileMessagesArriveReturnsEachItemOfTheRangeOnce(Clients.Chat chat) {
		for (int i = 0; i < 30; i++) {
			fixture.sendMessage(chat, "before " + i);
		}
		List<String> expected = new ArrayList<>(items(chat.contactId()).stream().map(Entry::id).toList());
		Collections.reverse(expected);
		List<String> joined = new ArrayList<>();
		String token = null;
		do {
			String next = token;
			GetTranscriptResponse page = fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(3).nextToken(next));
			page.transcript().forEach((item) -> joined.add(item.id())); // DESCENDING:
																		// already in walk
																		// order
			token = page.nextToken();
			fixture.sendMessage(chat, "during");
		}
		while (token != null);
		assertThat(new HashSet<>(joined)).hasSameSizeAs(joined);
		assertThat(joined).isEqualTo(expected);
	}

	@Test
	void nextTokenIsBoundToItsQueryAndCannotBeForged(Clients.Chat chat) {
		Clients.Chat other = fixture.chat("Bob");
		for (int i = 0; i < 30; i++) {
			fixture.sendMessage(chat, "m" + i);
			fixture.sendMessage(other, "m" + i);
		}
		String firstId = items(chat.contactId()).get(0).id();
		String backward = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(5))
			.nextToken();
		String forward = fixture.participant()
			.getTranscript(
					(r) -> r.connectionToken(chat.connectionToken()).startPosition((p) -> p.id(firstId)).maxResults(5))
			.nextToken();
		assertThat(backward).isNotNull().hasSizeLessThanOrEqualTo(1000);
		assertThat(forward).isNotNull();

		List<Consumer<GetTranscriptRequest.Builder>> misuses = List.of(
				(r) -> r.connectionToken(chat.connectionToken()).sortOrder(SortKey.ASCENDING).nextToken(backward),
				(r) -> r.connectionToken(chat.connectionToken())
					.startPosition((p) -> p.mostRecent(0))
					.nextToken(backward),
				(r) -> r.connectionToken(chat.connectionToken())
					.scanDirection(ScanDirection.FORWARD)
					.startPosition((p) -> p.mostRecent(29))
					.nextToken(backward),
				(r) -> r.connectionToken(chat.connectionToken()).nextToken(forward),
				(r) -> r.connectionToken(chat.connectionToken())
					.startPosition((p) -> p.id(firstId))
					.sortOrder(SortKey.ASCENDING)
					.nextToken(forward),
				(r) -> r.connectionToken(other.connectionToken()).nextToken(backward),
				(r) -> r.connectionToken(chat.connectionToken()).nextToken(tamperLastChar(backward)),
				(r) -> r.connectionToken(chat.connectionToken())
					.nextToken("0" + backward.substring(backward.indexOf('.'))),
				(r) -> r.connectionToken(chat.connectionToken()).nextToken("not-a-token"),
				(r) -> r.connectionToken(chat.connectionToken()).nextToken("1.2.3.4"),
				(r) -> r.connectionToken(chat.connectionToken()).nextToken("99999999999999999999.0.abc"));
		for (Consumer<GetTranscriptRequest.Builder> misuse : misuses) {
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> fixture.participant().getTranscript(misuse))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
		}

		// MaxResults is not part of the query: the emulator lets a caller change the page
		// size while paging
		GetTranscriptResponse resized = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(20).nextToken(backward));
		assertThat(resized.transcript()).hasSize(20);
		List<String> expected = new ArrayList<>(items(chat.contactId()).stream().map(Entry::id).toList());
		Collections.reverse(expected);
		assertThat(resized.transcript().stream().map(Item::id)).containsExactlyElementsOf(expected.subList(5, 25));
	}

	@Test
	void sdkPaginatorWalksAThousandItemBackwardTranscript(Clients.Chat chat) {
		for (int i = 0; i < 1000; i++) {
			fixture.emulator().addMessage(chat.contactId(), "AGENT", "Agent", "agent " + i);
		}
		List<String> expected = new ArrayList<>(items(chat.contactId()).stream().map(Entry::id).toList());
		Collections.reverse(expected);
		assertThat(expected).hasSize(1002); // customer joined, agent joined, 1000
											// messages

		for (Integer maxResults : new Integer[] { null, 100, 7 }) {
			List<String> walked = new ArrayList<>();
			int pages = 0;
			for (GetTranscriptResponse page : fixture.participant()
				.getTranscriptPaginator((r) -> r.connectionToken(chat.connectionToken()).maxResults(maxResults))) {
				pages++;
				page.transcript().forEach((item) -> walked.add(item.id()));
			}
			int size = (maxResults != null) ? maxResults : 10;
			assertThat(pages).as("pages of " + size).isEqualTo((1002 + size - 1) / size);
			assertThat(walked).as("MaxResults " + maxResults).isEqualTo(expected);
		}
	}

	@Test
	void lastPageHasNoNextTokenAndNoEmptyPageFollowsAnExactMultiple(Clients.Chat chat) {
		for (int i = 0; i < 19; i++) {
			fixture.sendMessage(chat, "m" + i);
		}
		assertThat(items(chat.contactId())).hasSize(20);

		GetTranscriptResponse first = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()));
		assertThat(first.transcript()).hasSize(10);
		assertThat(first.nextToken()).isNotNull();
		GetTranscriptResponse second = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).nextToken(first.nextToken()));
		assertThat(second.transcript()).hasSize(10);
		assertThat(second.nextToken()).as("20 items in pages of 10: no third, empty page").isNull();

		for (int max : new int[] { 20, 100 }) {
			GetTranscriptResponse all = fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(max));
			assertThat(all.transcript()).hasSize(20);
			assertThat(all.nextToken()).isNull();
		}
		GetTranscriptResponse one = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken())
				.startPosition((p) -> p.mostRecent(0))
				.maxResults(1)
				.scanDirection(ScanDirection.FORWARD));
		assertThat(one.transcript()).hasSize(1);
		assertThat(one.nextToken()).isNull();

		String afterAll = Instant.parse(items(chat.contactId()).get(19).time()).plusSeconds(5).toString();
		GetTranscriptResponse empty = fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken())
				.startPosition((p) -> p.absoluteTime(afterAll))
				.scanDirection(ScanDirection.FORWARD));
		assertThat(empty.transcript()).isEmpty();
		assertThat(empty.nextToken()).isNull();
	}

	@Test
	void absoluteTimesAreIsoMillisecondsAndNonDecreasing(Clients.Chat chat) {
		for (int i = 0; i < 40; i++) {
			SendMessageResponse sent = fixture.sendMessage(chat, "x");
			assertThat(sent.absoluteTime()).matches(ISO_MILLIS);
			if (i % 10 == 0) {
				fixture.emulator().addMessage(chat.contactId(), "AGENT", "Agent", "y");
			}
		}
		List<Entry> items = items(chat.contactId());
		assertTimesAreIsoMillisAndNonDecreasing(items);
		List<String> viaSdk = new ArrayList<>();
		String firstId = items.get(0).id();
		String token = null;
		do {
			String next = token;
			GetTranscriptResponse page = fixture.participant()
				.getTranscript((r) -> r.connectionToken(chat.connectionToken())
					.startPosition((p) -> p.id(firstId))
					.sortOrder(SortKey.ASCENDING)
					.maxResults(100)
					.nextToken(next));
			page.transcript().forEach((item) -> viaSdk.add(item.absoluteTime()));
			token = page.nextToken();
		}
		while (token != null);
		assertThat(viaSdk).isEqualTo(items.stream().map(Entry::time).toList());
		assertThat(viaSdk).allMatch((time) -> ISO_MILLIS.matcher(time).matches());
	}

	@Test
	void invalidStartPositionsAndForwardWithoutAStartAreValidationErrors(Clients.Chat chat) {
		fixture.sendMessage(chat, "hello");
		List<Consumer<GetTranscriptRequest.Builder>> invalid = List.of((r) -> r.scanDirection(ScanDirection.FORWARD),
				(r) -> r.startPosition((p) -> p.id("no-such-item")),
				(r) -> r.startPosition((p) -> p.absoluteTime("yesterday")),
				(r) -> r.startPosition((p) -> p.mostRecent(101)), (r) -> r.startPosition((p) -> p.mostRecent(-1)),
				(r) -> r.startPosition((p) -> p.mostRecent(1).id("x")), (r) -> r.maxResults(101),
				(r) -> r.maxResults(-1));
		for (Consumer<GetTranscriptRequest.Builder> request : invalid) {
			assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> fixture.participant()
				.getTranscript((r) -> request.accept(r.connectionToken(chat.connectionToken()))));
		}
		// MaxResults 0 is allowed by the model (0..100) and means the default page size
		assertThat(fixture.participant()
			.getTranscript((r) -> r.connectionToken(chat.connectionToken()).maxResults(0))
			.transcript()).hasSize(2);
	}

	// ---------------------------------------------------------------- helpers

	private List<String> page(Clients.Chat chat, Consumer<GetTranscriptRequest.Builder> query) {
		List<String> ids = new ArrayList<>();
		String token = null;
		do {
			String next = token;
			GetTranscriptResponse page = fixture.participant().getTranscript((r) -> {
				query.accept(r);
				r.connectionToken(chat.connectionToken()).nextToken(next);
			});
			page.transcript().forEach((item) -> ids.add(item.id()));
			token = page.nextToken();
		}
		while (token != null);
		return ids;
	}

	/** Every item of a contact, oldest first, from the control API. */
	static List<Entry> items(String contactId) {
		JsonNode state = fixture.contactState(contactId);
		List<Entry> items = new ArrayList<>();
		for (JsonNode item : state.get("items")) {
			items.add(new Entry(item.get("Id").asString(), item.get("AbsoluteTime").asString()));
		}
		return items;
	}

	private static void assertTimesAreIsoMillisAndNonDecreasing(List<Entry> items) {
		Instant previous = Instant.MIN;
		for (Entry item : items) {
			assertThat(item.time()).matches(ISO_MILLIS);
			Instant time = Instant.parse(item.time());
			assertThat(time).isAfterOrEqualTo(previous);
			previous = time;
		}
	}

	private static int indexOf(List<Entry> items, String id) {
		for (int i = 0; i < items.size(); i++) {
			if (items.get(i).id().equals(id)) {
				return i;
			}
		}
		return -1;
	}

	private static String tamperLastChar(String token) {
		// the last base64 character of a 32-byte MAC carries 2 unused bits: any change
		// must still be refused
		char last = token.charAt(token.length() - 1);
		return token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');
	}

	/** A transcript item as the control API lists it. */
	record Entry(String id, String time) {
	}

	/**
	 * A random GetTranscript query; null members are left out of the request.
	 *
	 * @param startKind "Id", "AbsoluteTime", "MostRecent" or null
	 */
	record Query(Integer maxResults, ScanDirection direction, SortKey sortOrder, String startKind, String startValue) {

		static Query random(Random random, List<Entry> items) {
			Integer maxResults = switch (random.nextInt(5)) {
				case 0 -> null;
				case 1, 2 -> 1 + random.nextInt(10);
				default -> 1 + random.nextInt(100);
			};
			ScanDirection direction = switch (random.nextInt(3)) {
				case 0 -> null;
				case 1 -> ScanDirection.FORWARD;
				default -> ScanDirection.BACKWARD;
			};
			SortKey sortOrder = switch (random.nextInt(3)) {
				case 0 -> null;
				case 1 -> SortKey.ASCENDING;
				default -> SortKey.DESCENDING;
			};
			String startKind = null;
			String startValue = null;
			switch (random.nextInt(4)) {
				case 1 -> {
					startKind = "Id";
					startValue = items.get(random.nextInt(items.size())).id();
				}
				case 2 -> {
					startKind = "AbsoluteTime";
					startValue = randomTime(random, items);
				}
				case 3 -> {
					startKind = "MostRecent";
					startValue = Integer.toString(random.nextInt(101));
				}
				default -> {
					// no start position
				}
			}
			return new Query(maxResults, direction, sortOrder, startKind, startValue);
		}

		private static String randomTime(Random random, List<Entry> items) {
			Instant time = Instant.parse(items.get(random.nextInt(items.size())).time());
			return switch (random.nextInt(6)) {
				case 0 -> time.plusNanos(500_000).toString(); // between this millisecond
																// and the next
				case 1 -> time.minusNanos(250_000).toString();
				case 2 -> Instant.parse(items.get(0).time()).minusSeconds(1).toString(); // before
																							// the
																							// first
																							// item
				case 3 -> Instant.parse(items.get(items.size() - 1).time()).plusSeconds(1).toString(); // after
																										// the
																										// last
				default -> items.get(random.nextInt(items.size())).time(); // exactly an
																			// item's time
			};
		}

		boolean forward() {
			return (this.direction != null) ? this.direction == ScanDirection.FORWARD : this.startKind != null;
		}

		GetTranscriptRequest request(String connectionToken, String nextToken) {
			GetTranscriptRequest.Builder builder = GetTranscriptRequest.builder()
				.connectionToken(connectionToken)
				.maxResults(this.maxResults)
				.scanDirection(this.direction)
				.sortOrder(this.sortOrder)
				.nextToken(nextToken);
			if (this.startKind != null) {
				StartPosition.Builder start = StartPosition.builder();
				switch (this.startKind) {
					case "Id" -> start.id(this.startValue);
					case "AbsoluteTime" -> start.absoluteTime(this.startValue);
					case "MostRecent" -> start.mostRecent(Integer.parseInt(this.startValue));
					default -> fail("unknown start kind " + this.startKind);
				}
				builder.startPosition(start.build());
			}
			return builder.build();
		}

	}

}
