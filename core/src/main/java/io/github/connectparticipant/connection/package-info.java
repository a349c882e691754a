/**
 * Participant connections: a ConnectionToken given as is, or created and refreshed from a
 * ParticipantToken.
 */
@NullMarked
package io.github.connectparticipant.connection;

import org.jspecify.annotations.NullMarked;
