/**
 * Chat attachments: upload with validation, idempotency and retries, scan verdicts,
 * streamed downloads.
 */
@NullMarked
package io.github.connectparticipant.attachment;

import org.jspecify.annotations.NullMarked;
