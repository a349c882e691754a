package io.github.connectparticipant.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * {@link ConnectParticipantConnectionDetails} from {@link ConnectParticipantProperties}.
 */
final class PropertiesConnectParticipantConnectionDetails implements ConnectParticipantConnectionDetails {

	private final ConnectParticipantProperties properties;

	PropertiesConnectParticipantConnectionDetails(ConnectParticipantProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable URI getEndpoint() {
		return this.properties.getEndpoint();
	}

	@Override
	public @Nullable String getRegion() {
		return this.properties.getRegion();
	}

}
