/**
 * Metrics of the Amazon Connect Participant starter.
 */
@NullMarked
package io.github.connectparticipant.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
