package io.github.connectparticipant.sample.chat;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample application under {@code sample.*}: where chats are started on
 * Amazon Connect, and how many are kept open.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	private final Connect connect = new Connect();

	private final Chats chats = new Chats();

	public Connect getConnect() {
		return this.connect;
	}

	public Chats getChats() {
		return this.chats;
	}

	/**
	 * Amazon Connect's own API, which StartChatContact belongs to.
	 */
	public static class Connect {

		/**
		 * Id of the Amazon Connect instance chats are started on. Required with Amazon
		 * Connect; any value is accepted by the embedded emulator.
		 */
		private @Nullable String instanceId;

		/**
		 * Id of the contact flow the started chats run. Required with Amazon Connect; any
		 * value is accepted by the embedded emulator.
		 */
		private @Nullable String contactFlowId;

		/**
		 * Endpoint of Amazon Connect's API, overriding the one derived from
		 * connect.participant.region. Ignored while the embedded emulator runs.
		 */
		private @Nullable URI endpoint;

		public @Nullable String getInstanceId() {
			return this.instanceId;
		}

		public void setInstanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
		}

		public @Nullable String getContactFlowId() {
			return this.contactFlowId;
		}

		public void setContactFlowId(@Nullable String contactFlowId) {
			this.contactFlowId = contactFlowId;
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

	}

	/**
	 * The chats the application keeps.
	 */
	public static class Chats {

		/**
		 * Largest number of chats kept; beyond it the least recently used chat is
		 * forgotten and its handle answers 404.
		 */
		private int maxOpen = 1000;

		public int getMaxOpen() {
			return this.maxOpen;
		}

		public void setMaxOpen(int maxOpen) {
			this.maxOpen = maxOpen;
		}

	}

}
