package io.github.connectparticipant.benchmarks;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat session benchmarks once, at a few sessions and adds, so that the default build
 * proves they work (the full run is {@code -Pbench}).
 */
class ChatBenchmarkSmokeTests {

	/** The benchmarks of chat sessions. */
	static final Set<Benchmark> CHAT = EnumSet.of(Benchmark.CHAT_DELIVERY, Benchmark.CHAT_IDLE_FOOTPRINT,
			Benchmark.SCAN_VERDICT);

	@Test
	@Timeout(300)
	void theChatBenchmarksRunAndReportEveryFigure() throws Exception {
		BenchmarkConfig config = BenchmarkConfig.smoke().only(CHAT);
		String markdown = BenchmarkMain.run(config, null);
		int sessions = config.chatSessions();
		assertThat(markdown).contains("### chat-delivery: Chat session delivery latency",
				"### chat-idle-footprint: Idle chat sessions", "### scan-verdict: Scan verdicts");
		assertThat(markdown).contains("| chat-delivery | 1 session: add to listener p50 / p99",
				"| chat-delivery | " + sessions + " sessions: add to listener p99 |",
				"| chat-idle-footprint | heap per idle session, " + sessions + " open |",
				"| chat-idle-footprint | client threads at 1 / " + sessions + " sessions |");
		// every add was delivered to the session and timed against the raw socket
		assertThat(markdown).contains("| " + sessions + " | " + sessions * config.chatRounds() + " | ");
		assertThat(markdown).as("no GetTranscript call to learn a verdict with a session open")
			.containsPattern("\\| scan-verdict \\| GetTranscript calls to learn a verdict, session open \\(polling\\) "
					+ "\\| 0\\.0 \\([1-9][0-9.]*\\) \\| 0 \\| met \\|");
		assertThat(markdown).as("the idle sessions' emulator runs in a JVM of its own")
			.contains("### chat-idle-footprint: Idle chat sessions: heap and threads\n\nThe emulator runs in a JVM "
					+ "of its own")
			.contains("| owner | per session |")
			.doesNotContain("| the emulator (its classes and Java-WebSocket's) |");
		assertThat(markdown).doesNotContain("NaN");
	}

}
