/**
 * Shared types of the Amazon Connect Participant library: settings, the exception
 * hierarchy, the operations it calls and the reading of the service's times.
 */
@NullMarked
package io.github.connectparticipant;

import org.jspecify.annotations.NullMarked;
