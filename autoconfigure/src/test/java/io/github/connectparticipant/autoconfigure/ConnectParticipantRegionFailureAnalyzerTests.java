package io.github.connectparticipant.autoconfigure;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectParticipantRegionFailureAnalyzerTests {

	private final ConnectParticipantRegionFailureAnalyzer analyzer = new ConnectParticipantRegionFailureAnalyzer();

	@Test
	void explainsAMissingRegion() {
		SdkClientException cause = SdkClientException.create(
				"Unable to load region from any of the providers in the chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain");
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("connectParticipantClient", "failed", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("connect.participant.region is not set");
		assertThat(analysis.getAction()).contains("connect.participant.region", "connect-participant-emulator");
	}

	@Test
	void leavesOtherSdkFailuresAlone() {
		assertThat(this.analyzer.analyze(SdkClientException.create("Unable to execute HTTP request"))).isNull();
	}

}
