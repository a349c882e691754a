/**
 * Chat transcripts: single pages, lazily paged streams of items and the immutable item
 * model.
 */
@NullMarked
package io.github.connectparticipant.transcript;

import org.jspecify.annotations.NullMarked;
