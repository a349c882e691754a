package io.github.connectparticipant.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.connectparticipant.autoconfigure.ConnectParticipantClientCustomizer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionRequest;
import software.amazon.awssdk.services.connectparticipant.model.CreateParticipantConnectionResponse;
import software.amazon.awssdk.services.connectparticipant.model.GetAttachmentResponse;
import software.amazon.awssdk.services.connectparticipant.model.StartAttachmentUploadResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The secrets the application's SDK client received (participant tokens, connection
 * tokens, pre-signed URLs, chat WebSocket URLs), recorded by an interceptor that
 * {@link Configuration} adds to the client, so that tests can look for them where none
 * may appear.
 */
class CapturedSecrets implements ExecutionInterceptor {

	final Set<String> participantTokens = ConcurrentHashMap.newKeySet();

	final Set<String> connectionTokens = ConcurrentHashMap.newKeySet();

	final Set<String> signedUrls = ConcurrentHashMap.newKeySet();

	final Set<String> websocketUrls = ConcurrentHashMap.newKeySet();

	@Override
	public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes executionAttributes) {
		SdkRequest request = context.request();
		SdkResponse response = context.response();
		if (request instanceof CreateParticipantConnectionRequest create) {
			this.participantTokens.add(create.participantToken());
		}
		if (response instanceof CreateParticipantConnectionResponse created) {
			if (created.connectionCredentials() != null) {
				this.connectionTokens.add(created.connectionCredentials().connectionToken());
			}
			if (created.websocket() != null) {
				this.websocketUrls.add(created.websocket().url());
			}
		}
		if (response instanceof StartAttachmentUploadResponse started) {
			this.signedUrls.add(started.uploadMetadata().url());
		}
		if (response instanceof GetAttachmentResponse attachment) {
			this.signedUrls.add(attachment.url());
		}
	}

	/**
	 * Every secret, and the signature part of each URL on its own (in case a URL was
	 * shown in pieces).
	 */
	List<String> all() {
		List<String> all = new ArrayList<>(this.participantTokens);
		all.addAll(this.connectionTokens);
		all.addAll(this.signedUrls);
		this.signedUrls.forEach((url) -> all.add(url.replaceAll(".*X-Amz-Signature=([^&]+).*", "$1")));
		all.addAll(this.websocketUrls);
		this.websocketUrls.forEach((url) -> all.add(url.replaceAll(".*AuthToken=([^&]+).*", "$1")));
		return all;
	}

	/**
	 * Adds the recording interceptor to the auto-configured SDK client.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		CapturedSecrets capturedSecrets() {
			return new CapturedSecrets();
		}

		@Bean
		ConnectParticipantClientCustomizer captureSecrets(CapturedSecrets secrets) {
			return (builder) -> builder.overrideConfiguration(
					builder.overrideConfiguration().toBuilder().addExecutionInterceptor(secrets).build());
		}

	}

}
