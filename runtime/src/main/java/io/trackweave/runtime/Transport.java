package io.trackweave.runtime;

import java.util.Locale;

/** Where the runtime hands captured calls: Customer.io itself, or a Kafka topic that trackweave-relay drains. */
public enum Transport {
  /** Customer.io's Track API over HTTPS (the default). */
  HTTP,
  /**
   * A Kafka topic ({@code kafka.topic}), one record per call keyed by the person, delivered to Customer.io
   * by trackweave-relay. Needs trackweave-kafka (and kafka-clients) on the class path.
   */
  KAFKA;

  public static Transport parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "http":
        return HTTP;
      case "kafka":
        return KAFKA;
      default:
        throw new IllegalArgumentException("unknown transport '" + text + "': use http or kafka");
    }
  }
}
