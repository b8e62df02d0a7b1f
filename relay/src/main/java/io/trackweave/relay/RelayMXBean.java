package io.trackweave.relay;

/** The relay's metrics, as the MBean {@code io.trackweave:type=Relay,name=<client id>}. */
public interface RelayMXBean {
  /** Records in the held partitions not yet delivered or dead-lettered. */
  long getLag();

  /** Age of the oldest undelivered operation (since its capture), in seconds; 0 when there is none. */
  long getOldestUndeliveredAgeSeconds();

  long getDelivered();

  long getDeadLettered();

  /** Records that could not be decoded (damaged, or a newer encoding version), dead-lettered. */
  long getUndecodable();

  /** Times a partition was rewound and paused because Customer.io could not take its operations. */
  long getRewinds();

  int getPartitionsHeld();

  int getPartitionsTotal();

  /** This relay's share of the workspace's requests/s. */
  double getRequestsPerSecond();
}
