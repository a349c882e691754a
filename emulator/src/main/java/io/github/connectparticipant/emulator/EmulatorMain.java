package io.github.connectparticipant.emulator;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone:
 * {@code java -jar connect-participant-emulator-VERSION-standalone.jar [--host 127.0.0.1] [--port N]},
 * with the settings of {@link EmulatorOptions} from options or environment variables.
 * Prints one line containing {@code listening on http://HOST:PORT} when ready and stops
 * cleanly on SIGTERM or Ctrl-C.
 */
public final class EmulatorMain {

	private EmulatorMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmulatorSettings.Builder settings = EmulatorSettings.builder();
		try {
			parse(args, settings, System.out);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("connect-participant-emulator: " + ex.getMessage());
			System.err.println(usage());
			System.exit(2);
			return;
		}
		ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start(settings.build());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.close();
			System.out.println("Connect Participant emulator stopped");
			stopped.countDown();
		}, "connect-participant-emulator-shutdown"));
		System.out.println("Connect Participant emulator listening on " + emulator.baseUri()
				+ " (endpoint for the SDK or --endpoint-url; control API at " + emulator.baseUri() + "/_emulator/)");
		System.out.flush();
		stopped.await();
	}

	static void parse(String[] args, EmulatorSettings.Builder settings, PrintStream out) {
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			out.println(usage());
			System.exit(0);
		}
		EmulatorOptions.apply(args, System.getenv(), settings);
	}

	static String usage() {
		return "Usage: java -jar connect-participant-emulator-standalone.jar [OPTION VALUE]...\n"
				+ "Each option may also be given as an environment variable; an option wins over its variable.\n"
				+ EmulatorOptions.help();
	}

}
