package io.github.connectparticipant.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The benchmarks, each named by what it measures: the name {@code --only} takes and the
 * results' summary rows and sections carry.
 */
enum Benchmark {

	/**
	 * An upload of a large file: the starter against the raw SDK and the loopback PUT.
	 */
	UPLOAD("upload-20mb"),

	/**
	 * A download of a large file: the starter against the raw SDK and the loopback GET.
	 */
	DOWNLOAD("download-20mb"),

	/** The cost of one GetTranscript call: the starter against the raw SDK. */
	TRANSCRIPT_PER_CALL("transcript-per-call"),

	/** A whole transcript paged through: time and the heap it holds. */
	TRANSCRIPT_PAGING("transcript-paging"),

	/** Many threads uploading at once: throughput, latency and errors. */
	CONCURRENT_UPLOADS("concurrent-uploads"),

	/** The emulator's GetTranscript throughput against a canned-response server. */
	EMULATOR_THROUGHPUT("emulator-throughput"),

	/** Uploads under the service's request quotas, in one JVM and in replicas. */
	QUOTA_GOODPUT("quota-goodput"),

	/** A transcript exported with work per item: the starter's read-ahead. */
	TRANSCRIPT_EXPORT("transcript-export"),

	/** Time to ready of an application with and without the starter. */
	START_UP("start-up"),

	/** The emulator's pushes on the chat WebSocket against a bare WebSocket server. */
	WEBSOCKET_PUSH("websocket-push"),

	/**
	 * A chat item's way from the emulator's add to a chat session's listener, at one and
	 * at many sessions, against a raw WebSocket subscriber of the same chat.
	 */
	CHAT_DELIVERY("chat-delivery"),

	/** Heap per idle chat session and the JVM's threads at one and many sessions. */
	CHAT_IDLE_FOOTPRINT("chat-idle-footprint"),

	/**
	 * An attachment's scan verdict taken from an open chat session against polling the
	 * transcript: latency and GetTranscript calls.
	 */
	SCAN_VERDICT("scan-verdict");

	private final String label;

	Benchmark(String label) {
		this.label = label;
	}

	/**
	 * The benchmark's name.
	 * @return the name, as {@code --only} takes it
	 */
	String label() {
		return this.label;
	}

	/**
	 * The benchmark of a name.
	 * @param label the name, as {@link #label()} gives it
	 * @return the benchmark
	 * @throws IllegalArgumentException naming every benchmark when there is none of that
	 * name
	 */
	static Benchmark named(String label) {
		return Arrays.stream(values())
			.filter((benchmark) -> benchmark.label.equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No benchmark named '" + label + "'; the benchmarks are "
					+ Arrays.stream(values()).map(Benchmark::label).collect(Collectors.joining(", "))));
	}

	@Override
	public String toString() {
		return this.label;
	}

}
