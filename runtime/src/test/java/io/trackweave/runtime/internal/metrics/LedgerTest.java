package io.trackweave.runtime.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.MetricsSnapshot;
import org.junit.jupiter.api.Test;

class LedgerTest {
  final LogSink quiet = (level, message) -> {};
  final Ledger ledger = new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, quiet),
      new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, quiet),
      new RejectionWarning(Long.MAX_VALUE / 4, System::nanoTime, quiet),
      new StaleWarning(Long.MAX_VALUE / 4, System::nanoTime, quiet));

  @Test
  void violationsAreCountedPerPropertySoAMisspelledEnumValueIsFoundWhereItHappens() {
    ledger.violation("product_viewed", "category", "value is not one of the plan's enum values");
    ledger.violation("product_viewed", "category", "value is not one of the plan's enum values");
    ledger.violation("order_completed", "revenue", "required property is null or absent");
    MetricsSnapshot m = ledger.snapshot();
    assertThat(m.violations()).isEqualTo(3);
    assertThat(m.violationsByProperty())
        .containsOnly(java.util.Map.entry("order_completed.revenue", 1L), java.util.Map.entry("product_viewed.category", 2L));
  }

  @Test
  void staleEventsAreCounted() {
    ledger.stale("checkout_started", 1_700_000_000L);
    assertThat(ledger.snapshot().staleEvents()).isEqualTo(1);
  }
}
