package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.operation.Operation;
import java.util.List;

/**
 * One sender thread's way of delivering a batch: {@link Delivery} to Customer.io over HTTP, or a
 * transport's own (the Kafka transport publishes to a topic). On return every operation of the batch
 * has been settled exactly once: delivered, rejected, or given up (to the overflow, else dropped).
 */
public interface BatchDelivery {
  void deliver(List<Operation> ops);

  /** The sender thread has ended: release what this delivery owns. */
  default void close() {}
}
