/**
 * Request pacing shared by all replicas of an application: one token bucket per operation
 * in Redis, through Bucket4j on the application's Lettuce connection.
 */
@NullMarked
package io.github.connectparticipant.autoconfigure.pacing;

import org.jspecify.annotations.NullMarked;
