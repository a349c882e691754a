/**
 * Shared types of the Amazon Connect Participant library: settings and the exception
 * hierarchy.
 */
@NullMarked
package io.github.connectparticipant;

import org.jspecify.annotations.NullMarked;
