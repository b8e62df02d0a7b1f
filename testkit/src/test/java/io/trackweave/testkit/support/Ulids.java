package io.trackweave.testkit.support;

import java.security.SecureRandom;

/** Makes ULIDs for test events. */
public final class Ulids {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ulids() {}

  public static String next() {
    long time = System.currentTimeMillis();
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (time & 31)];
      time >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = CROCKFORD[RANDOM.nextInt(32)];
    }
    return new String(out);
  }
}
