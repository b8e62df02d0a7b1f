package io.trackweave.runtime.capture;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-process seen-set of dedupe keys: a fixed array of 64-bit fingerprints, one slot per key hash,
 * lock-free. Memory is bounded (8 bytes a slot); a newer key that lands on the same slot evicts the
 * older one, so the set forgets the oldest keys first, roughly. Forgetting only means a late duplicate
 * is sent, and Customer.io drops it by its derived event id anyway.
 */
public final class DedupeFilter {
  private final AtomicLongArray slots;
  private final int mask;

  public DedupeFilter(int capacity) {
    int size = Integer.highestOneBit(Math.max(16, Math.min(capacity, 1 << 26)));
    if (size < capacity && size < (1 << 26)) {
      size <<= 1;
    }
    this.slots = new AtomicLongArray(size);
    this.mask = size - 1;
  }

  /**
   * Records the key with these ULID halves and answers whether it is the first sighting. Exactly one
   * of several concurrent callers with the same key wins.
   */
  public boolean firstSighting(long idHigh, long idLow) {
    long fingerprint = idLow == 0 ? 1 : idLow;
    int slot = slot(idHigh);
    return slots.getAndSet(slot, fingerprint) != fingerprint;
  }

  /** Forgets the key again (its call was dropped, so a later call must not count as a duplicate). */
  public void forget(long idHigh, long idLow) {
    long fingerprint = idLow == 0 ? 1 : idLow;
    slots.compareAndSet(slot(idHigh), fingerprint, 0);
  }

  private int slot(long idHigh) {
    long h = idHigh * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }

  public int capacity() {
    return mask + 1;
  }
}
