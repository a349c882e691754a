package io.github.connectparticipant.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Builds the {@link ConnectParticipantClient} bean and the pre-signed URLs' HTTP client
 * (both created on first use) on a background thread once the application is ready, so
 * that neither the start-up nor, usually, the first call pays for loading the AWS SDK and
 * setting up TLS. A call that comes first builds them itself; each is built once either
 * way. A failure is logged here and thrown again to the first call.
 */
final class ConnectParticipantClientWarmUp implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ConnectParticipantClientWarmUp.class);

	private final ObjectProvider<ConnectParticipantClient> client;

	ConnectParticipantClientWarmUp(ObjectProvider<ConnectParticipantClient> client) {
		this.client = client;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		ApplicationContext context = event.getApplicationContext();
		Thread thread = new Thread(() -> warmUp(context), "connect-participant-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	void warmUp(ApplicationContext context) {
		try {
			ConnectParticipantClient client = this.client.getIfAvailable();
			if (client != null) {
				client.serviceClientConfiguration();
			}
			if (context.containsBean(ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME)) {
				context.getBean(ConnectParticipantAutoConfiguration.PRESIGNED_HTTP_CLIENT_BEAN_NAME);
			}
		}
		catch (RuntimeException ex) {
			if (context instanceof ConfigurableApplicationContext configurable && !configurable.isActive()) {
				logger.debug("The application closed before the Connect Participant client was created");
				return;
			}
			logger.warn("Could not create the Connect Participant client ahead of its first use: " + ex);
		}
	}

}
