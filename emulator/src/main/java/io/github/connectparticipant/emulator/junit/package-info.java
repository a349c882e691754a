/**
 * JUnit 5 support:
 * {@link io.github.connectparticipant.emulator.junit.ConnectParticipantEmulatorExtension}.
 */
package io.github.connectparticipant.emulator.junit;
