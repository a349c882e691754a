/**
 * The embedded emulator default, as Boot's embedded database.
 */
@NullMarked
package io.github.connectparticipant.autoconfigure.emulator;

import org.jspecify.annotations.NullMarked;
