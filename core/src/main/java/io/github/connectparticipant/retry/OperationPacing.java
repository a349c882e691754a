package io.github.connectparticipant.retry;

/**
 * Where the pacing of one operation stands, for metrics and health details.
 *
 * @param operation the operation name, such as {@code StartAttachmentUpload}
 * @param quotaRate the quota's rate in requests per second, the most the operation is
 * paced at
 * @param burst the quota's burst
 * @param rate the rate the operation is paced at now, lower than the quota's after
 * throttling
 * @param throttled how many of the operation's requests were answered as throttled
 */
public record OperationPacing(String operation, double quotaRate, int burst, double rate, long throttled) {

}
