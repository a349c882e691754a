/**
 * Chats: StartChatContact through Amazon Connect's API, the participant connection kept
 * on the server behind an opaque handle, and text messages.
 */
@NullMarked
package io.github.connectparticipant.sample.chat;

import org.jspecify.annotations.NullMarked;
