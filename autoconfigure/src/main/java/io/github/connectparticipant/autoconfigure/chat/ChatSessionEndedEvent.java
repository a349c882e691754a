package io.github.connectparticipant.autoconfigure.chat;

import org.jspecify.annotations.Nullable;

import io.github.connectparticipant.chat.ChatEndReason;

/**
 * A chat session ended, published as a Spring application event after its last
 * {@link ChatItemEvent}.
 *
 * @param contactId the chat's contact id, if the session knew it
 * @param reason why the session ended
 */
public record ChatSessionEndedEvent(@Nullable String contactId, ChatEndReason reason) {

}
