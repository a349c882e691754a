/**
 * Health contributor of the Amazon Connect Participant starter.
 */
@NullMarked
package io.github.connectparticipant.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
