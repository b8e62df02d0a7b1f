package io.trackweave.agent.it.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ordinary application for the outage tests: from its first line it makes {@code it.calls} tracked
 * calls as fast as it can (order ids {@code it.prefix}0, 1, ...), prints {@code ACCEPTED n}, then lives
 * until the file {@code it.stopFile} appears (or at once without one) and returns from main normally.
 */
public final class BurstApp {
  private BurstApp() {}

  public static void main(String[] args) throws Exception {
    int calls = Integer.getInteger("it.calls", 0);
    String prefix = System.getProperty("it.prefix", "o-");
    Shop shop = new Shop();
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      shop.confirmPayment("cust-" + (i % 50), new Order(prefix + i, 10 + i % 7, "EUR"));
    }
    System.out.println("ACCEPTED " + calls + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    String stop = System.getProperty("it.stopFile");
    if (stop != null) {
      Path file = Path.of(stop);
      while (!Files.exists(file)) {
        Thread.sleep(20);
      }
    }
    System.out.println("DONE");
  }
}
