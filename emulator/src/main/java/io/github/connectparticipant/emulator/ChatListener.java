package io.github.connectparticipant.emulator;

import java.time.Instant;
import java.util.function.Supplier;

import io.github.connectparticipant.emulator.Wire.TranscriptItem;

/**
 * What the chat WebSocket side hears from {@link ChatStore}. Called with the contact's
 * lock held, so calls for one contact arrive in the order the transcript records them; an
 * implementation hands work off rather than block.
 */
interface ChatListener {

	/** Hears nothing: a store without a WebSocket server. */
	ChatListener NONE = new ChatListener() {
	};

	/** A chat started. */
	default void chatStarted(String contactId, Instant startedAt) {
	}

	/**
	 * A new item of the contact: a transcript item, or an item that is only pushed
	 * (typing, a receipt's {@code MESSAGEMETADATA}); rendered as GetTranscript renders
	 * it, with {@code InitialContactId}, only when someone listens.
	 */
	default void itemAdded(String contactId, Supplier<TranscriptItem> item) {
	}

	/** The chat ended; its chat-ended item was passed to {@link #itemAdded} before. */
	default void chatEnded(String contactId) {
	}

	/** A new WebSocket URL for a participant, valid until {@code expiry}. */
	default String websocketUrl(String contactId, String participantId, ParticipantRole role, Instant expiry) {
		throw new IllegalStateException("No WebSocket server");
	}

}
