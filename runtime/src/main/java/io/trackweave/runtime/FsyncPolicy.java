package io.trackweave.runtime;

import java.util.Locale;

/**
 * When spool writes are forced to the disk. A write reaches the OS page cache at once, so a killed
 * process (kill -9, OOM kill) loses nothing already written under any policy; the policy decides what
 * an OS crash or power loss can take.
 */
public enum FsyncPolicy {
  /** fsync before a flush or a sender's hand-over returns: an OS crash loses nothing acknowledged. */
  ALWAYS,
  /** fsync at most every {@code spool.fsync.interval}: an OS crash loses up to that much. */
  INTERVAL,
  /** Never fsync (the OS writes back in its own time, on Linux typically within 30 s). */
  NEVER;

  public static FsyncPolicy parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "always":
        return ALWAYS;
      case "interval":
        return INTERVAL;
      case "never":
        return NEVER;
      default:
        throw new IllegalArgumentException("not an fsync policy: '" + text + "' (use always, interval or never)");
    }
  }

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
