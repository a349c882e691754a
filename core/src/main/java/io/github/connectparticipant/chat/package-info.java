/**
 * Chat sessions: the participant's chat WebSocket held open, every transcript item
 * delivered once and in order to a listener, and messages, typing and receipts sent.
 */
@NullMarked
package io.github.connectparticipant.chat;

import org.jspecify.annotations.NullMarked;
