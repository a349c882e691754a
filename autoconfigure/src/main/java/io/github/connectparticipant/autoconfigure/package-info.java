/**
 * Auto-configuration, properties and customizers of the Amazon Connect Participant
 * starter.
 */
@NullMarked
package io.github.connectparticipant.autoconfigure;

import org.jspecify.annotations.NullMarked;
