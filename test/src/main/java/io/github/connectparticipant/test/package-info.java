/**
 * Test support for applications on the Amazon Connect Participant starter:
 * {@link io.github.connectparticipant.test.EnableConnectParticipantEmulator} and
 * {@link io.github.connectparticipant.test.InjectConnectParticipantEmulator}.
 */
@NullMarked
package io.github.connectparticipant.test;

import org.jspecify.annotations.NullMarked;
