package io.github.connectparticipant.chat;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The most recent keys added, up to a bound, the oldest forgotten first: a ring of
 * strings searched from end to end. An idle session holds thousands of these, most with a
 * handful of keys, so the ring is made on the first key and grows with what it holds; a
 * hash set would hold a table and an entry object per key. A search of a few hundred keys
 * costs microseconds, little beside the service call or the frame each key stands for.
 * <p>
 * Not thread-safe: its owner synchronizes.
 */
final class RecentKeys {

	private static final int INITIAL = 4;

	private final int limit;

	private String @Nullable [] keys;

	/** Slots in use; a removed key leaves its slot empty. */
	private int size;

	/** The slot the next key overwrites once the ring is full at its limit. */
	private int oldest;

	/**
	 * Create an empty ring.
	 * @param limit the number of keys remembered
	 */
	RecentKeys(int limit) {
		this.limit = limit;
	}

	/**
	 * Add a key unless it is among the recent ones.
	 * @return whether the key was added (it was not there)
	 */
	boolean add(String key) {
		if (indexOf(key) >= 0) {
			return false;
		}
		String[] keys = this.keys;
		if (keys == null) {
			keys = new String[Math.min(INITIAL, this.limit)];
			this.keys = keys;
		}
		if (this.size < keys.length) {
			keys[this.size++] = key;
		}
		else if (keys.length < this.limit) {
			keys = Arrays.copyOf(keys, Math.min(keys.length * 2, this.limit));
			this.keys = keys;
			keys[this.size++] = key;
		}
		else {
			keys[this.oldest] = key;
			this.oldest = (this.oldest + 1) % keys.length;
		}
		return true;
	}

	/**
	 * Forget a key.
	 */
	void remove(String key) {
		int index = indexOf(key);
		if (index >= 0) {
			this.keys[index] = null;
		}
	}

	/**
	 * Return whether a key is among the recent ones.
	 */
	boolean contains(String key) {
		return indexOf(key) >= 0;
	}

	private int indexOf(String key) {
		String[] keys = this.keys;
		for (int i = 0; i < this.size; i++) {
			if (key.equals(keys[i])) {
				return i;
			}
		}
		return -1;
	}

}
