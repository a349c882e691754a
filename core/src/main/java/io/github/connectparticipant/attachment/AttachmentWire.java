package io.github.connectparticipant.attachment;

import java.time.Clock;

import io.github.connectparticipant.ConnectParticipantSettings;
import io.github.connectparticipant.ParticipantOperation;
import io.github.connectparticipant.ServiceTime;
import io.github.connectparticipant.retry.RetryExecutor;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

/**
 * What uploads and downloads share to reach the service and its pre-signed URLs: the SDK
 * client and the retry executor for the service's calls, the HTTP client for the URLs,
 * the settings, and the clock that tells when a URL has expired.
 *
 * @param client the SDK client
 * @param http the HTTP client for pre-signed URLs, with its host guard
 * @param settings the settings
 * @param executor the retry executor shared by the attachment service's calls
 * @param clock the clock
 */
record AttachmentWire(ConnectParticipantClient client, PresignedHttp http, ConnectParticipantSettings settings,
		RetryExecutor executor, Clock clock) {

	/**
	 * Take a pre-signed URL the service returned, refused unless its host is one the
	 * guard expects for the operation.
	 * @param url the URL as the service sent it
	 * @param expiry the URL's expiry as the service sent it, if any
	 * @param size the size of the object behind the URL
	 * @param operation the operation the URL is for
	 * @return the URL
	 * @throws PresignedUrlRefusedException if the host is not one the guard expects
	 */
	SignedUrl signedUrl(String url, @Nullable String expiry, long size, ParticipantOperation operation) {
		return new SignedUrl(this.http.guard().check(url, operation), ServiceTime.parse(expiry), size);
	}

}
