/**
 * An emulator of the Amazon Connect Participant Service for tests and local development:
 * {@link io.github.connectparticipant.emulator.ConnectParticipantEmulator} embedded,
 * {@link io.github.connectparticipant.emulator.EmulatorMain} standalone.
 */
package io.github.connectparticipant.emulator;
