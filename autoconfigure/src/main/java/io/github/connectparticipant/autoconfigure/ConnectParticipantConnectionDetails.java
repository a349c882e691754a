package io.github.connectparticipant.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Amazon Connect Participant Service is: a Boot service connection. When a bean
 * of this type is present it wins over {@code connect.participant.endpoint} and
 * {@code connect.participant.region}; the embedded emulator and the test support provide
 * one.
 */
public interface ConnectParticipantConnectionDetails extends ConnectionDetails {

	/**
	 * Endpoint of the service, or {@code null} to derive it from the region.
	 * @return the endpoint override
	 */
	@Nullable URI getEndpoint();

	/**
	 * AWS region, or {@code null} to let the AWS SDK's region provider chain decide.
	 * @return the region name
	 */
	@Nullable String getRegion();

}
