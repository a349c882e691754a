package io.github.connectparticipant.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What one of the starter's beans leaves out of the application's start-up: created
 * once, by the first call that needs it or by {@link ConnectParticipantWarmUp} once the
 * application is ready, whichever comes first. A creation that fails is tried again by
 * the next call.
 *
 * @param <T> what is created
 */
final class Deferred<T> {

	private final Supplier<? extends T> factory;

	private volatile @Nullable T instance;

	Deferred(Supplier<? extends T> factory) {
		this.factory = factory;
	}

	/**
	 * What is deferred, created by this call if no call has created it yet.
	 * @return the instance
	 */
	T get() {
		T instance = this.instance;
		if (instance == null) {
			synchronized (this) {
				instance = this.instance;
				if (instance == null) {
					instance = this.factory.get();
					this.instance = instance;
				}
			}
		}
		return instance;
	}

	/**
	 * Whether it has been created.
	 * @return {@code true} once a call has created it
	 */
	boolean isCreated() {
		return this.instance != null;
	}

}
