package io.trackweave.runtime.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file system that fills up on demand, for the spool's real write path: segment files are real
 * files, but while {@link #fill full}, writes take only the few bytes of room left (a short write, as
 * on a real disk) and then fail with ENOSPC's message, and fsync fails likewise.
 */
final class FullDisk implements SegmentFiles {
  static final String ENOSPC = "No space left on device";

  private volatile boolean full;
  private volatile int room;
  final AtomicInteger created = new AtomicInteger();
  final AtomicInteger failedWrites = new AtomicInteger();

  /** From now on only {@code bytesLeft} more bytes fit. */
  void fill(int bytesLeft) {
    room = bytesLeft;
    full = true;
  }

  void free() {
    full = false;
  }

  @Override
  public FileChannel create(Path path) throws IOException {
    created.incrementAndGet();
    return new Channel(SegmentFiles.REAL.create(path));
  }

  private synchronized int take(int wanted) throws IOException {
    if (!full) {
      return wanted;
    }
    if (room == 0) {
      failedWrites.incrementAndGet();
      throw new IOException(ENOSPC);
    }
    int n = Math.min(room, wanted);
    room -= n;
    return n;
  }

  private final class Channel extends FileChannel {
    private final FileChannel real;

    Channel(FileChannel real) {
      this.real = real;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = take(src.remaining());
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + n);
      int written = real.write(part);
      src.position(src.position() + written);
      return written;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (full) {
        throw new IOException(ENOSPC);
      }
      real.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      throw new UnsupportedOperationException("the spool writes one buffer at a time");
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size); // freeing space works on a full disk
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      throw new UnsupportedOperationException("the spool appends");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }
}
