package io.github.connectparticipant.sample.chat;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.function.SingletonSupplier;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.StartChatContactRequest;
import software.amazon.awssdk.services.connect.model.StartChatContactResponse;

/**
 * The one call of Amazon Connect's own API the sample makes, StartChatContact, on a
 * {@link ConnectClient} built at the first call.
 * <p>
 * The client is kept out of the application context on purpose. A bean of type
 * {@code ConnectClient} has Spring read the interface's methods at start-up (to look for
 * event listeners on every bean's type), which loads a request and a response class for
 * each of Amazon Connect's several hundred operations, and building the client loads much
 * of the AWS SDK. Neither is needed until the first chat starts.
 */
public class ConnectApi implements DisposableBean {

	private final SingletonSupplier<ConnectClient> client;

	private volatile boolean built;

	ConnectApi(Supplier<ConnectClient> clientFactory) {
		this.client = SingletonSupplier.of(() -> {
			ConnectClient client = clientFactory.get();
			this.built = true;
			return client;
		});
	}

	/**
	 * Amazon Connect's StartChatContact.
	 * @param request the request
	 * @return the response
	 */
	public StartChatContactResponse startChatContact(Consumer<StartChatContactRequest.Builder> request) {
		return client().startChatContact(request);
	}

	/**
	 * The client, built by the first call that needs it.
	 * @return the client
	 */
	public ConnectClient client() {
		return this.client.obtain();
	}

	/**
	 * Whether the client has been built.
	 * @return {@code true} once a call has needed it
	 */
	boolean isBuilt() {
		return this.built;
	}

	@Override
	public void destroy() {
		if (this.built) {
			this.client.obtain().close();
		}
	}

	@Override
	public String toString() {
		return "ConnectApi[built=" + this.built + "]";
	}

}
