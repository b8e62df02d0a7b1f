package io.trackweave.relay;

import java.util.ArrayDeque;
import org.apache.kafka.common.TopicPartition;

/** What the relay knows about one partition it holds. Poll thread only. */
final class PartitionBook {
  final TopicPartition tp;
  /** The rebalance that gave it to this relay: completions of older batches are not its. */
  final long generation;
  /** Fetched and not yet settled, in offset order. */
  final ArrayDeque<Pending> entries = new ArrayDeque<>();
  /** Entries not yet handed to a sender. */
  int waiting;
  boolean inFlight;
  /** Paused after a failure until {@link #backoffUntil}. */
  boolean backingOff;
  long backoffUntil;
  /** Paused because enough records wait here already. */
  boolean fetchPaused;
  /** Failures in a row, for the backoff. */
  int failures;
  /** Every offset below this one is delivered or dead-lettered: the offset to commit; -1 before any. */
  long settledThrough = -1;
  long committed = -1;
  /** The offset the partition was last rewound to, or -1. */
  long rewoundTo = -1;
  /** The capture time (ms) of the record it was rewound to, while none is fetched again; else -1. */
  long heldSinceMillis = -1;

  PartitionBook(TopicPartition tp, long generation) {
    this.tp = tp;
    this.generation = generation;
  }

  /** May take a batch now: records wait, none is in flight, no backoff. */
  boolean eligible() {
    return waiting > 0 && !inFlight && !backingOff;
  }

  /** When the first waiting record was fetched. */
  long firstWaitingSince() {
    for (Pending p : entries) {
      if (p.state == Pending.State.WAITING) {
        return p.fetchedAt;
      }
    }
    return Long.MAX_VALUE;
  }
}
