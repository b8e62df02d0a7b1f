package io.trackweave.relay;

import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.kafka.KafkaClients;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code java -jar trackweave-relay.jar}: configured from the environment (docs/scale-out.md): Customer.io's
 * {@code CUSTOMERIO_SITE_ID}, {@code CUSTOMERIO_API_KEY}, {@code TRACKWEAVE_REGION} or {@code
 * TRACKWEAVE_ENDPOINT}; {@code TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS}, {@code TRACKWEAVE_KAFKA_TOPIC}, any
 * other Kafka client property as {@code TRACKWEAVE_KAFKA_<PROPERTY>}; {@code TRACKWEAVE_RELAY_GROUP},
 * {@code TRACKWEAVE_RELAY_DEAD_LETTER_TOPIC}; {@code TRACKWEAVE_RATE_LIMIT} is the whole group's budget.
 * Exits 2 for a configuration it cannot run with (saying why), 1 when the relay stopped on an error.
 */
public final class RelayMain {
  static final int BAD_CONFIGURATION = 2;
  /** Held so the level sticks: the Kafka client's INFO lines (every config, every join) drown the relay's own. */
  private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

  private RelayMain() {}

  public static void main(String[] args) {
    if (args.length > 0) {
      System.err.println("trackweave-relay takes no arguments; it is configured from the environment (see"
          + " docs/scale-out.md), e.g. TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS=broker:9092");
      System.exit(BAD_CONFIGURATION);
    }
    if (KAFKA_LOG.getLevel() == null) {
      KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    System.exit(run(TrackweaveConfig.load(Map.of()), System.err));
  }

  /** Runs until the JVM is asked to stop; returns the exit code. */
  static int run(TrackweaveConfig config, PrintStream err) {
    for (String problem : config.problems()) {
      err.println("trackweave-relay: configuration: " + problem);
    }
    String problem = configurationProblem(config);
    if (problem == null) {
      problem = preflight(config);
    }
    if (problem != null) {
      err.println("trackweave-relay: " + problem);
      return BAD_CONFIGURATION;
    }
    String clientId = "trackweave-relay-" + ProcessHandle.current().pid();
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerProperties(config, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Producer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(config, clientId + "-dead-letters"));
    Relay relay = new Relay(config, consumer, new DeadLetters(producer, config.relayDeadLetterTopic()), System::nanoTime);
    ObjectName name = register(relay, clientId);
    Thread hook = new Thread(() -> {
      relay.close();
      producer.close(Duration.ofSeconds(2));
      err.println(status(relay) + " (stopped)");
    }, "trackweave-relay-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    relay.start();
    err.println("trackweave-relay: consuming " + config.kafkaTopic() + " at " + bootstrapServers(config) + " as group "
        + config.relayGroup() + "; delivering to " + config.baseUrl() + "; rejected and undecodable records go to "
        + config.relayDeadLetterTopic());
    long nextStatus = System.nanoTime();
    while (relay.isRunning()) {
      if (System.nanoTime() - nextStatus >= 0) {
        nextStatus = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        err.println(status(relay));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        break;
      }
    }
    unregister(name);
    return 1; // the poll loop stopped on its own: it logged why
  }

  static String status(Relay relay) {
    long oldest = relay.stats.oldestUndeliveredMillis;
    return String.format(Locale.ROOT,
        "trackweave-relay: lag=%d oldest_undelivered_age_s=%d delivered=%d dead_lettered=%d undecodable=%d"
            + " rewinds=%d partitions=%d/%d requests_per_s=%.2f",
        relay.stats.lag, oldest < 0 ? 0 : (System.currentTimeMillis() - oldest) / 1000,
        relay.stats.delivered.get(), relay.stats.deadLettered.get(), relay.stats.undecodable.get(),
        relay.stats.rewinds.get(), relay.stats.partitionsHeld, relay.stats.partitionsTotal, relay.budgetShare());
  }

  static String configurationProblem(TrackweaveConfig config) {
    if (!config.hasCredentials()) {
      return "CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY must be set: the relay delivers to Customer.io";
    }
    String endpoint = config.endpointProblem();
    if (endpoint != null) {
      return endpoint;
    }
    if (bootstrapServers(config) == null) {
      return "TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS must be set (host:port,...)";
    }
    return null;
  }

  /** Null when the brokers answer and both topics exist; else what is wrong and how to fix it. */
  static String preflight(TrackweaveConfig config) {
    Map<String, Object> p = KafkaClients.common(config);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    try (Admin admin = Admin.create(p)) {
      try {
        admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        return "Kafka at " + bootstrapServers(config) + " is unreachable (" + cause(e) + "); check"
            + " TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS and the network, and the client settings (TRACKWEAVE_KAFKA_SECURITY_PROTOCOL, ...)";
      }
      for (String topic : List.of(config.kafkaTopic(), config.relayDeadLetterTopic())) {
        try {
          Map<String, TopicDescription> d = admin.describeTopics(Set.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS);
          if (d.get(topic).partitions().isEmpty()) {
            return "topic " + topic + " has no partitions";
          }
        } catch (ExecutionException e) {
          if (e.getCause() instanceof UnknownTopicOrPartitionException) {
            String setting = topic.equals(config.kafkaTopic()) ? "TRACKWEAVE_KAFKA_TOPIC" : "TRACKWEAVE_RELAY_DEAD_LETTER_TOPIC";
            return "topic " + topic + " does not exist (" + setting + "); create it, e.g. kafka-topics.sh --create"
                + " --topic " + topic + " --partitions 12 --bootstrap-server " + bootstrapServers(config)
                + " (the relay never creates topics: their partitions are the fleet's unit of work and budget)";
          }
          return "cannot describe topic " + topic + " (" + cause(e) + ")";
        } catch (TimeoutException e) {
          return "Kafka at " + bootstrapServers(config) + " did not describe topic " + topic + " within 15 s";
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (RuntimeException e) {
      return "cannot use the Kafka client settings: " + e.getMessage();
    }
    return null;
  }

  static Map<String, Object> consumerProperties(TrackweaveConfig config, String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(500, config.batchMaxOperations()));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.putAll(KafkaClients.common(config));
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.relayGroup());
    // offsets are the relay's promise: committed only after Customer.io settled what they cover
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return p;
  }

  private static String cause(Exception e) {
    Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  private static ObjectName register(Relay relay, String clientId) {
    try {
      ObjectName name = new ObjectName("io.trackweave:type=Relay,name=" + ObjectName.quote(clientId));
      ManagementFactory.getPlatformMBeanServer().registerMBean(new RelayMXBean() {
        @Override
        public long getLag() {
          return relay.stats.lag;
        }

        @Override
        public long getOldestUndeliveredAgeSeconds() {
          long o = relay.stats.oldestUndeliveredMillis;
          return o < 0 ? 0 : Math.max(0, (System.currentTimeMillis() - o) / 1000);
        }

        @Override
        public long getDelivered() {
          return relay.stats.delivered.get();
        }

        @Override
        public long getDeadLettered() {
          return relay.stats.deadLettered.get();
        }

        @Override
        public long getUndecodable() {
          return relay.stats.undecodable.get();
        }

        @Override
        public long getRewinds() {
          return relay.stats.rewinds.get();
        }

        @Override
        public int getPartitionsHeld() {
          return relay.stats.partitionsHeld;
        }

        @Override
        public int getPartitionsTotal() {
          return relay.stats.partitionsTotal;
        }

        @Override
        public double getRequestsPerSecond() {
          return relay.budgetShare();
        }
      }, name);
      return name;
    } catch (Exception e) {
      return null; // metrics are a convenience: the relay runs without its MBean
    }
  }

  private static void unregister(ObjectName name) {
    if (name != null) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      } catch (Exception ignored) {
        // gone already
      }
    }
  }

  /** {@code kafka.bootstrap.servers}, or null when unset. */
  private static String bootstrapServers(TrackweaveConfig config) {
    return config.kafkaProperties().get("bootstrap.servers");
  }
}
