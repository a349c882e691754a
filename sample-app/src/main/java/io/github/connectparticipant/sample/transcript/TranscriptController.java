package io.github.connectparticipant.sample.transcript;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import io.github.connectparticipant.sample.chat.Chat;
import io.github.connectparticipant.transcript.TranscriptItem;
import io.github.connectparticipant.transcript.TranscriptPage;
import io.github.connectparticipant.transcript.TranscriptQuery;
import io.github.connectparticipant.transcript.TranscriptService;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a chat's transcript:
 * <ul>
 * <li>{@code GET
 * /api/chats/{chat}/transcript?pageSize=&direction=&sortOrder=&nextToken=}: one page,
 * with the token for the next one. Without a direction the newest items come first
 * ({@code BACKWARD}); {@code FORWARD} reads from the oldest item. Without a sort order, a
 * page is sorted in its reading direction.</li>
 * <li>{@code GET /api/chats/{chat}/transcript/export}: the whole transcript, oldest item
 * first, streamed as JSON lines ({@code application/x-ndjson}), one page in memory at a
 * time. The first page is read before the response starts, so a failure to read the
 * transcript is still a problem detail.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/chats/{chat}/transcript")
class TranscriptController {

	/**
	 * Media type of the export: newline-delimited JSON.
	 */
	static final MediaType JSON_LINES = MediaType.APPLICATION_NDJSON;

	private final TranscriptService transcripts;

	/**
	 * Writes an export's lines: the application's JSON mapper, its serializer for an item
	 * looked up once.
	 */
	private final ObjectWriter lines;

	TranscriptController(TranscriptService transcripts, JsonMapper json) {
		this.transcripts = transcripts;
		this.lines = json.writerFor(TranscriptItemView.class);
	}

	@GetMapping
	PageView page(@PathVariable("chat") Chat target, PageRequest request) {
		TranscriptPage page = this.transcripts.page(target.connection(), request.query(), request.token());
		return new PageView(page.items().stream().map((item) -> TranscriptItemView.of(target, item)).toList(),
				page.nextToken());
	}

	@GetMapping("/export")
	ResponseEntity<StreamingResponseBody> export(@PathVariable("chat") Chat target) {
		TranscriptQuery query = TranscriptQuery.oldestFirst().withMaxResults(PageRequest.MAX_PAGE_SIZE);
		TranscriptPage first = this.transcripts.page(target.connection(), query);
		StreamingResponseBody body = (out) -> {
			TranscriptPage page = first;
			while (true) {
				write(target, page, out);
				String next = page.nextToken();
				if (next == null) {
					break;
				}
				page = this.transcripts.page(target.connection(), query, next);
			}
		};
		return ResponseEntity.ok()
			.contentType(JSON_LINES)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("transcript-" + target.contactId() + ".jsonl")
						.build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(body);
	}

	private void write(Chat chat, TranscriptPage page, OutputStream out) throws IOException {
		for (TranscriptItem item : page.items()) {
			out.write(this.lines.writeValueAsBytes(TranscriptItemView.of(chat, item)));
			out.write('\n');
		}
		out.flush();
	}

	/**
	 * One page of a transcript.
	 *
	 * @param items the page's items
	 * @param nextToken the token for the next page (with the same query), or {@code null}
	 * on the last page
	 */
	record PageView(List<TranscriptItemView> items, @Nullable String nextToken) {
	}

}
