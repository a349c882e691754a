package io.github.connectparticipant.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TranscriptPagerTests {

	private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private final TranscriptPager pager = new TranscriptPager(new Presigner());

	private final List<TestItem> items = new ArrayList<>();

	TranscriptPagerTests() {
		for (int i = 0; i < 25; i++) {
			this.items.add(new TestItem("item-" + i, Instant.ofEpochMilli(1_000_000L + i)));
		}
	}

	@Test
	void everyOtherSpellingOfTheTokensLastCharacterIsRefused() {
		TranscriptPager.Query query = new TranscriptPager.Query("c", "BACKWARD", "DESCENDING", null, null);
		String token = this.pager.page(this.items, query, 10, null).nextToken();
		assertThat(token).isNotNull();
		assertThat(this.pager.page(this.items, query, 10, token).items()).hasSize(10);
		String head = token.substring(0, token.length() - 1);
		char last = token.charAt(token.length() - 1);
		for (char c : BASE64URL.toCharArray()) {
			if (c != last) {
				assertThatExceptionOfType(ApiException.class)
					.isThrownBy(() -> this.pager.page(this.items, query, 10, head + c))
					.satisfies((ex) -> assertThat(ex.code()).isEqualTo("ValidationException"));
			}
		}
	}

	@Test
	void backwardWalkFromTheNewestInPagesSortedAsAsked() {
		TranscriptPager.Query query = new TranscriptPager.Query("c", "BACKWARD", "ASCENDING", null, null);
		TranscriptPager.Page<TestItem> first = this.pager.page(this.items, query, 10, null);
		assertThat(first.items()).extracting(TestItem::id).first().isEqualTo("item-15");
		assertThat(first.items()).extracting(TestItem::id).last().isEqualTo("item-24");
		TranscriptPager.Page<TestItem> second = this.pager.page(this.items, query, 10, first.nextToken());
		TranscriptPager.Page<TestItem> third = this.pager.page(this.items, query, 10, second.nextToken());
		assertThat(third.items()).hasSize(5);
		assertThat(third.nextToken()).isNull();
	}

	record TestItem(String id, Instant time) implements TranscriptPager.Positioned {
	}

}
