package io.github.connectparticipant.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Creates, on a background thread once the application is ready, what the starter leaves
 * out of the start-up: the services behind the {@code AttachmentService} and
 * {@code TranscriptService} beans ({@link Deferred}), the
 * {@link ConnectParticipantClient} bean and the pre-signed URLs' HTTP client (both
 * created on first use). Neither the start-up nor, usually, the first call then pays for
 * loading the library's classes and the AWS SDK and for setting up TLS. A call that comes
 * first creates what it needs itself; each is created once either way. A failure is
 * logged here and thrown again to the first call.
 */
final class ConnectParticipantWarmUp implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ConnectParticipantWarmUp.class);

	private final ObjectProvider<ConnectParticipantClient> client;

	private final List<Deferred<?>> deferred = new CopyOnWriteArrayList<>();

	ConnectParticipantWarmUp(ObjectProvider<ConnectParticipantClient> client) {
		this.client = client;
	}

	/**
	 * Have what a bean defers created once the application is ready.
	 * @param deferred what to create
	 */
	void add(Deferred<?> deferred) {
		this.deferred.add(deferred);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		ApplicationContext context = event.getApplicationContext();
		Thread thread = new Thread(() -> warmUp(context), "connect-participant-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	void warmUp(ApplicationContext context) {
		for (Deferred<?> service : this.deferred) {
			try {
				service.get();
			}
			catch (RuntimeException ex) {
				report(context, "a Connect Participant service", ex);
			}
		}
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
			report(context, "the Connect Participant client", ex);
		}
	}

	private static void report(ApplicationContext context, String what, RuntimeException ex) {
		// closing, as an application that stops right after it started does: the context
		// refuses new beans
		if (context instanceof ConfigurableApplicationContext configurable
				&& (configurable.isClosed() || !configurable.isActive())) {
			logger.debug("The application closed before " + what + " could be created");
			return;
		}
		logger.warn("Could not create " + what + " ahead of its first use: " + ex);
	}

}
