package io.github.connectparticipant.autoconfigure;

import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;

/**
 * What one of the starter's beans leaves out of the application's start-up: created once,
 * by the first call that needs it or by {@link ConnectParticipantWarmUp} once the
 * application is ready, whichever comes first. A creation that fails is tried again by
 * the next call.
 *
 * @param <T> what is created
 */
final class Deferred<T> {

	private final SingletonSupplier<T> instance;

	private volatile boolean created;

	Deferred(Supplier<? extends T> factory) {
		this.instance = SingletonSupplier.of(() -> {
			T instance = factory.get();
			this.created = true;
			return instance;
		});
	}

	/**
	 * What is deferred, created by this call if no call has created it yet.
	 * @return the instance
	 */
	T get() {
		return this.instance.obtain();
	}

	/**
	 * Whether it has been created.
	 * @return {@code true} once a call has created it
	 */
	boolean isCreated() {
		return this.created;
	}

}
