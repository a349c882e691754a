package io.github.connectparticipant.attachment;

import io.github.connectparticipant.ConnectParticipantException;
import org.jspecify.annotations.Nullable;

/**
 * A pre-signed URL from the service pointed somewhere the library does not send requests:
 * a host other than the expected Amazon S3 hosts (or the configured
 * {@code presignedUrlHosts}), plain {@code http} to anything but the SDK client's
 * endpoint override, a URL with user information, or a redirect. Nothing was sent to that
 * host, and the URL is not shown: the message names the host only. Not retried.
 * <p>
 * Either the answer was tampered with (a hostile endpoint or proxy), or the service
 * really uses another host: then list it in {@code presignedUrlHosts}.
 */
public class PresignedUrlRefusedException extends ConnectParticipantException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String host;

	/**
	 * Create a new exception.
	 * @param message why the URL was refused, naming its host but never the URL
	 * @param operation the operation the URL was for ({@code UploadObject},
	 * {@code DownloadObject} or {@code GetAttachment})
	 * @param host the refused host, if the URL had one
	 */
	public PresignedUrlRefusedException(String message, String operation, @Nullable String host) {
		super(message + ". Nothing was sent to it", operation, null, null, 0, null);
		this.host = host;
	}

	/**
	 * Return the host the URL pointed to.
	 * @return the host, or {@code null} when the URL had no valid host
	 */
	public @Nullable String getHost() {
		return this.host;
	}

}
