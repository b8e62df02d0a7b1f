package com.example.shop;

import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import java.util.Map;

/**
 * No agent: the classes were woven at build time, and the application installs the runtime itself,
 * configured from CUSTOMERIO_SITE_ID / CUSTOMERIO_API_KEY (and TRACKWEAVE_* variables).
 */
public final class Main {
  public static void main(String[] args) {
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(TrackweaveConfig.load(Map.of())).installGlobally()) {
      Checkout checkout = new Checkout();
      checkout.register("42", "ada@example.com");
      checkout.complete("42", "o-1", 12.5);
    } // close() flushes within shutdown.timeout
  }
}
