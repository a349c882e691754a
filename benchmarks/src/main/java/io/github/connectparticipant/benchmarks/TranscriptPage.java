package io.github.connectparticipant.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

import io.github.connectparticipant.benchmarks.Harness.Chat;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.services.connectparticipant.model.GetTranscriptRequest;

/**
 * What the per-call comparisons call: a chat with a page of {@value #SIZE} items, the raw
 * SDK client, a raw client of a canned server that answers with that page's bytes, and
 * the starter's beans.
 *
 * @param chat the chat
 * @param raw the raw SDK client on the emulator
 * @param floor the raw SDK client on the canned server
 * @param starterClient the starter's {@code ConnectParticipantClient} bean
 * @param transcripts the starter's {@code TranscriptService}
 * @param query the starter's query for one page
 * @param request the raw SDK's request for one page
 * @param bytes the size of the page's JSON
 */
record TranscriptPage(Chat chat, ConnectParticipantClient raw, ConnectParticipantClient floor,
		ConnectParticipantClient starterClient, TranscriptService transcripts, TranscriptQuery query,
		Consumer<GetTranscriptRequest.Builder> request, int bytes) {

	/** Items per page in every transcript comparison. */
	static final int SIZE = 100;

	/**
	 * Run something on a page of a new chat, then reset the emulator.
	 * @param harness where the chat is started and the clients come from
	 * @param use what runs on the page
	 */
	static void with(Harness harness, Use use) throws Exception {
		Chat chat = harness.newChat(150);
		byte[] canned = cannedPage(harness, chat);
		try (CannedServer server = CannedServer.start(canned);
				ConnectParticipantClient floor = Harness.rawClient(server.baseUri(), new RequestCounter())) {
			ConnectParticipantClient raw = harness.raw();
			TranscriptService transcripts = harness.starter().bean(TranscriptService.class);
			TranscriptQuery query = TranscriptQuery.builder().maxResults(SIZE).build();
			Consumer<GetTranscriptRequest.Builder> request = (builder) -> builder.connectionToken(chat.token())
				.maxResults(SIZE);
			if (raw.getTranscript(request).transcript().size() != SIZE
					|| floor.getTranscript(request).transcript().size() != SIZE
					|| transcripts.page(chat.connection(), query).items().size() != SIZE) {
				throw new IllegalStateException("a page of " + SIZE + " items was expected");
			}
			use.accept(new TranscriptPage(chat, raw, floor, harness.starter().bean(ConnectParticipantClient.class),
					transcripts, query, request, canned.length));
		}
		harness.emulator().reset();
	}

	/**
	 * The emulator's answer to the request the clients send, as bytes.
	 */
	private static byte[] cannedPage(Harness harness, Chat chat) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(harness.emulator().baseUri().resolve("/participant/transcript"))
				.header("Content-Type", "application/json")
				.header("X-Amz-Bearer", chat.token())
				.POST(HttpRequest.BodyPublishers.ofString("{\"MaxResults\":" + SIZE + "}"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GetTranscript answered " + response.statusCode());
		}
		return response.body();
	}

	/**
	 * What runs on a page.
	 */
	@FunctionalInterface
	interface Use {

		void accept(TranscriptPage page) throws Exception;

	}

}
