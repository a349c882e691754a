/**
 * The application started with and without the starter by the start-up benchmark.
 */
@NullMarked
package io.github.connectparticipant.benchmarks.app;

import org.jspecify.annotations.NullMarked;
