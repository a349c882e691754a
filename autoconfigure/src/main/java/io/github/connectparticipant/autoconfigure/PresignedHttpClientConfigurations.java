package io.github.connectparticipant.autoconfigure;

import io.github.connectparticipant.attachment.PresignedUrlHttpClient;

import software.amazon.awssdk.http.SdkHttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SdkHttpClient} for the pre-signed upload and download URLs, named
 * {@value ConnectParticipantAutoConfiguration#PRESIGNED_HTTP_CLIENT_BEAN_NAME}, with the
 * {@code connect.participant.http.*} timeouts and redirects never followed. Closed with
 * the context.
 * <p>
 * The default is core's {@link PresignedUrlHttpClient}, the JDK's
 * {@code HttpURLConnection} writing bodies in 64 KB blocks: it logs nothing of its own
 * and streams through fixed buffers, whereas Apache HttpClient 5's DEBUG logging
 * ({@code org.apache.hc.client5.http.impl.classic}) prints each request line, and so a
 * pre-signed URL's signature, and the SDK's {@code UrlConnectionHttpClient} writes bodies
 * in 4 KB pieces, a third slower on a fast network. An application's own bean of that
 * name (another SDK client, with its proxy or TLS settings) replaces it.
 */
final class PresignedHttpClientConfigurations {

	private PresignedHttpClientConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	static class UrlConnection {

		@Bean(name = ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME, destroyMethod = "close")
		@ConditionalOnMissingBean(name = ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)
		SdkHttpClient connectParticipantPresignedHttpClient(ConnectParticipantProperties properties) {
			// a bad timeout is reported as the property, whichever bean is built first
			ConnectParticipantSettingsMapper.checkClientProperties(properties);
			ConnectParticipantProperties.Http http = properties.getHttp();
			return new PresignedUrlHttpClient(http.getConnectTimeout(), http.getReadTimeout());
		}

	}

}
