package io.trackweave.runtime.internal.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * An exclusive OS lock on {@code spool.lock} in the spool directory: two processes (or two runtimes of
 * one process) never share a spool. The OS releases it when the process dies, so kill -9 leaves no
 * stale lock behind.
 */
final class SpoolLock {
  private final FileChannel channel;
  private final FileLock lock;

  private SpoolLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static SpoolLock acquire(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        OwnerOnly.file(file));
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new SpoolLockedException(file.getParent());
    }
    return new SpoolLock(channel, lock);
  }

  void release() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // the OS frees it at exit
    }
  }

  /** Another process (or runtime) holds the spool directory. */
  static final class SpoolLockedException extends IOException {
    SpoolLockedException(Path dir) {
      super("spool directory " + dir + " is in use by another process or runtime (set spool.dir to a separate one)");
    }
  }
}
