package io.github.connectparticipant.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.github.connectparticipant.benchmarks.ChatPopulation.Delivery;

import static io.github.connectparticipant.benchmarks.Report.f;
import static io.github.connectparticipant.benchmarks.Report.millis;

/**
 * Chat sessions at one and at many open at once: how long an agent's message takes from
 * the emulator's add to a session's listener, against a raw JDK WebSocket subscribed to
 * the same chat, which times the same adds (the emulator's own push, the floor). The
 * emulator runs in this JVM, and adds through its Java API.
 */
final class ChatSessionBenchmark extends HarnessBenchmark {

	private static final double LATENCY_LIMIT_MILLIS = 50;

	ChatSessionBenchmark(Harness harness, BenchmarkConfig config, Report report) {
		super(harness, config, report);
	}

	void run() throws Exception {
		int many = this.config.chatSessions();
		int singleAdds = this.config.chatSingleAdds();
		Latencies atOne;
		Latencies atMany;
		try (RawSocketClient client = RawSocketClient.start()) {
			atOne = latencies(client, 1, Math.max(1, singleAdds / 10), singleAdds);
			atMany = latencies(client, many, many, many * this.config.chatRounds());
		}
		reportDelivery(atOne, atMany, many);
	}

	/**
	 * Adds one after the other, each awaited, going round the chats of a population of
	 * the given size; the warm-up adds are not kept.
	 */
	private Latencies latencies(RawSocketClient client, int size, int warmups, int kept) throws Exception {
		try (ChatPopulation population = ChatPopulation.open(this.harness, client.http(), size)) {
			Latencies latencies = new Latencies();
			for (int i = 0; i < warmups + kept; i++) {
				Delivery delivery = population.add(i % population.size(), "probe " + i);
				if (i >= warmups) {
					latencies.session.add(delivery.sessionMillis());
					latencies.raw.add(delivery.rawMillis());
				}
			}
			return latencies;
		}
		finally {
			this.harness.emulator().reset();
		}
	}

	private void reportDelivery(Latencies atOne, Latencies atMany, int many) {
		double[] interval = percentileInterval(atMany.session, 99);
		double p99 = Measure.percentile(atMany.session, 99);
		this.report.row(Benchmark.CHAT_DELIVERY, "1 session: add to listener p50 / p99 (raw WebSocket floor)",
				atOne.summary(), "(reported)", Report.Verdict.INFO);
		this.report.row(Benchmark.CHAT_DELIVERY,
				f("%,d sessions: add to listener p50 / p99 (raw WebSocket floor)", many), atMany.summary(),
				"(reported)", Report.Verdict.INFO);
		this.report.row(Benchmark.CHAT_DELIVERY, f("%,d sessions: add to listener p99", many),
				millis(p99) + " " + range(interval), "<= " + millis(LATENCY_LIMIT_MILLIS),
				Report.below(p99, interval, LATENCY_LIMIT_MILLIS));
		StringBuilder table = new StringBuilder(f("An agent's message is added to a chat through the emulator's Java "
				+ "API (in this JVM); it is timed from the add until the chat session's listener has it, and until "
				+ "a raw JDK WebSocket subscribed to the same chat has its frame: that socket times the same adds "
				+ "with nothing but the emulator's push, the floor. Adds go one after the other, each awaited, round "
				+ "the chats; with %,d sessions every session (heartbeating every 10 s) hears one in turn. 95 %% "
				+ "intervals of the percentiles are distribution-free (binomial order statistics).%n%n", many));
		table.append("| sessions | adds kept | session p50 | session p99 | raw WebSocket p50 | raw WebSocket p99 |\n"
				+ "| --- | --- | --- | --- | --- | --- |\n");
		table.append(atOne.tableRow(1)).append(atMany.tableRow(many));
		this.report.section(Benchmark.CHAT_DELIVERY, "Chat session delivery latency", table.toString());
	}

	/**
	 * A 95 % confidence interval for a percentile of the population the values are drawn
	 * from, without assuming its distribution: the values at the ranks a binomial(n, p)
	 * count reaches with 2.5 % probability on either side (its normal approximation, fair
	 * for the hundreds of values it is used with).
	 * @param values the values
	 * @param percentile the percentile, 0 to 100
	 * @return the interval's lower and upper bound, or two NaN for too few values to
	 * bound the percentile on both sides
	 */
	private static double[] percentileInterval(List<Double> values, double percentile) {
		int n = values.size();
		double p = percentile / 100.0;
		double spread = 1.96 * Math.sqrt(n * p * (1 - p));
		// 1-based ranks
		int lower = (int) Math.floor(n * p - spread);
		int upper = (int) Math.ceil(n * p + spread) + 1;
		if (lower < 1 || upper > n) {
			return new double[] { Double.NaN, Double.NaN };
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return new double[] { sorted[lower - 1], sorted[upper - 1] };
	}

	private static String range(double[] interval) {
		return Double.isNaN(interval[0]) ? "(too few adds for an interval)"
				: "(" + millis(interval[0]) + " to " + millis(interval[1]) + ")";
	}

	/** Latencies of the adds kept, in milliseconds. */
	private static final class Latencies {

		private final List<Double> session = new ArrayList<>();

		private final List<Double> raw = new ArrayList<>();

		String summary() {
			return millis(Measure.percentile(this.session, 50)) + " / " + millis(Measure.percentile(this.session, 99))
					+ " (" + millis(Measure.percentile(this.raw, 50)) + " / " + millis(Measure.percentile(this.raw, 99))
					+ ")";
		}

		String tableRow(int sessions) {
			return f("| %,d | %,d | %s | %s | %s | %s |%n", sessions, this.session.size(), cell(this.session, 50),
					cell(this.session, 99), cell(this.raw, 50), cell(this.raw, 99));
		}

		private static String cell(List<Double> values, double percentile) {
			return millis(Measure.percentile(values, percentile)) + " " + range(percentileInterval(values, percentile));
		}

	}

}
