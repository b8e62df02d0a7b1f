package io.trackweave.runtime.internal.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** Creates a new segment file for writing: the one seam between the spool thread and the file system. */
@FunctionalInterface
interface SegmentFiles {
  FileChannel create(Path path) throws IOException;

  /** The file system: a new file only the owner may read and write. */
  SegmentFiles REAL = new Real(); // a class, not a lambda: opening the spool spins none

  /** The file system. */
  final class Real implements SegmentFiles {
    @Override
    public FileChannel create(Path path) throws IOException {
      return FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          OwnerOnly.file(path));
    }
  }
}
