package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  @Test
  void secondsAndHttpDates() {
    long now = 1_700_000_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT
    assertThat(RetryAfter.nanos("5", now)).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    assertThat(RetryAfter.nanos("Tue, 14 Nov 2023 22:13:30 GMT", now)).isEqualTo(TimeUnit.SECONDS.toNanos(10));
    assertThat(RetryAfter.nanos("Tue, 14 Nov 2023 22:13:00 GMT", now)).isZero(); // in the past
    assertThat(RetryAfter.nanos(null, now)).isEqualTo(-1);
    assertThat(RetryAfter.nanos("soon", now)).isEqualTo(-1);
  }
}
