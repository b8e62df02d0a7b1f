package io.trackweave.testkit.model;

import java.util.List;

/**
 * One operation of a call, as logged.
 *
 * @param batchIndex the item's index in a v2 batch, or -1 outside a batch
 * @param description what the operation asked for, e.g. {@code event order_completed for id=42}
 * @param outcome what the emulator did, e.g. {@code stored for cio_e0000001}, or why the item was invalid
 * @param accepted false when the item was rejected (invalid) or changed nothing
 * @param violations how it broke the tracking plan
 */
public record OperationRecord(
    int batchIndex, String description, String outcome, boolean accepted, List<PlanViolation> violations) {
  public OperationRecord {
    violations = List.copyOf(violations);
  }
}
