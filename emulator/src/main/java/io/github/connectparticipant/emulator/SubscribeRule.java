package io.github.connectparticipant.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Amazon Connect's rule that a chat whose customer has not subscribed on the chat
 * WebSocket within a time of StartChatContact (5 minutes) is ended. Measured on the
 * emulator's clock, so a test reaches the deadline by advancing the clock.
 */
final class SubscribeRule {

	private final EmulatorClock clock;

	private final Supplier<EmulatorSettings> settings;

	private final Consumer<String> endChat;

	/** Chats whose customer has not subscribed yet, with their start. */
	private final Map<String, Instant> waiting = new ConcurrentHashMap<>();

	SubscribeRule(EmulatorClock clock, Supplier<EmulatorSettings> settings, Consumer<String> endChat) {
		this.clock = clock;
		this.settings = settings;
		this.endChat = endChat;
	}

	void started(String contactId, Instant at) {
		this.waiting.put(contactId, at);
	}

	void subscribed(String contactId) {
		this.waiting.remove(contactId);
	}

	void ended(String contactId) {
		this.waiting.remove(contactId);
	}

	void reset() {
		this.waiting.clear();
	}

	/**
	 * Ends every waiting chat past its deadline; does nothing while the rule is off (a
	 * zero timeout).
	 */
	void sweep() {
		Duration timeout = this.settings.get().subscribeTimeout();
		if (timeout.isZero()) {
			return;
		}
		Instant now = this.clock.instant();
		this.waiting.forEach((contactId, startedAt) -> {
			if (!now.isBefore(startedAt.plus(timeout)) && this.waiting.remove(contactId, startedAt)) {
				this.endChat.accept(contactId);
			}
		});
	}

}
