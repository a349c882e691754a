/**
 * The Boot configuration that supplies the starter's beans to the in-process benchmarks.
 */
@NullMarked
package io.github.connectparticipant.benchmarks.starter;

import org.jspecify.annotations.NullMarked;
