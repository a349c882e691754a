package io.github.connectparticipant.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A chat contact: its participants, transcript, attachments and the answers kept for
 * repeated requests. Every read and write holds the contact's own lock.
 */
final class Contact {

	final String id;

	final String instanceId;

	final String contactFlowId;

	boolean ended;

	private Instant lastTime;

	final List<Item> items = new ArrayList<>();

	final Map<String, Item> itemsById = new HashMap<>();

	final Map<String, Participant> participants = new LinkedHashMap<>();

	final Map<String, Attachment> attachments = new LinkedHashMap<>();

	final Map<String, Idempotency.Replay> replays = new HashMap<>();

	private final BiConsumer<Contact, Item> appended;

	Contact(String id, String instanceId, String contactFlowId, BiConsumer<Contact, Item> appended) {
		this.id = id;
		this.instanceId = instanceId;
		this.contactFlowId = contactFlowId;
		this.appended = appended;
	}

	/** Adds an item to the transcript and hands it on to who listens. */
	Item append(Item item) {
		this.items.add(item);
		this.itemsById.put(item.id, item);
		this.appended.accept(this, item);
		return item;
	}

	/**
	 * The time of a new item: the clock's, in milliseconds, never before the previous
	 * item's, so that the transcript's order and its times agree.
	 */
	Instant nextTime(Instant clock) {
		Instant now = clock.truncatedTo(ChronoUnit.MILLIS);
		if (this.lastTime != null && now.isBefore(this.lastTime)) {
			now = this.lastTime;
		}
		this.lastTime = now;
		return now;
	}

}
