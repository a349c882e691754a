/**
 * How each call is executed: retries with backoff and jitter, timeouts, error translation
 * and observations.
 */
@NullMarked
package io.github.connectparticipant.retry;

import org.jspecify.annotations.NullMarked;
