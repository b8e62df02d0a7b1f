package com.plain;

import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.util.UUID;

/** Compiled without a plan. */
public class Plain {
  public enum Level { LOW, HIGH }

  public static class Broken {
    public String getToken() { throw new IllegalStateException("boom"); }
  }

  @TrackEvent("thing_done")
  public void go(@CustomerId int userId, @Payload Broken broken) {}

  @TrackEvent("guest_thing")
  public void guest(@AnonymousId UUID visitor, @Prop Level level) {}

  @TrackEvent("ping")
  public void ping(@CustomerId String id) {}

  @TrackEvent("ping")
  public void ping(@CustomerId long id) {}
}
