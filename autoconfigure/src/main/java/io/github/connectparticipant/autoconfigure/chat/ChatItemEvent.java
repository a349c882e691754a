package io.github.connectparticipant.autoconfigure.chat;

import org.jspecify.annotations.Nullable;

import io.github.connectparticipant.transcript.TranscriptItem;

/**
 * An item a chat session delivered, published as a Spring application event
 * ({@code @EventListener void on(ChatItemEvent event)}), on the session's delivery turn
 * right before its own listener.
 *
 * @param contactId the chat's contact id, if the session knows it
 * @param item the item
 */
public record ChatItemEvent(@Nullable String contactId, TranscriptItem item) {

}
