package io.trackweave.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the runtime logs (System.Logger goes to java.util.logging here), with the thread each
 * record was logged on.
 */
public final class LogRecorder extends Handler implements AutoCloseable {
  /** One record: level, formatted message, and the logging thread's name. */
  public record Entry(Level level, String message, String thread) {}

  private final Logger logger;
  private final Level previous;
  public final List<Entry> entries = new CopyOnWriteArrayList<>();

  public LogRecorder(String name) {
    this.logger = Logger.getLogger(name); // held: JUL keeps loggers weakly
    this.previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Everything the runtime logs under io.trackweave.runtime (and its children). */
  public static LogRecorder runtime() {
    return new LogRecorder("io.trackweave.runtime");
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    Object[] params = record.getParameters();
    if (params != null && params.length > 0) {
      message = java.text.MessageFormat.format(message, params);
    }
    entries.add(new Entry(record.getLevel(), message, Thread.currentThread().getName()));
  }

  public List<Entry> at(Level level) {
    return entries.stream().filter(e -> e.level().equals(level)).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
