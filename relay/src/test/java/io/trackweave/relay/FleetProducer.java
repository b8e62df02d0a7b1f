package io.trackweave.relay;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.Transport;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A producing service for the fleet tests and the demo, run as a child JVM: the runtime with
 * transport=kafka identifies {@code people} people named {@code <name>-<i>}, then tracks {@code events}
 * events {@code step} for each ({@code n} = 0, 1, ... in order), pacing them over {@code spreadMillis}.
 * Prints {@code PRODUCED <published>} and exits 0 when Kafka acknowledged every call.
 *
 * <p>Arguments: name people events bootstrap topic spoolDir spreadMillis [bigEvery].
 */
public final class FleetProducer {
  private FleetProducer() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    int people = Integer.parseInt(args[1]);
    int events = Integer.parseInt(args[2]);
    String bootstrap = args[3];
    String topic = args[4];
    Path spool = Path.of(args[5]);
    long spread = Long.parseLong(args[6]);
    int bigEvery = args.length > 7 ? Integer.parseInt(args[7]) : 0;
    TrackweaveConfig config = TrackweaveConfig.builder()
        .transport(Transport.KAFKA)
        .kafkaProperty("bootstrap.servers", bootstrap)
        .kafkaTopic(topic)
        .spoolEnabled(true)
        .spoolDir(spool)
        .flushInterval(Duration.ofMillis(20))
        .jmx(false)
        .name(name)
        .build();
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config);
    long start = System.nanoTime();
    int total = people * (events + 1);
    long t0 = System.nanoTime();
    int done = 0;
    for (int p = 0; p < people; p++) {
      runtime.identify(person(name, p), Fields.builder(1).put("producer", name).build());
    }
    done += people;
    for (int n = 0; n < events; n++) {
      for (int p = 0; p < people; p++) {
        Fields.Builder f = Fields.builder(3).put("n", n).put("producer", name);
        if (bigEvery > 0 && (n * people + p) % bigEvery == bigEvery - 1) {
          f.put("blob", "x".repeat(3000)); // fine for Trackweave (32 KB), too large for a strict workspace
        }
        runtime.track(person(name, p), "step", f.build());
        done++;
      }
      long due = start + spread * 1_000_000L * done / total;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    DeliveryReport report = runtime.close(Duration.ofSeconds(60));
    System.out.println("PRODUCED " + report.delivered() + " of " + total + " in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms " + report);
    System.exit(report.delivered() == total ? 0 : 1);
  }

  static Person person(String producer, int p) {
    return Person.identified(IdentifierType.ID, producer + "-" + p);
  }
}
