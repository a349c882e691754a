package io.github.connectparticipant.autoconfigure;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SdkHttpClient} for the pre-signed upload and download URLs, named
 * {@value ConnectParticipantAutoConfiguration#PRESIGNED_HTTP_CLIENT_BEAN_NAME}, with the
 * {@code connect.participant.http.*} timeouts, its own connection pool (the URLs point at
 * Amazon S3, not at the Participant Service) and redirects never followed. Closed with
 * the context.
 * <p>
 * The SDK's {@code UrlConnectionHttpClient} (which the starter brings) is preferred: it
 * streams bodies through fixed buffers and logs nothing of its own, whereas Apache
 * HttpClient 5's DEBUG logging ({@code org.apache.hc.client5.http.impl.classic}) prints
 * each request line, and so a pre-signed URL's signature. The SDK's Apache 5 client is
 * used only when the URL-connection client is not on the classpath.
 */
final class PresignedHttpClientConfigurations {

	private PresignedHttpClientConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(UrlConnectionHttpClient.class)
	static class UrlConnection {

		@Bean(name = ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME, destroyMethod = "close")
		@ConditionalOnMissingBean(name = ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)
		SdkHttpClient connectParticipantPresignedHttpClient(ConnectParticipantProperties properties) {
			ConnectParticipantProperties.Http http = properties.getHttp();
			return UrlConnectionHttpClient.builder()
				.connectionTimeout(http.getConnectTimeout())
				.socketTimeout(http.getReadTimeout())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Apache5HttpClient.class)
	static class Apache {

		@Bean(name = ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME, destroyMethod = "close")
		@ConditionalOnMissingBean(name = ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)
		SdkHttpClient connectParticipantPresignedHttpClient(ConnectParticipantProperties properties) {
			ConnectParticipantProperties.Http http = properties.getHttp();
			return Apache5HttpClient.builder()
				.connectionTimeout(http.getConnectTimeout())
				.socketTimeout(http.getReadTimeout())
				.maxConnections(http.getMaxConnections())
				.build();
		}

	}

}
