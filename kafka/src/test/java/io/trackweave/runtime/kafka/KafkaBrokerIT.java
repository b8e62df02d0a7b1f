package io.trackweave.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {
  @TempDir Path dir;

  @Test
  void startsAKraftBrokerInItsOwnJvmAndStopsIt() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start(dir, 3)) {
      broker.createTopic("t", 3);
      try (Admin admin = broker.admin()) {
        var topic = admin.describeTopics(Set.of("t")).allTopicNames().get(10, TimeUnit.SECONDS).get("t");
        assertThat(topic.partitions()).hasSize(3);
        assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
      }
    }
  }
}
