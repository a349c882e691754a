/**
 * Micrometer Observations of the library's calls: what is observed and under which keys
 * ({@link io.github.connectparticipant.observation.ParticipantObservationDocumentation}),
 * the contexts handlers receive, and the conventions that turn a context into key values,
 * which an application can replace.
 */
@NullMarked
package io.github.connectparticipant.observation;

import org.jspecify.annotations.NullMarked;
