package io.trackweave.relay;

import io.trackweave.runtime.kafka.KafkaBroker;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.Counts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet demo ({@code relay/fleet-demo.sh}, README "Scale out"): a real KRaft broker, the Track API
 * emulator with its activity page, two relays sharing a budget of 20 requests/s, and three shop services
 * (checkout, billing, subscriptions) publishing with transport=kafka; one relay is killed with -9 halfway.
 * Prints what arrived, then keeps the emulator up for a look until Ctrl-C.
 */
public final class FleetDemo {
  private FleetDemo() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8098;
    Path dir = Files.createTempDirectory("trackweave-fleet-demo");
    System.out.println("Starting a Kafka broker (KRaft, 6 partitions) in its own JVM...");
    KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), 6);
    broker.createTopic("trackweave.operations", 6);
    broker.createTopic("trackweave.operations.dead-letter", 1);
    TrackApiEmulator emulator = TrackApiEmulator.builder().port(port).maxEvents(1_000_000).start();
    List<Child> children = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      children.forEach(Child::close);
      emulator.close();
      broker.close();
    }));
    Map<String, String> env = new HashMap<>();
    env.put("CUSTOMERIO_SITE_ID", emulator.siteId());
    env.put("CUSTOMERIO_API_KEY", emulator.apiKey());
    env.put("TRACKWEAVE_ENDPOINT", emulator.endpoint());
    env.put("TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("TRACKWEAVE_RATE_LIMIT", "20");
    env.put("TRACKWEAVE_BATCH_MAX_OPERATIONS", "50");
    env.put("TRACKWEAVE_FLUSH_INTERVAL", "200ms");
    env.put("TRACKWEAVE_KAFKA_SESSION_TIMEOUT_MS", "6000");
    env.put("TRACKWEAVE_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
    Child relayA = Child.relay("relay-a", dir, env);
    Child relayB = Child.relay("relay-b", dir, env);
    children.add(relayA);
    children.add(relayB);
    System.out.println("Two relays (group trackweave-relay, 20 requests/s between them), three shop services...");
    List<Child> shops = new ArrayList<>();
    for (String name : List.of("checkout", "billing", "subscriptions")) {
      Child shop = Child.producer(name, dir, List.of(name, "20", "40", broker.bootstrapServers(),
          "trackweave.operations", dir.resolve("spool-" + name).toString(), "8000"));
      shops.add(shop);
      children.add(shop);
    }
    int total = 3 * 20 * 40;
    while (emulator.counts().events() < total / 2) {
      Thread.sleep(100);
    }
    System.out.println("Halfway: kill -9 relay-a; relay-b takes its partitions after the session timeout...");
    relayA.kill();
    for (Child shop : shops) {
      shop.await(180);
    }
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (emulator.counts().events() < total && System.nanoTime() - deadline < 0) {
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    Counts c = emulator.counts();
    System.out.printf("%nCustomer.io (emulated) now holds %d people and %d events (%d expected); %d redelivered"
        + " duplicate(s) dropped by event id.%n", c.people(), c.events(), total, c.deduplicated());
    System.out.println("relay-b: " + relayB.lastLine());
    System.out.println("Logs: " + dir);
    System.out.println("Activity log: " + emulator.url());
    System.out.println("The emulator keeps running so you can look; press Ctrl-C to stop.");
    Thread.currentThread().join();
  }
}
