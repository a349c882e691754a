package io.github.connectparticipant.emulator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone:
 * {@code java -jar connect-participant-emulator-VERSION.jar [--host 127.0.0.1] [--port N]}.
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
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--host" -> settings.host(value(args, ++i, arg));
				case "--port" -> {
					String value = value(args, ++i, arg);
					try {
						settings.port(Integer.parseInt(value));
					}
					catch (NumberFormatException ex) {
						throw new IllegalArgumentException("--port takes a number, was '" + value + "'");
					}
				}
				case "--help", "-h" -> {
					out.println(usage());
					System.exit(0);
				}
				default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'");
			}
		}
	}

	private static String value(String[] args, int index, String name) {
		if (index >= args.length) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		return args[index];
	}

	static String usage() {
		return "Usage: java -jar connect-participant-emulator.jar [--host 127.0.0.1] [--port N]  (port 0 or absent: a free port)";
	}

}
