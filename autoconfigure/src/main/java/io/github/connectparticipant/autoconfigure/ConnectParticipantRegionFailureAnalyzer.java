package io.github.connectparticipant.autoconfigure;

import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains the SDK's "Unable to load region" failure, which is what an application sees
 * when it has neither a {@code connect.participant.region} nor the embedded emulator.
 */
class ConnectParticipantRegionFailureAnalyzer extends AbstractFailureAnalyzer<SdkClientException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SdkClientException cause) {
		String message = String.valueOf(cause.getMessage());
		if (!message.contains("Unable to load region")) {
			return null;
		}
		return new FailureAnalysis(
				"The Amazon Connect Participant client has no AWS region: connect.participant.region is not set, "
						+ "the AWS SDK found none in its usual places (AWS_REGION, ~/.aws/config, instance metadata), "
						+ "and the embedded emulator is not in use.",
				"Set connect.participant.region (for example us-east-1) to talk to Amazon Connect, or add "
						+ "io.github.connectparticipant:connect-participant-emulator to the classpath and leave "
						+ "connect.participant.region and connect.participant.endpoint unset to run against the embedded emulator.",
				cause);
	}

}
