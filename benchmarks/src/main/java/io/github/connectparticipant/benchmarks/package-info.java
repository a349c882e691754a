/**
 * Benchmarks of the starter against the raw AWS SDK and the loopback limit, run side by
 * side in one JVM: {@link io.github.connectparticipant.benchmarks.BenchmarkMain}.
 */
@NullMarked
package io.github.connectparticipant.benchmarks;

import org.jspecify.annotations.NullMarked;
