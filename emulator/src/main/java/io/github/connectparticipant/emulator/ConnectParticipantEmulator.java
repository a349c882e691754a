package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An Amazon Connect Participant Service emulator on the real wire protocol (REST-JSON
 * over HTTP), with Amazon Connect's {@code StartChatContact}/{@code StopContact}, the
 * pre-signed attachment URLs and a {@code /_emulator/} control API, all on one base URL.
 *
 * <pre>{@code
 * try (ConnectParticipantEmulator emulator = ConnectParticipantEmulator.start()) {
 *     ConnectParticipantClient client = ConnectParticipantClient.builder()
 *             .endpointOverride(emulator.baseUri())
 *             .region(Region.US_EAST_1)
 *             .credentialsProvider(AnonymousCredentialsProvider.create())
 *             .build();
 *     // ...
 * }
 * }</pre>
 *
 * Thread-safe. Closing stops the server and deletes every stored object.
 */
public final class ConnectParticipantEmulator implements AutoCloseable {

	private final EmulatorServer server;

	private ConnectParticipantEmulator(EmulatorServer server) {
		this.server = server;
	}

	/**
	 * Loads the emulator's classes and parses its service models, so that a later
	 * {@link #start()} is quicker; starts nothing and opens no port. For frameworks that
	 * warm up in the background while an application starts (the Spring Boot starter
	 * does).
	 */
	public static void preload() {
		EmulatorServer.preload();
	}

	/** Starts an emulator with default settings on a free loopback port. */
	public static ConnectParticipantEmulator start() {
		return start(EmulatorSettings.defaults());
	}

	/** Starts an emulator with the given settings. */
	public static ConnectParticipantEmulator start(EmulatorSettings settings) {
		Objects.requireNonNull(settings, "settings");
		try {
			return new ConnectParticipantEmulator(EmulatorServer.start(settings));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Could not start the Connect Participant emulator on " + settings.host() + ":" + settings.port(),
					ex);
		}
	}

	/**
	 * Base URL of the service, e.g. {@code http://127.0.0.1:54321}: the SDK's endpoint
	 * override.
	 */
	public URI baseUri() {
		return this.server.baseUri();
	}

	/** Port the emulator listens on. */
	public int port() {
		return this.server.port();
	}

	/**
	 * Settings in force now (the start settings plus changes made through the control
	 * API).
	 */
	public EmulatorSettings settings() {
		return this.server.store().settings();
	}

	/** Changes the runtime settings; host, port and storage directory cannot change. */
	public void updateSettings(UnaryOperator<EmulatorSettings.Builder> change) {
		this.server.store().updateSettings(change);
	}

	/**
	 * Clears every contact, object, fault, throttle, counter and clock offset; settings
	 * go back to the start settings.
	 */
	public void reset() {
		this.server.reset();
	}

	/**
	 * Starts a chat as Amazon Connect's StartChatContact does, without going over HTTP.
	 * @param displayName the customer's display name
	 * @return the contact id, participant id and ParticipantToken
	 */
	public StartedChat startChat(String displayName) {
		return this.server.connect().startChat("emulator-instance", "emulator-flow", displayName, null);
	}

	/**
	 * Adds an item from another participant (agent, bot, system) to a chat.
	 * @return the new item's id
	 */
	public String addMessage(String contactId, String role, String displayName, String content) {
		return this.server.participants().message(contactId, role, displayName, content, "text/plain").id();
	}

	/**
	 * Ends a chat: participants leave, a chat-ended event is written, writes are refused
	 * from then on.
	 */
	public void endChat(String contactId) {
		this.server.store().endContact(contactId);
	}

	/**
	 * Open chat WebSockets of a contact that have subscribed to {@code aws/chat}: what a
	 * test waits on before pushing.
	 */
	public int subscribedSockets(String contactId) {
		return this.server.sockets().subscribed(contactId);
	}

	/**
	 * Closes every open chat WebSocket of a contact, as a network or AWS's endpoint
	 * might.
	 * @param code the close code sent, e.g. 1001; or -1 to drop the connections abruptly,
	 * with no close frame
	 * @return how many sockets were closed
	 */
	public int closeSockets(String contactId, int code) {
		return this.server.sockets().closeAll(contactId, (code < 0) ? 1006 : code, code < 0);
	}

	/**
	 * Faults on a contact's chat WebSockets: heartbeats, {@code aws/ping} and protocol
	 * pings go unanswered for {@code unresponsive}, and every frame is delayed by
	 * {@code delay}.
	 */
	public void setSocketFaults(String contactId, Duration unresponsive, Duration delay) {
		this.server.sockets().fault(contactId, unresponsive.toMillis(), delay.toMillis());
	}

	/** Removes the faults on a contact's chat WebSockets. */
	public void clearSocketFaults(String contactId) {
		this.server.sockets().clearFault(contactId);
	}

	/**
	 * Moves the emulator's clock forward, e.g. to expire tokens and pre-signed URLs
	 * without waiting.
	 */
	public void advanceClock(Duration duration) {
		this.server.clock().advance(duration);
	}

	/**
	 * Requests received for an operation since start or reset (an API operation name,
	 * {@code UploadObject} or {@code DownloadObject}).
	 */
	public long requestCount(String operation) {
		return this.server.stats().total(operation);
	}

	/** Requests received for an operation on one contact. */
	public long requestCount(String contactId, String operation) {
		return this.server.stats().forContact(contactId, operation);
	}

	/** Installs fault rules, replacing any present. */
	public void setFaults(long seed, List<FaultRule> rules) {
		this.server.faults().setFaults(seed, rules);
	}

	/** Removes every fault rule. */
	public void clearFaults() {
		this.server.faults().clearFaults();
	}

	/**
	 * Throttles an operation ({@code *} for all) with a token bucket: a rate per second
	 * and a burst.
	 */
	public void setThrottle(String operation, double ratePerSecond, int burst) {
		this.server.faults().throttler().set(operation, ratePerSecond, burst);
	}

	/** Removes every throttle. */
	public void clearThrottles() {
		this.server.faults().throttler().clear();
	}

	/**
	 * Attachments of a contact with their status, keyed by attachment id
	 * ({@code UPLOADING}, {@code UPLOADED}, {@code IN_PROGRESS}, {@code APPROVED},
	 * {@code REJECTED}).
	 */
	public Map<String, String> attachmentStatuses(String contactId) {
		Map<String, String> statuses = new LinkedHashMap<>();
		this.server.store().attachmentStatuses(contactId).forEach((id, status) -> statuses.put(id, status.name()));
		return statuses;
	}

	/** Stops the server and deletes the stored objects. */
	@Override
	public void close() {
		this.server.stop();
	}

	@Override
	public String toString() {
		return "ConnectParticipantEmulator[" + baseUri() + "]";
	}

	/**
	 * A chat started on the emulator.
	 *
	 * @param contactId the contact id
	 * @param participantId the customer's participant id
	 * @param participantToken the customer's ParticipantToken (a secret: not shown by
	 * {@link #toString()})
	 */
	public record StartedChat(String contactId, String participantId, String participantToken) {

		@Override
		public String toString() {
			return "StartedChat[contactId=" + this.contactId + ", participantId=" + this.participantId
					+ ", participantToken=<redacted>]";
		}

	}

	/**
	 * A fault rule, as {@code PUT /_emulator/faults} takes it.
	 *
	 * @param operation an API operation name, {@code UploadObject},
	 * {@code DownloadObject} or {@code *}
	 * @param fault {@code THROTTLE}, {@code SERVER_ERROR}, {@code DROP_BEFORE},
	 * {@code DROP_AFTER}, {@code DELAY}, {@code STALL} or {@code TRUNCATE}
	 * @param probability chance of applying to a matching request, 0 to 1
	 * @param times how many of the next matching requests the rule covers, or
	 * {@code null} for all
	 * @param delayMillis the delay of {@code DELAY} and {@code STALL}
	 * @param afterBytes the body bytes {@code TRUNCATE} sends before closing
	 */
	public record FaultRule(String operation, String fault, double probability, Integer times, long delayMillis,
			long afterBytes) {

		public FaultRule {
			Objects.requireNonNull(operation, "operation");
			Objects.requireNonNull(fault, "fault");
			if (probability < 0 || probability > 1) {
				throw new IllegalArgumentException("probability must be between 0 and 1, was " + probability);
			}
			if (times != null && times < 0) {
				throw new IllegalArgumentException("times must not be negative, was " + times);
			}
			FaultInjector.Kind.parse(fault);
		}

		/** A rule that applies to every matching request. */
		public static FaultRule always(String operation, String fault) {
			return new FaultRule(operation, fault, 1.0, null, 0, 0);
		}

		/** A rule that applies to the next {@code times} matching requests. */
		public static FaultRule times(String operation, String fault, int times) {
			return new FaultRule(operation, fault, 1.0, times, 0, 0);
		}

		/** A rule that applies to matching requests with a probability. */
		public static FaultRule probability(String operation, String fault, double probability) {
			return new FaultRule(operation, fault, probability, null, 0, 0);
		}

		public FaultRule withDelayMillis(long delayMillis) {
			return new FaultRule(this.operation, this.fault, this.probability, this.times, delayMillis,
					this.afterBytes);
		}

		public FaultRule withAfterBytes(long afterBytes) {
			return new FaultRule(this.operation, this.fault, this.probability, this.times, this.delayMillis,
					afterBytes);
		}

	}

}
