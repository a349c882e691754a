/**
 * Transcripts: one page at a time, or the whole transcript streamed as JSON lines.
 */
@NullMarked
package io.github.connectparticipant.sample.transcript;

import org.jspecify.annotations.NullMarked;
