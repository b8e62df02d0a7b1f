package io.trackweave.testkit.internal.activity;

import io.trackweave.testkit.model.CallRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The latest Track API calls, newest last, bounded to a fixed number (older calls are dropped, counted).
 * Thread-safe.
 */
public final class CallLog {
  private final int capacity;
  private final ArrayDeque<CallRecord> calls = new ArrayDeque<>();
  private long nextSeq = 1;
  private long total;
  private long failed;

  public CallLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** The number the next call gets. */
  public synchronized long nextSeq() {
    return nextSeq++;
  }

  public synchronized void add(CallRecord call) {
    total++;
    if (call.status() == 0 || call.status() >= 400) {
      failed++;
    }
    calls.addLast(call);
    if (calls.size() > capacity) {
      calls.removeFirst();
    }
  }

  /** The latest {@code max} calls, newest first. */
  public synchronized List<CallRecord> latest(int max) {
    List<CallRecord> out = new ArrayList<>(Math.min(max, calls.size()));
    for (Iterator<CallRecord> it = calls.descendingIterator(); it.hasNext() && out.size() < max; ) {
      out.add(it.next());
    }
    return out;
  }

  /** Every call kept, oldest first. */
  public synchronized List<CallRecord> all() {
    return new ArrayList<>(calls);
  }

  /** Calls received since start (or reset), including those no longer kept. */
  public synchronized long total() {
    return total;
  }

  /** Calls answered with 4xx/5xx or reset. */
  public synchronized long failed() {
    return failed;
  }

  public synchronized void clear() {
    calls.clear();
    nextSeq = 1;
    total = 0;
    failed = 0;
  }
}
