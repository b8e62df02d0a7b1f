package io.trackweave.runtime.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.runtime.Device;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.RejectionWarning;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.StaleWarning;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisabledIntakeTest {
  @Test
  void everyOperationIsCountedAsDroppedDisabledAndNothingIsLoggedOrEnqueued() {
    List<String> logged = new ArrayList<>();
    LogSink sink = (level, message) -> logged.add(message);
    Ledger ledger = new Ledger(null, new DropWarning(0, () -> 0, sink), new ViolationWarning(0, () -> 0, sink),
        new RejectionWarning(0, () -> 0, sink), new StaleWarning(0, () -> 0, sink));
    Intake intake = new DisabledIntake(ledger);
    Person ann = Person.identified(IdentifierType.ID, "ann");
    ObjectRef account = ObjectRef.of("1", "acme");
    intake.identify(ann, Fields.EMPTY, false);
    intake.track(ann, "Order Placed", Fields.EMPTY, Tracker.NOW, null);
    intake.trackAnonymous("visitor-1", "Viewed", Fields.EMPTY, Tracker.NOW, null);
    intake.delete(ann);
    intake.suppress(ann);
    intake.unsuppress(ann);
    intake.addDevice(ann, Device.ios("token-1"));
    intake.deleteDevice(ann, "token-1");
    intake.mergeCustomers(ann, Person.identified(IdentifierType.EMAIL, "ann@example.com"));
    intake.identifyObject(account, Fields.EMPTY, ann);
    intake.deleteObject(account);
    intake.relate(ann, account, null, true);
    intake.close();
    intake.relate(ann, account, null, false); // still disabled after close, not "closed"

    MetricsSnapshot m = ledger.snapshot();
    assertThat(m.droppedByReason()).containsExactly(java.util.Map.entry("disabled", 13L));
    assertThat(ledger.enqueuedCount()).isZero();
    ledger.emitFinalWarnings();
    assertThat(logged).isEmpty();
  }
}
