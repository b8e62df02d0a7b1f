package io.trackweave.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StalenessTest {
  private final AtomicLong now = new AtomicLong(Duration.ofDays(1000).toMillis());
  private final List<String> logged = new ArrayList<>();
  private final Staleness staleness = new Staleness(now::get, new Recorder());

  @Test
  void warnsFrom48HoursAndErrsPast72AtMostEveryTenMinutes() {
    long hour = Duration.ofHours(1).toMillis();
    assertThat(staleness.check(-1)).isNull();
    assertThat(staleness.check(now.get() - 47 * hour)).isNull();
    assertThat(staleness.check(now.get() - 49 * hour)).isEqualTo(Level.WARNING);
    assertThat(logged.get(0)).contains("49.0 hours", "72 hours");
    assertThat(staleness.check(now.get() - 49 * hour)).as("rate-limited").isNull();
    now.addAndGet(Duration.ofMinutes(10).toMillis());
    assertThat(staleness.check(now.get() - 73 * hour)).isEqualTo(Level.ERROR);
    assertThat(logged.get(1)).contains("past it");
  }

  private final class Recorder implements Logger {
    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      logged.add(msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      logged.add(format);
    }
  }
}
