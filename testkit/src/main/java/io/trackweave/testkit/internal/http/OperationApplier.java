package io.trackweave.testkit.internal.http;

import io.trackweave.testkit.model.OperationRecord;
import io.trackweave.testkit.internal.check.PlanCheck;
import io.trackweave.testkit.internal.model.Applied;
import io.trackweave.testkit.internal.model.Operation;
import io.trackweave.testkit.internal.model.Workspace;
import io.trackweave.testkit.model.PlanViolation;
import java.util.List;

/**
 * The one path from a parsed operation into the workspace, whichever API it came through: checks it against the
 * plan, applies it with its violations attached, and says what became of it for the call log.
 */
final class OperationApplier {
  private final Workspace workspace;
  private final PlanCheck planCheck;

  OperationApplier(Workspace workspace, PlanCheck planCheck) {
    this.workspace = workspace;
    this.planCheck = planCheck;
  }

  /** @param batchIndex the item's index in a batch, or -1 outside one */
  OperationRecord apply(int batchIndex, Operation operation) {
    List<PlanViolation> violations = planCheck.check(operation);
    Applied applied = workspace.apply(operation, violations);
    return new OperationRecord(
        batchIndex, operation.describe(), applied.note(), applied.changed(), violations);
  }
}
