/**
 * Attachments: multipart upload with the starter's size and type rules, and streamed
 * download with a safe {@code Content-Disposition}.
 */
@NullMarked
package io.github.connectparticipant.sample.attachment;

import org.jspecify.annotations.NullMarked;
