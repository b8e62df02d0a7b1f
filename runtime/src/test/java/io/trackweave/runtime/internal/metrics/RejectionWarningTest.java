package io.trackweave.runtime.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RejectionWarningTest {
  final long[] now = {1_000};
  final List<String> lines = new ArrayList<>();
  final RejectionWarning warning =
      new RejectionWarning(TimeUnit.SECONDS.toNanos(30), () -> now[0], (level, message) -> lines.add(level + " " + message));

  @Test
  void summarisesByReasonWithCustomerIosWordsAtMostOncePerPeriod() {
    warning.rejected("event", "order_completed", "invalid", "invalid (field name): must not be blank");
    warning.rejected("event", "order_completed", "invalid", "invalid (field name): must not be blank");
    warning.rejected("identify", null, "identifier_too_long", "an identifier is longer than 150 bytes");
    warning.emit();
    assertThat(lines).containsExactly("WARNING Trackweave: 3 call(s) rejected and not retried"
        + " {identifier_too_long=1, invalid=2}; latest: identify: an identifier is longer than 150 bytes");

    warning.rejected("event", "viewed", "invalid", "too big");
    warning.emit(); // within the period: counted, not written
    assertThat(lines).hasSize(1);
    now[0] += TimeUnit.SECONDS.toNanos(30);
    warning.emit();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo(
        "WARNING Trackweave: 1 call(s) rejected and not retried {invalid=1}; latest: event 'viewed': too big");
  }

  @Test
  void closingWritesWhatIsCountedWhetherDueOrNot() {
    warning.emit();
    assertThat(lines).isEmpty();
    warning.rejected("event", "paid", "unauthorized", "Customer.io answered 401");
    warning.emit();
    warning.rejected("event", "paid", "unauthorized", "Customer.io answered 401");
    warning.emitNow();
    assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("{unauthorized=1}"));
    assertThat(lines.get(0)).startsWith(Level.WARNING.name());
  }
}
