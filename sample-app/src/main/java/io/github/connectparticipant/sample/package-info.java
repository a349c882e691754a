/**
 * The sample application: a runnable chat-attachment service on the starter.
 */
@NullMarked
package io.github.connectparticipant.sample;

import org.jspecify.annotations.NullMarked;
