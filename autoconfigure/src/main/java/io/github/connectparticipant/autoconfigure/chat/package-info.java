/**
 * Auto-configuration of chat sessions: the sessions bean, their shutdown, application
 * events, metrics and health.
 */
@NullMarked
package io.github.connectparticipant.autoconfigure.chat;

import org.jspecify.annotations.NullMarked;
