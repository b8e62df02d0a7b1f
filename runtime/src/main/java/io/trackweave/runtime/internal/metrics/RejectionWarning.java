package io.trackweave.runtime.internal.metrics;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Summarises refused calls (at capture, or by Customer.io: a 4xx, a 207 item error) in a warning at
 * most once per period: how many since the last one, by reason, and the latest call with Customer.io's
 * own words. A rejected call is never retried, so this is where a user learns their data is wrong.
 * Like {@link DropWarning}, {@link #rejected} only counts (any thread) and {@link #emit} logs (the
 * batching thread, and close).
 */
public final class RejectionWarning {
  private static final int MAX_REASONS = 32;
  private static final int MAX_MESSAGE = 300;

  private record Latest(String action, String name, String reason, String message) {}

  private final Pace pace;
  private final LogSink sink;
  private final ConcurrentHashMap<String, LongAdder> since = new ConcurrentHashMap<>();
  private volatile Latest latest;

  public RejectionWarning(long periodNanos, LongSupplier nanoClock, LogSink sink) {
    this.pace = new Pace(periodNanos, nanoClock);
    this.sink = sink;
  }

  /** Counts one refused call. Never logs, never blocks. */
  public void rejected(String action, String name, String reason, String message) {
    String key = reason == null ? "unknown" : reason;
    LongAdder n = since.get(key);
    if (n == null) {
      n = since.computeIfAbsent(since.size() >= MAX_REASONS ? "other" : key, k -> new LongAdder());
    }
    n.increment();
    latest = new Latest(action, name, key, message);
  }

  /** Logs the summary if rejections were counted and the period since the last warning has passed. */
  public synchronized void emit() {
    if (!since.isEmpty() && pace.due()) {
      warn();
    }
  }

  /** Logs whatever is counted now, due or not (the runtime is closing). */
  public synchronized void emitNow() {
    if (!since.isEmpty()) {
      pace.wrote();
      warn();
    }
  }

  private void warn() {
    Map<String, Long> counts = new TreeMap<>();
    long total = 0;
    for (String reason : since.keySet()) {
      LongAdder adder = since.remove(reason);
      if (adder != null) {
        long n = adder.sum();
        counts.merge(reason, n, Long::sum);
        total += n;
      }
    }
    if (total == 0) {
      return;
    }
    Latest l = latest;
    StringBuilder text = new StringBuilder("Trackweave: ").append(total)
        .append(" call(s) rejected and not retried ").append(counts);
    if (l != null) {
      text.append("; latest: ").append(l.action());
      if (l.name() != null) {
        text.append(" '").append(l.name()).append('\'');
      }
      String message = l.message() == null ? l.reason() : l.message();
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "...";
      }
      text.append(": ").append(message);
    }
    sink.log(Level.WARNING, text.toString());
  }
}
