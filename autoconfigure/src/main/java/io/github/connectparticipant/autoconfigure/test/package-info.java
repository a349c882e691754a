/**
 * Test support: {@link io.github.connectparticipant.autoconfigure.test.EnableConnectParticipantEmulator}.
 */
@NullMarked
package io.github.connectparticipant.autoconfigure.test;

import org.jspecify.annotations.NullMarked;
