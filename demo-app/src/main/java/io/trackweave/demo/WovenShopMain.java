package io.trackweave.demo;

import io.trackweave.demo.shop.ShopScenarios;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import java.time.Duration;
import java.util.Map;

/**
 * The shop for teams that cannot attach an agent: its classes were woven at build time by
 * byte-buddy-maven-plugin, so all it does is install the runtime before business code runs.
 */
public final class WovenShopMain {
  private WovenShopMain() {}

  public static void main(String[] args) {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(TrackweaveConfig.load(Map.of())).installGlobally();
    new ShopScenarios(System.out).runAll();
    DeliveryReport report = runtime.close(Duration.ofSeconds(10));
    System.out.println("trackweave: " + report);
  }
}
