/**
 * Errors as RFC 9457 problem details: the library's typed exceptions and Spring MVC's own
 * mapped to HTTP statuses.
 */
@NullMarked
package io.github.connectparticipant.sample.problem;

import org.jspecify.annotations.NullMarked;
