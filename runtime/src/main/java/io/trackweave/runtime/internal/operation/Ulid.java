package io.trackweave.runtime.internal.operation;

import java.util.concurrent.ThreadLocalRandom;

/**
 * ULIDs (https://github.com/ulid/spec) kept as two longs so capture allocates no string: the text form
 * is made on the batching thread.
 *
 * <p>A <em>derived</em> ULID, for an event with a dedupe key, is a pure function of (event name, key):
 * a 128-bit hash of the two, whose time part is folded into 2020-01-01 .. 2029-12-31 so it is a
 * plausible ULID timestamp, and whose other 80 bits are hash bits. Every retry, replay and process
 * sends the same id for the same (event, key), so Customer.io drops the duplicates. The hash reads the
 * strings' UTF-16 code units, which are the same on every JVM.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long EPOCH_2020_MILLIS = 1_577_836_800_000L;
  private static final long TEN_YEARS_MILLIS = 315_576_000_000L;

  private Ulid() {}

  /** The high half of a fresh ULID for {@code epochMillis}. */
  public static long randomHigh(long epochMillis) {
    return (epochMillis << 16) | (ThreadLocalRandom.current().nextLong() & 0xFFFFL);
  }

  public static long randomLow() {
    return ThreadLocalRandom.current().nextLong();
  }

  /** The high half of the derived ULID for (event, key): a hash-derived time part, then 16 hash bits. */
  public static long hashHigh(String event, String key) {
    long h1 = fold(0xcbf29ce484222325L, event, key, FNV_PRIME);
    long h2 = fold(0x84222325cbf29ce4L, event, key, 0x9E3779B97F4A7C15L);
    long a = mix(h1 + h2);
    long b = mix(h2 ^ Long.rotateLeft(h1, 31));
    long time = EPOCH_2020_MILLIS + Long.remainderUnsigned(a, TEN_YEARS_MILLIS);
    return (time << 16) | (b >>> 48);
  }

  /** The low half of the derived ULID for (event, key); see {@link #hashHigh}. */
  public static long hashLow(String event, String key) {
    long h1 = fold(0x6a09e667f3bcc909L, event, key, FNV_PRIME);
    long h2 = fold(0xbb67ae8584caa73bL, event, key, 0xC2B2AE3D27D4EB4FL);
    return mix(h1 ^ Long.rotateLeft(h2, 17)) ^ mix(h2 + 0x9E3779B97F4A7C15L);
  }

  /** Multiplicative hash of event, a separator, then key, from {@code seed} with {@code prime}. */
  private static long fold(long seed, String event, String key, long prime) {
    long h = seed;
    for (int i = 0; i < event.length(); i++) {
      h = (h ^ event.charAt(i)) * prime;
    }
    // a separator that cannot occur in names keeps ("ab","c") apart from ("a","bc")
    h = (h ^ 0x1F) * prime;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * prime;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** The milliseconds part of a ULID's high half. */
  public static long timeMillis(long high) {
    return high >>> 16;
  }

  /** Crockford base32, 26 characters, most significant first. */
  public static String toString(long high, long low) {
    char[] out = new char[26];
    fill(high, low, out);
    return new String(out);
  }

  /** Writes the 26 characters into {@code out} (no allocation, for the encoder). */
  public static void fill(long high, long low, char[] out) {
    // 128 bits in 26 five-bit groups: the first group holds the top 3 bits (the spec's leading 2 are 0)
    for (int i = 25; i >= 0; i--) {
      int shift = (25 - i) * 5;
      int v;
      if (shift + 5 <= 64) {
        v = (int) ((low >>> shift) & 31);
      } else if (shift < 64) {
        v = (int) (((low >>> shift) | (high << (64 - shift))) & 31);
      } else {
        v = (int) ((high >>> (shift - 64)) & 31);
      }
      out[i] = ALPHABET[v];
    }
  }

  /** Parses the text form (for tests and spools). */
  public static long[] parse(String text) {
    if (text.length() != 26) {
      throw new IllegalArgumentException("a ULID has 26 characters: " + text);
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 26; i++) {
      int v = indexOf(Character.toUpperCase(text.charAt(i)));
      // shift the 128-bit (high, low) left by 5 and add v
      high = (high << 5) | (low >>> 59);
      low = (low << 5) | v;
    }
    return new long[] {high, low};
  }

  private static int indexOf(char c) {
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == c) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a Crockford base32 character: " + c);
  }
}
