package io.trackweave.runtime.internal.capture;

/**
 * The in-process seen-set of dedupe keys: a fixed table of 64-bit fingerprints, 8-way set-associative,
 * so memory is bounded (8 bytes a slot) and each set forgets its oldest key first when a ninth arrives.
 * Forgetting only means a late duplicate is sent, and Customer.io drops it by its derived event id
 * anyway. A check is one short critical section on one of 256 lock stripes: only calls that carry a
 * dedupe key pay it, and concurrent callers with the same key are decided exactly (one wins).
 */
public final class DedupeFilter {
  private static final int WAYS = 8;
  private static final int STRIPES = 256;

  private final long[] slots;
  private final int setMask;
  private final Object[] locks = new Object[STRIPES];

  public DedupeFilter(int capacity) {
    int size = Integer.highestOneBit(Math.max(64, Math.min(capacity, 1 << 26)));
    if (size < capacity && size < (1 << 26)) {
      size <<= 1;
    }
    this.slots = new long[size];
    this.setMask = size / WAYS - 1;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Records the key with these ULID halves and answers whether it is the first sighting. Exactly one
   * of several concurrent callers with the same key wins.
   */
  public boolean firstSighting(long idHigh, long idLow) {
    long fingerprint = idLow == 0 ? 1 : idLow;
    int set = set(idHigh);
    int base = set * WAYS;
    synchronized (locks[set & (STRIPES - 1)]) {
      int empty = -1;
      for (int i = base; i < base + WAYS; i++) {
        long s = slots[i];
        if (s == fingerprint) {
          return false;
        }
        if (s == 0 && empty < 0) {
          empty = i;
        }
      }
      if (empty < 0) {
        // full set: drop its oldest (the first way), keep the order, append the newest
        System.arraycopy(slots, base + 1, slots, base, WAYS - 1);
        empty = base + WAYS - 1;
      }
      slots[empty] = fingerprint;
      return true;
    }
  }

  /**
   * Forgets the key again (its call was dropped, so a later call must not count as a duplicate). The
   * set is compacted: the keys after it move up one way, so the ways stay oldest first with the empty
   * ones last, which is the order eviction and insertion rely on.
   */
  public void forget(long idHigh, long idLow) {
    long fingerprint = idLow == 0 ? 1 : idLow;
    int set = set(idHigh);
    int base = set * WAYS;
    synchronized (locks[set & (STRIPES - 1)]) {
      int to = base;
      for (int i = base; i < base + WAYS; i++) {
        long s = slots[i];
        if (s != fingerprint) {
          slots[to++] = s;
        }
      }
      while (to < base + WAYS) {
        slots[to++] = 0;
      }
    }
  }

  /** The set a key falls in (tests use it to fill one set). */
  int set(long idHigh) {
    long h = idHigh * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & setMask;
  }

  public int capacity() {
    return slots.length;
  }
}
